import type { Mention } from '../../domain/entities.js';
import { mentionOf } from './mention.js';

/**
 * Official document numbers (发文字号, GB/T 9704): an issuer's code, the year in brackets and a
 * serial number, 新党办发〔2017〕12号. value is { issuer, year, number }.
 *
 * The year is meant to sit in 〔〕, but documents and their transcriptions use [] （） () 【】 too,
 * and all are accepted. The hard part is where the issuer's code begins, since it is written
 * straight after the words before it (根据新党办发〔2017〕12号文件): the code is taken as the run of
 * Han characters before the bracket, at most ten, cut after the last word that cannot belong to a
 * code (根据, 按照, 关于, 印发, 的, 《 …). Codes nearly always end in 发, 字, 函, 办, 令, 电 or 文; others
 * are kept with lower confidence.
 */

const DOC_NUMBER = /(?<issuer>[\u4e00-\u9fff]{1,10})\s?[〔[（(【]\s?(?<year>(?:19|20)\d{2})\s?[〕\]）)】]\s?第?\s?(?<number>\d{1,5})\s?号/g;

// Words that end the prose before a code; longest first so 关于 is cut as a whole. Single
// characters that occur inside issuers' codes (经 of 经信委) are absent, and 和 is cut unless it
// begins a place (和田, 和静, 和硕 are Xinjiang prefectures and counties).
const LEAD_IN = /^.*(?:根据|依据|按照|依照|参照|遵照|对照|印发|转发|下发|通过|文件|通知|精神|规定|要求|关于|对于|执行|落实|贯彻|以及|简称|作出|发布|颁布|下达|[我本][院部委厅局办]|以|和(?![田静硕布平])|见|的|及|与|或|是|即|在|将|把|按|为|等|了|《|》|、)/;
const USUAL_ENDING = /[发字函办令电文释复]$/;

/** Official document numbers in a text: 国发〔2016〕5号 → { issuer: '国发', year: 2016, number: 5 }. */
export function findDocNumbers(text: string): Mention[] {
  const mentions: Mention[] = [];
  for (const m of text.matchAll(DOC_NUMBER)) {
    const g = m.groups!;
    const full = g.issuer!;
    const lead = LEAD_IN.exec(full)?.[0].length ?? 0;
    const issuer = full.slice(lead);
    // A lone character is a code only after a lead-in (我院法〔1998〕86号); otherwise it is a
    // fragment of something odd (法（研）发〔1987〕32号).
    if (issuer.length === 0 || (issuer.length === 1 && lead === 0)) continue;
    const start = m.index + lead;
    // Ten characters with no lead-in word may have swallowed prose before the code.
    const confidence = !USUAL_ENDING.test(issuer) || issuer.length >= 10 || issuer.length === 1 ? 0.6 : issuer.length > 6 ? 0.8 : 0.95;
    mentions.push(mentionOf(text, 'DOC_NUMBER', start, m.index + m[0].length, { issuer, year: Number(g.year), number: Number(g.number) }, confidence));
  }
  return mentions;
}
