import { GB2260_NAMES } from './gb2260-names.js';

/**
 * GB/T 2260 region codes, as the first six digits of a resident ID number: where it was issued.
 * The 34 province-level divisions are written out here; they have been stable since 1997 (50
 * 重庆市). Prefectures and counties come from the 2023 statistical codes (gb2260-names.ts). Those
 * change every year and an ID keeps the code it was issued with, so an old code (652101, 吐鲁番市
 * before 2015) may have no prefecture or county name: then only the province is given.
 */
const PROVINCES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
};

/** Where a six-digit region code points: the province, and the prefecture and county when known. */
export interface Region {
  province: string;
  prefecture?: string;
  county?: string;
}

let names: Map<string, string> | undefined;

/** The prefecture or county name of a 4- or 6-digit code; the table is split on first use. */
function nameOf(code: string): string | undefined {
  names ??= new Map(GB2260_NAMES.split('|').map((entry) => [entry.slice(0, /^\d{6}/.test(entry) ? 6 : 4), entry.replace(/^\d+/, '')]));
  return names.get(code);
}

/** The province, prefecture and county of a six-digit region code, or undefined when the province is unknown. */
export function regionOf(regionCode: string): Region | undefined {
  const province = provinceOf(regionCode);
  if (!province) return undefined;
  const region: Region = { province };
  const prefecture = nameOf(regionCode.slice(0, 4));
  if (prefecture) region.prefecture = prefecture;
  const county = nameOf(regionCode.slice(0, 6));
  if (county) region.county = county;
  return region;
}

/** The province-level name for a region code's first two digits ('65…' → 新疆维吾尔自治区), or undefined. */
export function provinceOf(regionCode: string): string | undefined {
  return PROVINCES[regionCode.slice(0, 2)];
}
