/**
 * Pattern extraction (src/analyse/patterns), imported directly: it is a pure library. Every case is
 * checked for its offsets (text.slice(start, end) is the mention's text, in UTF-16 units) as well
 * as its value, and every pattern has its look-alikes that must not match. Resident ID numbers are
 * made up here with their checksum computed by the test, never taken from real people. The last
 * suite runs over whole public-domain statutes (../shared/corpus/prc-laws) as ordinary prose.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findPatterns } from '../src/analyse/index.js';
import type { Mention, MentionType } from '../src/domain/entities.js';

/** ISO 7064 MOD 11-2, written out again here so that the test does not trust the code it tests. */
function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

/** A made-up ID whose check character is not the right one. */
function withWrongCheck(id: string): string {
  return id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
}

/** Mentions of the text, after checking every offset and that they are sorted and disjoint. */
function patterns(text: string): Mention[] {
  const found = findPatterns(text);
  let previousEnd = 0;
  for (const m of found) {
    expect(text.slice(m.start, m.end), `${m.type} at ${m.start}`).toBe(m.text);
    expect(m.start, `${m.type} ${m.text} overlaps the one before`).toBeGreaterThanOrEqual(previousEnd);
    expect(m.confidence).toBeGreaterThan(0);
    expect(m.confidence).toBeLessThanOrEqual(1);
    previousEnd = m.end;
  }
  return found;
}

const ofType = (text: string, type: MentionType): Mention[] => patterns(text).filter((m) => m.type === type);
const textsOf = (text: string, type: MentionType): string[] => ofType(text, type).map((m) => m.text);

/** The one mention of a type in the text, which must be exactly `expected`. */
function only(text: string, type: MentionType, expected: string): Mention {
  const found = ofType(text, type);
  expect(found.map((m) => m.text)).toEqual([expected]);
  expect(found[0]!.start).toBe(text.indexOf(expected));
  return found[0]!;
}

describe('resident ID numbers', () => {
  const male = residentId('65010219850314123'); // 123: odd sequence → male
  const female = residentId('11010519491231002');

  it('finds an 18-character ID and decodes birth date, sex and province', () => {
    const text = `被审查人：阿某某，公民身份号码 ${male}，住乌鲁木齐市天山区。`;
    const m = only(text, 'ID_NUMBER', male);
    expect(m.value).toMatchObject({ valid: true, birthDate: '1985-03-14', sex: 'male', regionCode: '650102', province: '新疆维吾尔自治区' });
    expect(m.value).toMatchObject({ prefecture: '乌鲁木齐市', county: '天山区', region: '新疆维吾尔自治区乌鲁木齐市天山区' });
    expect(m.confidence).toBeGreaterThan(0.9);
    expect(only(`身份证号${female}。`, 'ID_NUMBER', female).value).toMatchObject({ birthDate: '1949-12-31', sex: 'female', province: '北京市' });
  });

  it('accepts X and x as the check character', () => {
    let seq = 100;
    let withX = residentId(`54010219900101${seq}`);
    while (!withX.endsWith('X')) withX = residentId(`54010219900101${++seq}`);
    expect(only(`身份证：${withX}`, 'ID_NUMBER', withX).value).toMatchObject({ province: '西藏自治区', id: withX });
    const lower = withX.slice(0, 17) + 'x';
    expect(only(`身份证：${lower}`, 'ID_NUMBER', lower).value).toMatchObject({ id: withX });
  });

  it('decodes every province-level code from 11 北京市 to 82 澳门', () => {
    expect(ofType(residentId('82000019800101001'), 'ID_NUMBER')[0]?.value?.province).toBe('澳门特别行政区');
    expect(ofType(residentId('50010119800101001'), 'ID_NUMBER')[0]?.value?.province).toBe('重庆市');
    expect(ofType(residentId('15010219800101001'), 'ID_NUMBER')[0]?.value?.province).toBe('内蒙古自治区');
  });

  it('names the prefecture and county when the code is in the 2023 table, else the province alone', () => {
    expect(ofType(residentId('65312119790807201'), 'ID_NUMBER')[0]?.value).toMatchObject({ prefecture: '喀什地区', county: '疏附县' });
    const old = ofType(residentId('65210119790807201'), 'ID_NUMBER')[0]; // 吐鲁番市 before 2015
    expect(old?.value).toMatchObject({ province: '新疆维吾尔自治区', region: '新疆维吾尔自治区' });
    expect(old?.value?.county).toBeUndefined();
  });

  it('counts offsets in UTF-16 units when astral characters come first', () => {
    const text = `𠀀𠀁😀 号码${male}`; // three characters outside the BMP: six UTF-16 units
    const m = only(text, 'ID_NUMBER', male);
    expect(m.start).toBe(9);
    expect(m.end).toBe(27);
  });

  it('is not also a phone when it starts like a mobile (河北 13…, 内蒙古 15…)', () => {
    for (const first17 of ['13010219850314123', '15010219850314123']) {
      const id = residentId(first17);
      expect(patterns(`号码${id}`).map((m) => m.type)).toEqual(['ID_NUMBER']);
      expect(patterns(`号码${withWrongCheck(id)}`)).toEqual([]);
    }
  });

  it('does not report a number whose checksum fails, nor take it for a phone', () => {
    expect(patterns(`身份证号 ${withWrongCheck(male)} 无效`)).toEqual([]);
    expect(patterns(withWrongCheck(female))).toEqual([]);
  });

  it('does not report an impossible, future or pre-1900 birth date even when the checksum holds', () => {
    expect(ofType(residentId('65010219990230123'), 'ID_NUMBER')).toEqual([]); // 30 February
    expect(ofType(residentId('65010219991301123'), 'ID_NUMBER')).toEqual([]); // month 13
    expect(ofType(residentId('65010221990101123'), 'ID_NUMBER')).toEqual([]); // born in 2199
    expect(ofType(residentId('65010218990101123'), 'ID_NUMBER')).toEqual([]); // born in 1899
  });

  it('does not report an unknown province code', () => {
    expect(ofType(residentId('99010219850314123'), 'ID_NUMBER')).toEqual([]);
    expect(ofType(residentId('60010219850314123'), 'ID_NUMBER')).toEqual([]);
  });

  it('ignores 18 digits inside a longer run of digits or letters', () => {
    expect(patterns(`9${male}`)).toEqual([]);
    expect(patterns(`${male}7`)).toEqual([]);
    expect(patterns(`SN${male}A`)).toEqual([]);
  });

  it('does not take an 18-digit order number for an ID or a phone', () => {
    expect(patterns('订单号：201703150000123456，运单号 773012345678901234。')).toEqual([]);
  });
});

describe('phone numbers', () => {
  it('finds Chinese mobiles with or without +86 / 0086, spaces and dashes', () => {
    const cases: Array<[string, string]> = [
      ['联系人手机13800138000。', '13800138000'],
      ['手机：138 0013 8000', '138 0013 8000'],
      ['手机：138-0013-8000', '138-0013-8000'],
      ['Mobile: +86 138 0013 8000', '+86 138 0013 8000'],
      ['电话+8613800138000', '+8613800138000'],
      ['电话 0086-139-9110-0000', '0086-139-9110-0000'],
      ['（+86）13800138000', '(+86)13800138000'.replace('(', '（').replace(')', '）')],
    ];
    for (const [text, expected] of cases) {
      const m = only(text, 'PHONE', expected);
      expect(m.value?.e164, text).toBe(expected.includes('139') ? '+8613991100000' : '+8613800138000');
      expect(m.value?.kind).toBe('mobile');
    }
  });

  it('reads full-width digits, pointing into the original text', () => {
    const text = '电话：１３８００１３８０００';
    expect(only(text, 'PHONE', '１３８００１３８０００').value?.e164).toBe('+8613800138000');
  });

  it('finds landlines with their area code, brackets and extensions', () => {
    const cases: Array<[string, string, string, string?]> = [
      ['办公室电话010-12345678，传真同号。', '010-12345678', '+861012345678'],
      ['电话：(0991) 1234567', '(0991) 1234567', '+869911234567'],
      ['电话：（0991）1234567', '（0991）1234567', '+869911234567'],
      ['总机0991-1234567-801转', '0991-1234567-801', '+869911234567', '801'],
      ['上海021-6432 1234', '021-6432 1234', '+862164321234'],
      ['Tel +86 10 6512 3456', '+86 10 6512 3456', '+861065123456'],
      ['喀什地区0998-2821234', '0998-2821234', '+869982821234'],
    ];
    for (const [text, expected, e164, extension] of cases) {
      const m = only(text, 'PHONE', expected);
      expect(m.value, text).toMatchObject({ kind: 'landline', e164 });
      expect(m.value?.extension).toBe(extension);
    }
  });

  it('finds international numbers written with +country code', () => {
    expect(only('London office: +44 20 7946 0958.', 'PHONE', '+44 20 7946 0958').value?.e164).toBe('+442079460958');
    expect(only('Call +1 (202) 555-0143 today', 'PHONE', '+1 (202) 555-0143').value?.e164).toBe('+12025550143');
    expect(only('Paris +33 1 42 68 53 00', 'PHONE', '+33 1 42 68 53 00').value?.e164).toBe('+33142685300');
    expect(only('Tel. +44 (0)20 7946 0958', 'PHONE', '+44 (0)20 7946 0958').value?.e164).toBe('+442079460958');
    expect(only('Almaty +7 727 258 1234', 'PHONE', '+7 727 258 1234').value?.e164).toBe('+77272581234');
    // Past E.164's 15 digits the last groups belong to something else.
    expect(only('+44 20 7946 0958 2017', 'PHONE', '+44 20 7946 0958').value?.e164).toBe('+442079460958');
  });

  it('finds North American numbers written without +1, with lower confidence', () => {
    const m = only('Call the desk at (202) 555-0143 or email us.', 'PHONE', '(202) 555-0143');
    expect(m.value?.e164).toBe('+12025550143');
    expect(m.confidence).toBeLessThan(0.8);
  });

  it('does not take dates, prices, amounts, versions or long digit runs for phones', () => {
    const negatives = [
      '会议于2017-02-03召开。',
      '2017/02/03 至 2017/12/31',
      '单价138.00元，共计13800.00元',
      '罚款13800138000元', // an amount of money, not a number to call
      '余额 ¥13800138000',
      '余额 USD 13800138000',
      '升级到版本1.2.3，或 v10.13.800.138',
      '序列号 123456789012345678901234',
      '编号 1380013800012',
      '账号 6222 0213 8001 3800 0',
      '面积 +5%',
      '共有 +12 人',
      '13.800138000',
      '第138001380号',
      '坐标 0.13800138000',
    ];
    for (const text of negatives) expect(textsOf(text, 'PHONE'), text).toEqual([]);
  });
});

describe('emails and URLs', () => {
  it('finds emails in Chinese and English text, ending before Chinese punctuation', () => {
    expect(only('请发邮件至li.si@example.org，谢谢。', 'EMAIL', 'li.si@example.org').value).toEqual({ address: 'li.si@example.org', domain: 'example.org' });
    expect(only('Contact: John.Doe+leak@Mail.Example.co.uk.', 'EMAIL', 'John.Doe+leak@Mail.Example.co.uk').value?.address).toBe('john.doe+leak@mail.example.co.uk');
    expect(only('邮箱：zhangsan_1985@163.com）', 'EMAIL', 'zhangsan_1985@163.com')).toBeTruthy();
  });

  it('does not take a handle or a bare @ for an email', () => {
    expect(textsOf('@xinjiang 发布 a @ b user@localhost', 'EMAIL')).toEqual([]);
  });

  it('finds http, https, ftp and www. URLs and strips trailing punctuation, ASCII and Chinese', () => {
    const cases: Array<[string, string, string]> = [
      ['详见https://www.gov.cn/zhengce/content.htm。', 'https://www.gov.cn/zhengce/content.htm', 'www.gov.cn'],
      ['网址：http://www.xinjiang.gov.cn/xxgk/index.html，请查阅', 'http://www.xinjiang.gov.cn/xxgk/index.html', 'www.xinjiang.gov.cn'],
      ['（见http://example.com/p?a=1&b=2）', 'http://example.com/p?a=1&b=2', 'example.com'],
      ['「www.example.org」', 'www.example.org', 'www.example.org'],
      ['Files at ftp://files.example.net/pub/leak.zip.', 'ftp://files.example.net/pub/leak.zip', 'files.example.net'],
      ['See https://en.wikipedia.org/wiki/Foo_(bar), then', 'https://en.wikipedia.org/wiki/Foo_(bar)', 'en.wikipedia.org'],
      ['(see https://example.com/a)', 'https://example.com/a', 'example.com'],
      ['访问http://example.com/path中文说明', 'http://example.com/path', 'example.com'],
      ['Visit WWW.EXAMPLE.COM!', 'WWW.EXAMPLE.COM', 'www.example.com'],
      ['见（http://x.com/a)))。', 'http://x.com/a', 'x.com'],
    ];
    for (const [text, expected, host] of cases) expect(only(text, 'URL', expected).value?.host, text).toBe(host);
    expect(ofType('www.example.org', 'URL')[0]?.value?.url).toBe('http://www.example.org');
  });

  it('keeps a URL whole when it contains a date, a phone-like number or an @', () => {
    const text = '原文 https://news.example.cn/2017-02-03/13800138000.html?to=a@b.com 已删除';
    expect(patterns(text).map((m) => [m.type, m.text])).toEqual([['URL', 'https://news.example.cn/2017-02-03/13800138000.html?to=a@b.com']]);
  });

  it('reads a Markdown link whose text is its URL as two URLs', () => {
    const text = '[https://github.com/a/b](https://github.com/a/b)';
    expect(textsOf(text, 'URL')).toEqual(['https://github.com/a/b', 'https://github.com/a/b']);
    expect(ofType(text, 'URL')[1]!.start).toBe(text.lastIndexOf('https:'));
  });

  it('does not take a bare scheme or "www." alone for a URL', () => {
    expect(textsOf('http:// and www. and www.example', 'URL')).toEqual([]);
  });
});

describe('dates', () => {
  const cases: Array<[string, string, string]> = [
    ['2017年2月3日召开会议', '2017年2月3日', '2017-02-03'],
    ['于2017年2月3号', '2017年2月3号', '2017-02-03'],
    ['2017 年 12 月 31 日', '2017 年 12 月 31 日', '2017-12-31'],
    ['截至2017年2月，', '2017年2月', '2017-02'],
    ['二〇一七年二月三日', '二〇一七年二月三日', '2017-02-03'],
    ['二〇一七年二月', '二〇一七年二月', '2017-02'],
    ['二零一七年十二月二十三日', '二零一七年十二月二十三日', '2017-12-23'],
    ['一九九八年十月十日', '一九九八年十月十日', '1998-10-10'],
    ['二〇二〇年三月三十一日', '二〇二〇年三月三十一日', '2020-03-31'],
    ['二〇一七年二月廿三日', '二〇一七年二月廿三日', '2017-02-23'],
    ['date: 2017-02-03.', '2017-02-03', '2017-02-03'],
    ['2017/2/3 12:00', '2017/2/3', '2017-02-03'],
    ['（2017.2.3）', '2017.2.3', '2017-02-03'],
    ['signed on 3 February 2017 in Urumqi', '3 February 2017', '2017-02-03'],
    ['On February 3, 2017, the', 'February 3, 2017', '2017-02-03'],
    ['Feb. 3, 2017', 'Feb. 3, 2017', '2017-02-03'],
    ['3 Feb 2017', '3 Feb 2017', '2017-02-03'],
    ['the 21st September 2019 meeting', '21st September 2019', '2019-09-21'],
    ['in February 2017 the', 'February 2017', '2017-02'],
    ['Sept. 2019', 'Sept. 2019', '2019-09'],
    ['2016年2月29日', '2016年2月29日', '2016-02-29'],
    ['二〇一七年元月五日', '二〇一七年元月五日', '2017-01-05'],
    ['the 3rd of February 2017', '3rd of February 2017', '2017-02-03'],
    ['February 3rd, 2017', 'February 3rd, 2017', '2017-02-03'],
    ['2017-02-03T10:15:00Z', '2017-02-03', '2017-02-03'],
  ];
  it.each(cases)('%s → %s', (text, expected, iso) => {
    const m = only(text, 'DATE', expected);
    expect(m.value?.date).toBe(iso);
    expect(m.value?.precision).toBe(iso.length === 10 ? 'day' : 'month');
  });

  it('finds several dates in one passage, with offsets after astral characters', () => {
    const text = '𠮷𠮷 2017年2月3日至2017年3月，另见二〇一七年二月和 3 February 2017。';
    expect(ofType(text, 'DATE').map((m) => m.value?.date)).toEqual(['2017-02-03', '2017-03', '2017-02', '2017-02-03']);
    expect(ofType(text, 'DATE')[0]!.start).toBe(5);
  });

  it('rejects impossible dates', () => {
    const negatives = ['2017-13-45', '2017年2月30日', '2017年13月', '2017/02/29', '二〇一七年十三月', '31 February 2017', '31st of February 2017', '2017年0月1日', 'February 30, 2017', '二〇一七年二月三十二日'];
    for (const text of negatives) expect(textsOf(text, 'DATE'), text).toEqual([]);
  });

  it('leaves out bare years, days without a year, day-month ambiguity, versions and lower-case verbs', () => {
    const negatives = [
      '2017年全区财政收入',
      '2月3日上午',
      '03/02/2017',
      '版本1.2.3，2017.2.3.4 build',
      'we may 2017',
      'v2017.02.03',
      '12017-02-03',
      '共计2017-02-031',
    ];
    for (const text of negatives) expect(textsOf(text, 'DATE'), text).toEqual([]);
  });
});

describe('official document numbers', () => {
  const cases: Array<[string, string, string, number, number]> = [
    ['新党办发〔2017〕12号', '新党办发〔2017〕12号', '新党办发', 2017, 12],
    ['国发〔2016〕5号', '国发〔2016〕5号', '国发', 2016, 5],
    ['新政办发[2017]12号', '新政办发[2017]12号', '新政办发', 2017, 12],
    ['中办发（2017）3号', '中办发（2017）3号', '中办发', 2017, 3],
    ['喀地委发〔2017〕101号', '喀地委发〔2017〕101号', '喀地委发', 2017, 101],
    ['和田地委发(2017)7号', '和田地委发(2017)7号', '和田地委发', 2017, 7],
    ['根据新党办发〔2017〕12号文件精神', '新党办发〔2017〕12号', '新党办发', 2017, 12],
    ['按照自治区党委文件和国发〔2016〕5号要求', '国发〔2016〕5号', '国发', 2016, 5],
    ['《关于加强管理的通知》（新政办发〔2017〕12号）', '新政办发〔2017〕12号', '新政办发', 2017, 12],
    ['印发京政办字【2017】020号', '京政办字【2017】020号', '京政办字', 2017, 20],
  ];
  it.each(cases)('%s', (text, expected, issuer, year, number) => {
    expect(only(text, 'DOC_NUMBER', expected).value).toEqual({ issuer, year, number });
  });

  it('does not take a year in brackets without a number, or a number without a year, for one', () => {
    expect(textsOf('（2017）年度报告；第12号；〔2017〕12号', 'DOC_NUMBER')).toEqual([]);
  });
});

describe('classification marks', () => {
  const starred: Array<[string, string, string, string?]> = [
    ['绝密★启用前', '绝密★启用前', 'top_secret', '启用前'],
    ['机密★1年', '机密★1年', 'secret', '1年'],
    ['秘密★10年', '秘密★10年', 'confidential', '10年'],
    ['机密★长期', '机密★长期', 'secret', '长期'],
    ['绝密★30年', '绝密★30年', 'top_secret', '30年'],
    ['文件编号：001　机密★', '机密★', 'secret', undefined],
  ];
  it.each(starred)('%s', (text, expected, level, period) => {
    const m = only(text, 'CLASSIFICATION', expected);
    expect(m.value?.level).toBe(level);
    expect(m.value?.period).toBe(period);
    expect(m.confidence).toBeGreaterThan(0.9);
  });

  it('finds a mark standing alone on a header line or in its own brackets', () => {
    const header = '秘密\n新疆维吾尔自治区党委办公厅\n关于加强管理的通知\n';
    expect(only(header, 'CLASSIFICATION', '秘密').value?.level).toBe('confidential');
    expect(only('001234\n  机密  特急\n', 'CLASSIFICATION', '机密').value?.level).toBe('secret');
    expect(only('【绝密】会议纪要', 'CLASSIFICATION', '绝密').value?.level).toBe('top_secret');
    expect(only('TOP SECRET//NOFORN\nMemo', 'CLASSIFICATION', 'TOP SECRET').value?.level).toBe('top_secret');
  });

  it('reports 内部 marks as the lower level internal, with lower confidence on a bare line', () => {
    const m = only('内部资料\n注意保存\n', 'CLASSIFICATION', '内部资料');
    expect(m.value?.level).toBe('internal');
    expect(m.confidence).toBeLessThan(0.8);
    expect(only('内部★', 'CLASSIFICATION', '内部★').value?.level).toBe('internal');
  });

  it('does not take the words in running prose for marks', () => {
    const prose = [
      '这是一个秘密的行动，知情者不得外传。',
      '侵犯商业秘密的，依法承担责任。',
      '国家秘密的密级分为绝密、机密、秘密三级。',
      '机密文件应当由专人保管。',
      '秘密地进行调查',
      '内部管理制度',
      'It was a secret. The SECRET ingredient.',
      '  内部人员',
      '秘密 的 行动 已经 被 发现 ， 相关 人员 已 被 处理 。', // OCR output, spaced word by word
    ];
    for (const text of prose) expect(textsOf(text, 'CLASSIFICATION'), text).toEqual([]);
  });
});

describe('a whole leaked page', () => {
  it('finds each kind once, in order, with nothing overlapping', () => {
    const id = residentId('65312119790807201');
    const page = [
      '机密★1年',
      '喀地委发〔2017〕101号',
      '关于对重点人员开展核查的通知',
      `经核查，买某某（公民身份号码${id}，手机13899123456）于二〇一七年二月三日离开疏附县。`,
      '联系人：李某，电话0998-2821234，邮箱 kashi.office@example.cn，详情见 http://www.example.cn/notice/2017-02-03.html。',
      '2017年2月5日',
    ].join('\n');
    expect(patterns(page).map((m) => [m.type, m.text])).toEqual([
      ['CLASSIFICATION', '机密★1年'],
      ['DOC_NUMBER', '喀地委发〔2017〕101号'],
      ['ID_NUMBER', id],
      ['PHONE', '13899123456'],
      ['DATE', '二〇一七年二月三日'],
      ['PHONE', '0998-2821234'],
      ['EMAIL', 'kashi.office@example.cn'],
      ['URL', 'http://www.example.cn/notice/2017-02-03.html'],
      ['DATE', '2017年2月5日'],
    ]);
  });

  it('returns nothing for an empty or plain text', () => {
    expect(findPatterns('')).toEqual([]);
    expect(findPatterns('The committee met and agreed on nothing in particular.')).toEqual([]);
  });
});

const LAWS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'corpus', 'prc-laws');
const STATUTES = [
  '行政法/保守国家秘密法(2024-02-27).md', // 绝密、机密、秘密 all through its prose
  '行政法规/保守国家秘密法实施条例(2024-07-10).md',
  '行政法/居民身份证法(2011-10-29).md', // about ID numbers, with none in it
  '行政法规/电信条例(2016-02-06).md', // about telephones, with none in it
  '行政法/档案法(2020-06-20).md',
  '刑法/刑法.md', // long, with many amounts, article numbers and dates
];

describe.skipIf(!fs.existsSync(LAWS))('ordinary legal prose (prc-laws statutes)', () => {
  it.each(STATUTES)('%s: no ID, phone or classification, and only real dates', (file) => {
    const text = fs.readFileSync(path.join(LAWS, file), 'utf8');
    const found = patterns(text);
    expect(found.filter((m) => ['ID_NUMBER', 'PHONE', 'CLASSIFICATION'].includes(m.type)).map((m) => m.text)).toEqual([]);
    const dates = found.filter((m) => m.type === 'DATE');
    for (const m of dates) {
      const iso = String(m.value?.date);
      expect(iso).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
      const [y, mo, d] = iso.split('-').map(Number);
      const day = new Date(Date.UTC(y!, mo! - 1, d ?? 1));
      expect([day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()], m.text).toEqual([y, mo, d ?? 1]);
      expect(y!, m.text).toBeGreaterThanOrEqual(1949); // these statutes speak of the PRC's own years
    }
  });

  it('finds the dates a statute is passed and amended on', () => {
    const text = fs.readFileSync(path.join(LAWS, '行政法/保守国家秘密法(2024-02-27).md'), 'utf8');
    const dates = patterns(text).filter((m) => m.type === 'DATE').map((m) => m.value?.date);
    expect(dates).toContain('2024-02-27');
    expect(dates).toContain('2010-04-29');
  });
});
