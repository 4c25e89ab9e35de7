import type { Mention } from '../../domain/entities.js';
import type { NamesDictionary } from '../dictionary/names-dictionary.js';
import { foldChar } from '../normalise/normalise.js';
import type { Segmenter } from '../segment/segmenter.js';
import { ABBREVIATION_HEADS, ABBREVIATIONS, COMPOUND_SURNAMES, NAME_SEPARATORS, NOT_NAME_FIRST, ORG_SUFFIXES, PAIR_FIRST, VISIT_CHARS, PLACE_SUFFIXES, SPEECH_WORDS, STANDALONE_ORGS, TITLES } from './zh-affixes.js';
import { zhLexicon, type NameType, type ZhLexicon } from './zh-lexicon.js';

interface Word {
  w: string;
  /** All Han characters (computed once: the test is asked many times a word). */
  han: boolean;
  s: number;
  e: number;
  tag: string;
  type: NameType | null;
}

const ENTITY: Record<NameType, Mention['type']> = { PER: 'PERSON', LOC: 'LOCATION', ORG: 'ORGANIZATION' };
const ORG_SUFFIX_SET = new Set(ORG_SUFFIXES);
const SINGLE_ORG_SUFFIXES = new Set(['部', '厅', '局', '委', '署', '院', '社', '所', '办', '行']);
/** Two-character words that end like an organisation but are not one's end (内部, 全局, 剧院 is one). */
const NOT_ORG_ENDINGS = new Set(['内部', '外部', '全部', '局部', '干部', '胸部', '头部', '腹部', '背部', '底部', '顶部', '北部', '南部', '东部', '西部', '中部', '全局', '大局', '格局', '布局', '结局', '当局', '出院', '住院', '庭院', '场所', '住所', '处所', '厕所', '诊所', '寓所', '进行', '执行', '举行', '实行', '运行', '旅行', '发行', '流行', '可行', '同行', '步行', '言行', '罪行', '暴行', '德行', '修行', '游行', '例行', '履行', '推行', '施行', '奉行', '盛行', '先行', '自行', '通行', '平行', '飞行', '航行', '爬行', '不行', '还行', '承办', '创办', '举办', '主办', '协办', '开办', '兴办', '合办', '查办', '督办', '代办', '包办', '置办', '筹办', '怎办', '结社', '公社']);
const LONG_ORG_SUFFIXES = new Set(ORG_SUFFIXES.filter((s) => s.length > 1));
const PLACE_SUFFIX_SET = new Set(PLACE_SUFFIXES);
const TITLE_SET = new Set(TITLES);
/** Titles a longer word can end with (党委书记, 司法部长): not the speech verbs. */
const TITLE_ENDINGS = new Set(TITLES.filter((t) => t.length > 1 && !SPEECH_WORDS.has(t)));

/** The longest of `endings` (2 to 4 characters) that `word` ends with and is longer than. */
function endingOf(word: string, endings: Set<string>): string | undefined {
  for (let n = Math.min(4, word.length - 1); n >= 2; n--) {
    const tail = word.slice(word.length - n);
    if (endings.has(tail)) return tail;
  }
  return undefined;
}
const HAN = /^\p{Script=Han}+$/u;
/** Han only, by code range first (CJK blocks), the Unicode property for the rest. */
function isHan(word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c >= 0x4e00 && c <= 0x9fff) continue;
    if (c < 0x2e80) return false;
    return HAN.test(word);
  }
  return word.length > 0;
}
/** Tags of the words an organisation's name is made of between its first word and its suffix. */
const ORG_INNER_TAGS = new Set(['n', 'nz', 'nt', 'ns', 'nr', 'j', 'vn', 'b', 'x', 'nrt', 'an', 'ng']);
/** Where an organisation's name may start. */
const ORG_START_TAGS = new Set(['ns', 'nt', 'nz', 'j']);
const PERSON_TAGS = new Set(['nr', 'nrfg', 'nrt']);
/** The tag of a one-character country name split out of a word (中|美|关系). */
const ABBR = 'ns1';
/** The legal forms that end a registered company's name. */
const FORMAL_COMPANY = /(有限公司|有限责任公司|股份公司|集团公司|总公司|分公司|事务所)$/;
const FORMAL_COMPANY_WORDS = new Set(['有限公司', '有限责任公司', '股份有限公司', '股份公司', '集团公司', '总公司', '分公司', '事务所']);
/** Verbs of holding a post, which come before an employer's name (曾任, 担任, 任职于). */
const POST_VERBS = new Set(['任', '曾任', '现任', '兼任', '历任', '担任', '出任', '任职', '就职', '供职', '于', '在', '至', '及', '和', '与', '、', '入职', '加入', '创办', '创立', '成立', '是', '为']);
/** A party congress by its number: 十五大, 中共十九大. */
const PARTY_CONGRESS = /^(中共)?[一二三四五六七八九十]{2,3}大$/;
/** Suffixes that make a company of any name before them, a person's or an unknown word (劳拉公司). */
const COMPANY_SUFFIXES = new Set(['公司', '集团', '银行', '酒店', '饭店', '工厂', '俱乐部', '有限公司', '股份公司']);
const NUMERALS = /[0-9０-９零一二两三四五六七八九十百千万亿余几数多]/;
/** Regions named by direction or continent, which take 地区 as a common noun. */
const REGIONS = new Set(['东北', '西北', '东南', '西南', '华北', '华南', '华东', '华中', '中东', '近东', '远东', '亚太', '中亚', '西亚', '东亚', '南亚', '东南亚', '北非', '拉美', '亚洲', '非洲', '欧洲', '美洲', '大洋洲', '中南']);
/** Two characters for one country (中华), never a pair of two. */
const SAME_COUNTRY = new Set(['中', '华']);
/** Characters frequent in foreign names that are also words next to them (荷兰人, 部长, 及, 的). */
const NOT_IN_NAMES = new Set(Array.from('人长的是在和与及等说为了于向对从被把将也都就还又曾'));
/** Characters of prepositions and conjunctions that HMM may glue to a following surname. */
const LEADING_FUNCTION_CHARS = '当在对和与被向给让把是由从跟同及或';
/** The tag of a surname split from the title it was written with (李|先生). */
const SURNAME_TAG = 'nr1';
/** Doctrines named after a person: 邓小平理论 → 邓小平|理论. */
const DOCTRINES = ['理论', '思想', '主义', '精神', '路线'];
/** Tags of words that are never part of a name (prepositions, conjunctions, particles, verbs …). */
const FUNCTION_TAGS = new Set(['p', 'c', 'u', 'uj', 'ul', 'uz', 'ud', 'ug', 'uv', 'd', 'v', 'vn', 'r', 'f', 'm', 'q', 'y', 'e', 'o', 'ad', 't', 'w']);
const NAME_SEPARATOR_CHARS = new Set(['·', '•', '・', '‧']);

/** The type of a word from the editors' names, jieba's own tag, CC-CEDICT's gloss, or the standalone bodies. */
function typeOfWord(word: string, segmenterTag: string, lexicon: ZhLexicon, names: NamesDictionary | undefined): NameType | null {
  // The segmenter tags every word of the names dictionary nr: only those can be editors' names.
  const entry = segmenterTag === 'nr' ? names?.get(word) : undefined;
  if (entry && entry.type !== 'name') return entry.type === 'person' ? 'PER' : entry.type === 'place' ? 'LOC' : 'ORG';
  let type = typeCache.get(word);
  if (type === undefined) {
    if (typeCache.size > 200_000) typeCache.clear();
    type = lexicalType(word, lexicon);
    typeCache.set(word, type);
  }
  return type;
}

/** Words repeat endlessly in a collection: remember each word's type from the bundled lexicons. */
const typeCache = new Map<string, NameType | null>();

function lexicalType(word: string, lexicon: ZhLexicon): NameType | null {
  if (STANDALONE_ORGS.has(word) || PARTY_CONGRESS.test(word)) return 'ORG';
  if (lexicon.common.has(word)) return null;
  if (word.length === 2 && NOT_NAME_FIRST.has(word[0]!) && /[国省市县区地方]/.test(word[1]!)) return null;
  const cedict = lexicon.cedict.get(word);
  if (cedict) return cedict;
  const tag = lexicon.jiebaTag.get(word);
  if (!tag || word.length < 2) return null;
  if (tag === 'ns') return 'LOC';
  if (tag === 'nt') return 'ORG';
  // jieba's person tags are partly automatic (今天上午, 宣传教育 are nr): trust them for a name's shape.
  if (tag === 'nrt' || tag === 'nrfg') return 'PER';
  if (tag === 'nr') return nameShape(word, lexicon) > 0.5 || isTransliterated(word, lexicon) ? 'PER' : null;
  return null;
}

/** A foreign name spelled in characters (基里延科, 若斯潘): three or more transliteration characters. */
function isTransliterated(word: string, lexicon: ZhLexicon): boolean {
  if (word.length < 3) return false;
  for (const ch of word) if (!lexicon.transliteration.has(ch)) return false;
  return true;
}

/**
 * Words that hold more than one thing (中美关系 → 中|美|关系, 访华 → 访|华, 党委书记 → 党委|书记,
 * 司法部长 → 司法部|长), split so that each part gets its own type.
 */
function splitWords(words: Array<{ word: string; tag: string }>, lexicon: ZhLexicon): Array<{ word: string; tag: string }> {
  const out: Array<{ word: string; tag: string }> = [];
  for (const item of words) {
    const w = item.word;
    // 东北地区, 亚太地区: a region and the word "region" (喀什地区, a prefecture, is one name).
    if (w.length > 3 && w.endsWith('地区') && REGIONS.has(w.slice(0, -2))) {
      out.push({ word: w.slice(0, -2), tag: ABBR }, { word: '地区', tag: 'n' });
      continue;
    }
    if (w.length < 2 || lexicon.cedict.has(w) || STANDALONE_ORGS.has(w) || !isHan(w)) {
      out.push(item);
      continue;
    }
    // 中国政府, 德国政府: a country and its government, which news names as the country.
    if (w.length > 3 && w.endsWith('政府') && lexicon.cedict.get(w.slice(0, -2)) === 'LOC' && !ADMIN_SUFFIXES.includes(w[w.length - 3]!)) {
      out.push({ word: w.slice(0, -2), tag: 'ns' }, { word: '政府', tag: 'n' });
      continue;
    }
    // One word for a whole organisation (俄罗斯队, 美国联邦航空局, 保守党): not to be cut into pieces.
    if (w.length >= 3 && ORG_WORD_TAGS.has(item.tag) && !ORG_SUFFIX_SET.has(w) && !lexicon.cedict.has(w) && !lexicon.common.has(w) && isHan(w) && (endsWithOrgSuffix(w) || '队党'.includes(w[w.length - 1]!)) && !TITLE_SET.has(w) && !endingOf(w, TITLE_ENDINGS)) {
      out.push({ word: w, tag: ORG_WORD });
      continue;
    }
    const doctrine = DOCTRINES.find((d) => w.length > d.length + 1 && w.endsWith(d));
    if (doctrine && lexicon.cedict.get(w.slice(0, -doctrine.length)) === 'PER') {
      out.push({ word: w.slice(0, -doctrine.length), tag: 'nr' }, { word: doctrine, tag: 'n' });
      continue;
    }
    const [a, b] = [w[0]!, w[1]!];
    // A people or style of a place: 中国人, 美国式 → 中国|人.
    if (w.length >= 3 && /[人式籍]/.test(w[w.length - 1]!) && lexicon.cedict.get(w.slice(0, -1)) === 'LOC') {
      out.push({ word: w.slice(0, -1), tag: 'ns' }, { word: w[w.length - 1]!, tag: 'n' });
      continue;
    }
    if (PAIR_FIRST.has(a) && ABBREVIATIONS.has(b) && a !== b && !(SAME_COUNTRY.has(a) && SAME_COUNTRY.has(b)) && !lexicon.common.has(w) && (w.length === 2 || lexicon.common.has(w.slice(2)) || !lexicon.jiebaTag.has(w.slice(2)))) {
      out.push({ word: a, tag: ABBR }, { word: b, tag: ABBR });
      if (w.length > 2) out.push({ word: w.slice(2), tag: 'n' });
      continue;
    }
    // 来日 is "days to come" and 出中 nothing: 日 only after visiting or dealing verbs.
    if (w.length <= 4 && VISIT_CHARS.has(a) && (PAIR_FIRST.has(b) || '华藏疆'.includes(b)) && !lexicon.cedict.has(w) && (b !== '日' || '访驻对赴抵离'.includes(a))) {
      out.push({ word: a, tag: 'v' }, { word: b, tag: ABBR });
      if (w.length > 2) out.push({ word: w.slice(2), tag: 'n' });
      continue;
    }
    if (w.length === 2 && ABBREVIATIONS.has(a) && ABBREVIATION_HEADS.has(b) && PAIR_FIRST.has(a)) {
      out.push({ word: a, tag: ABBR }, { word: b, tag: 'n' });
      continue;
    }
    // 李先生, 王局长, 陈书记: a surname and a title, the way officials are named in their own papers.
    if (w.length >= 3 && (lexicon.surname.get(a) ?? 0) >= 0.5 && TITLE_ENDINGS.has(w.slice(1)) && !lexicon.cedict.has(w)) {
      out.push({ word: a, tag: SURNAME_TAG }, { word: w.slice(1), tag: 'n' });
      continue;
    }
    const title = w.length > 2 ? endingOf(w, TITLE_ENDINGS) : undefined;
    if (title) {
      const head = w.slice(0, w.length - title.length);
      if (head.length === 1 && PAIR_FIRST.has(head)) {
        out.push({ word: head, tag: ABBR }, { word: title, tag: 'n' });
        continue;
      }
      if (STANDALONE_ORGS.has(head) || endsWithOrgSuffix(head)) {
        out.push({ word: head, tag: 'nt' }, { word: title, tag: 'n' });
        continue;
      }
      // 司法部长, 外交部长: the ministry and 长.
      if (title.endsWith('长') && head.length >= 2 && ORG_SUFFIX_SET.has(title[0]!)) {
        out.push({ word: head + title[0]!, tag: 'nt' }, { word: '长', tag: 'n' });
        continue;
      }
    }
    out.push(item);
  }
  return out;
}

/** Bodies numbered after their place (北京九十中学, 第三人民医院, 一总队). */
const NUMBERED_ORGS = new Set(['中学', '小学', '医院', '人民医院', '中心医院', '中队', '大队', '支队', '总队', '研究所', '工厂', '厂', '分厂', '分局', '监狱', '师', '军', '团', '旅', '幼儿园', '高中', '中心']);
/** A word the segmenter knows that ends as an organisation's name does (俄罗斯队/nt, 保守党/n). */
const ORG_WORD = 'nt2';
const ORG_WORD_TAGS = new Set(['nt', 'nz']);
/** Tags of a one-character word that can be a name's third character (李铁|辰/ng, 高允|连/nr). */
const THIRD_CHAR_TAGS = new Set(['ng', 'nr', 'x', 'zg', 'nrt', 'vg', 'ag', 'tg', 'dg']);
/** The tag of a place found by its administrative suffix alone (红柳泉县): no dictionary knows it. */
const SUFFIXED_PLACE = 'ns2';
/** Suffixes of administrative divisions, which make a place of an unknown name before them. */
const ADMIN_SUFFIXES = '省市县州旗盟镇乡';
/** Tags of the words an unknown place's name is made of (红柳|泉|县: a name, a character). */
/** Words after which a name is a place's (在华盛顿, 前往林肯): prepositions and verbs of going. */
const PLACE_VERBS = new Set(['在', '到', '赴', '抵达', '前往', '来到', '飞抵', '离开', '途经', '访问', '位于', '从', '至', '往', '去', '来自', '抵', '飞往', '回到', '进入']);
/** Tags of one word that is a place and its suffix together (伍德县/x, 高升镇/nr). */
const SUFFIXED_WORD_TAGS = new Set(['x', 'nr', 'nrt', 'nz']);
const PLACE_BODY_TAGS = new Set(['nr', 'nrt', 'nrfg', 'ns', 'nz', 'x', 'ng', 'j']);

/**
 * Unknown places named with an administrative suffix (红柳泉县, 红柳泉县委, 红柳泉县公安局), which
 * the segmenter cuts into a name and pieces (红柳|泉|县委): put back together as one place, and the
 * rest of the suffix's word (委, 公安局) left to make an organisation of it. Two or three characters
 * before the suffix, from words that can be names; a known place before them stays on its own
 * (新疆|红柳泉县).
 */
function joinSuffixedPlaces(words: Array<{ word: string; tag: string }>, lexicon: ZhLexicon, names: NamesDictionary | undefined): Array<{ word: string; tag: string }> {
  const out: Array<{ word: string; tag: string }> = [];
  for (const x of words) {
    const w = x.word;
    let body = '';
    let suffix: string;
    let rest = '';
    if (out.length > 0 && ADMIN_SUFFIXES.includes(w[0]!) && (w.length === 1 || STANDALONE_ORGS.has(w) || ORG_SUFFIX_SET.has(w.slice(1)) || endsWithOrgSuffix(w.slice(1)))) {
      suffix = w[0]!;
      rest = w.slice(1);
    } else if (SUFFIXED_WORD_TAGS.has(x.tag) && w.length >= 2 && w.length <= 5 && (ADMIN_SUFFIXES + '村').includes(w[w.length - 1]!) && isHan(w) && !lexicon.cedict.has(w) && !lexicon.common.has(w)) {
      suffix = w[w.length - 1]!;
      body = w.slice(0, -1);
    } else {
      out.push(x);
      continue;
    }
    let first = out.length;
    while (first > 0) {
      const y = out[first - 1]!;
      // Three characters, four for a foreign name spelled out (格林伍德县).
      const foreign = y.tag === 'nrt' || y.tag === 'x' || [...y.word, ...body].every((c) => lexicon.transliteration.has(c));
      if (body.length + y.word.length > (foreign ? 4 : 3) || !PLACE_BODY_TAGS.has(y.tag) || !isHan(y.word) || lexicon.common.has(y.word)) break;
      const type = typeOfWord(y.word, y.tag, lexicon, names);
      if (type === 'LOC' || type === 'ORG') break;
      body = y.word + body;
      first--;
    }
    // (高升镇/nr, 李卜村/x: the segmenter's own word may be the whole place.)
    if (body.length < 2 || NOT_NAME_FIRST.has(body[0]!)) {
      out.push(x);
      continue;
    }
    out.length = first;
    out.push({ word: body + suffix, tag: SUFFIXED_PLACE });
    if (rest) out.push({ word: rest, tag: 'n' });
  }
  return out;
}

function endsWithOrgSuffix(word: string): boolean {
  if (ORG_SUFFIX_SET.has(word)) return true;
  if (word.length > 2 && SINGLE_ORG_SUFFIXES.has(word[word.length - 1]!) && !ORG_SUFFIX_SET.has(word.slice(-2)) && !NOT_ORG_ENDINGS.has(word.slice(-2))) return true;
  return word.length > 2 && endingOf(word, LONG_ORG_SUFFIXES) !== undefined;
}

/** A person's name made of a surname and one or two given-name characters. */
function nameShape(word: string, lexicon: ZhLexicon): number {
  if (word.length < 2 || word.length > 4 || !isHan(word)) return 0;
  const compound = word.length > 2 ? lexicon.surname.get(word.slice(0, 2)) : undefined;
  const surname = compound !== undefined && word.length >= 3 ? compound : lexicon.surname.get(word[0]!) ?? 0;
  const givenStart = compound !== undefined && word.length >= 3 ? 2 : 1;
  const given = word.slice(givenStart);
  if (given.length === 0 || given.length > 2) return 0;
  let g = 1;
  for (const ch of given) g = Math.min(g, lexicon.given.get(ch) ?? 0);
  return surname * (0.5 + 0.5 * g);
}

function isTitle(word: Word | undefined): boolean {
  return word !== undefined && (TITLE_SET.has(word.w) || (word.w.length > 2 && endingOf(word.w, TITLE_ENDINGS) !== undefined));
}

/** Mentions in a passage of Chinese text (no Latin letters), offsets shifted by `offset`. */
export function findChineseEntities(text: string, offset: number, segmenter: Segmenter, names?: NamesDictionary): Mention[] {
  const lexicon = zhLexicon();
  // Fold to simplified one character at a time, so offsets stay those of the original.
  let folded = '';
  for (const ch of text) {
    const f = foldChar(ch);
    folded += f.length === ch.length ? f : ch;
  }
  const words: Word[] = [];
  let at = 0;
  for (const { word, tag } of joinSuffixedPlaces(splitWords(segmenter.tag(folded, true), lexicon), lexicon, names)) {
    words.push({ w: word, han: isHan(word), s: at, e: at + word.length, tag, type: null });
    at += word.length;
  }
  for (const [k, w] of words.entries()) {
    // A dateline's 日电 (5月25日电) is the day and "cable", not NEC.
    if (w.w === '日电' && words[k - 1]?.tag === 'm') w.tag = 'm';
    // A country's one-character name standing alone (帮助|俄|渡过): jieba tags it as an abbreviation.
    else if (w.tag === ORG_WORD) w.type = 'ORG';
    else if (w.han) w.type = w.tag === ABBR || w.tag === SUFFIXED_PLACE || ((w.tag === 'j' || w.tag === 'ns') && w.w.length === 1 && PAIR_FIRST.has(w.w)) ? 'LOC' : typeOfWord(w.w, w.tag, lexicon, names);
  }
  // 日|俄 when jieba read 日 as a day: a one-character country next to another is one too.
  for (const [k, w] of words.entries()) {
    const next = words[k + 1];
    if (!w.type && w.w.length === 1 && PAIR_FIRST.has(w.w) && next?.type === 'LOC' && next.w.length === 1 && words[k - 1]?.tag !== 'm') w.type = 'LOC';
  }

  const found: Array<{ s: number; e: number; type: NameType; confidence: number }> = [];
  const add = (s: number, e: number, type: NameType, confidence: number) => {
    // 1.5万人, 200余人: a count, not a person.
    if (type === 'PER' && s > 0 && NUMERALS.test(folded[s - 1]!)) return;
    found.push({ s, e, type, confidence });
  };

  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const prev = words[i - 1];
    const next = words[i + 1];
    const titled = isTitle(prev) || isTitle(next);

    // Foreign and Uyghur names written with a middle dot: 伊力哈木·土赫提. Their parts run over the
    // characters that spell foreign names, whatever the segmenter made of them (部长|芭芭拉 is
    // 部|长芭芭拉 to it); where none is such a character, the words next to the dot are the parts.
    if (next && NAME_SEPARATOR_CHARS.has(next.w) && w.han) {
      const spelled = (c: string | undefined) => c !== undefined && lexicon.spelling.has(c) && !NOT_IN_NAMES.has(c);
      let s0 = next.s;
      while (s0 > 0 && next.s - s0 < 6 && spelled(folded[s0 - 1])) s0--;
      // …and over the rest of the word it stopped in, short of a word next to names (长芭芭拉 → 芭芭拉).
      const within = words.find((x) => x.s < s0 && x.e >= s0);
      while (within && s0 > within.s && next.s - s0 < 6 && !NOT_IN_NAMES.has(folded[s0 - 1]!)) s0--;
      if (s0 === next.s) s0 = w.s;
      // …but not over a title written before the name (国务卿|托马斯·皮克林, 教授|安吉拉·…).
      for (let p = s0 + 2; p < next.s; p++) for (let n = 2; n <= 3 && p - n >= s0; n++) if (TITLE_SET.has(folded.slice(p - n, p))) s0 = p;
      let last = i + 2;
      if (!words[last] || !words[last]!.han) continue;
      let dot = next.e;
      let e0 = dot;
      for (;;) {
        while (e0 < folded.length && e0 - dot < 6 && spelled(folded[e0])) e0++;
        if (e0 === dot) e0 = words.find((x) => x.s === dot)?.e ?? dot;
        if (e0 < folded.length - 1 && NAME_SEPARATOR_CHARS.has(folded[e0]!) && isHan(folded[e0 + 1]!)) {
          dot = e0 + 1;
          e0 = dot;
          continue;
        }
        break;
      }
      if (e0 > dot) add(s0, e0, 'PER', 0.8);
      while (last + 1 < words.length && words[last + 1]!.s < e0) last++;
      i = last;
      continue;
    }

    const titleNext = next !== undefined && TITLE_ENDINGS.has(next.w) && !SPEECH_WORDS.has(next.w);
    if (titleNext && w.han && !w.type && (w.tag === SURNAME_TAG || (w.w.length === 1 && (lexicon.surname.get(w.w) ?? 0) >= 0.5 && (w.tag === 'nr' || w.tag === 'x')) || (w.w.length >= 2 && w.w.length <= 4 && (PERSON_TAGS.has(w.tag) || w.tag === 'x') && !lexicon.common.has(w.w)))) {
      // 当|汤局长 read as 当汤|局长: a preposition took the surname.
      const cut = w.w.length === 2 && LEADING_FUNCTION_CHARS.includes(w.w[0]!) && (lexicon.surname.get(w.w[1]!) ?? 0) >= 0.5 ? 1 : 0;
      add(w.s + cut, w.e, 'PER', 0.7);
      continue;
    }
    // A two-character surname and the given name after it (欧阳|振华, 司马|相|如): one person.
    const compound = COMPOUND_SURNAMES.get(w.w);
    if (compound !== undefined && next && prev?.tag !== 'm') {
      const fits = (g: Word | undefined) => g !== undefined && g.han && (g.type !== 'LOC' || compound >= 0.8) && g.type !== 'ORG' && !isTitle(g) && !ORG_SUFFIX_SET.has(g.w) && !PLACE_SUFFIX_SET.has(g.w) && !NAME_SEPARATOR_CHARS.has(g.w) && (!FUNCTION_TAGS.has(g.tag) || g.tag === 'v' || g.tag === 'vn' || g.tag === 'a');
      const given = next.w.length === 1 && words[i + 2]?.w.length === 1 && fits(words[i + 2]) ? [next, words[i + 2]!] : [next];
      let end = given[given.length - 1]!.e;
      // 欧阳|明说: the given name and the verb of speech after it, read as one word.
      const speaks = next.w.length === 2 && next.tag === 'v' && '说称讲道'.includes(next.w[1]!);
      if (speaks) end = next.s + 1;
      if (end - next.s <= 2 && (speaks || given.every((g) => fits(g) && !(g.w.length === 2 && g.tag === 'v') && !NOT_IN_NAMES.has(g.w)))) {
        const context = speaks || isTitle(prev) || isTitle(words[i + 1 + given.length]);
        const shape = nameShape(folded.slice(w.s, end), lexicon);
        if (compound >= 0.8 || context || shape >= 0.4) {
          add(w.s, end, 'PER', context ? 0.9 : 0.75);
          i += given.length;
          continue;
        }
      }
    }
    // 在|华盛顿, 抵达|华盛顿: a person's name that is also a place's, where only a place can be.
    if (w.type === 'PER' && prev && PLACE_VERBS.has(prev.w) && lexicon.jiebaTag.get(w.w) === 'ns' && !titled) {
      add(w.s, w.e, 'LOC', 0.7);
      continue;
    }
    if (w.type === 'PER' && w.w.length >= 2) {
      add(w.s, w.e, 'PER', titled ? 0.95 : 0.85);
      continue;
    }
    // A place-like word shaped as a name that speaks is a person (罗干说).
    if (w.type === 'LOC' && next && SPEECH_WORDS.has(next.w) && !lexicon.cedict.has(w.w) && nameShape(w.w, lexicon) >= 0.6) {
      add(w.s, w.e, 'PER', 0.6);
      continue;
    }
    if (w.type === 'LOC') {
      // A place and its suffix written apart: 疏附|县, 喀什|地区.
      const e = next && PLACE_SUFFIX_SET.has(next.w) && next.w.length <= 3 && !REGIONS.has(w.w) ? next.e : w.e;
      add(w.s, e, 'LOC', 0.85);
      continue;
    }
    if (w.type === 'ORG') {
      add(w.s, w.e, 'ORG', 0.85);
      continue;
    }
    // A name jieba's HMM put together (张敬涛), shaped like surname + given name.
    if (w.tag === 'x' && w.han) {
      const shape = nameShape(w.w, lexicon);
      if (shape >= (titled ? 0.3 : 0.55)) add(w.s, w.e, 'PER', Math.min(0.9, shape));
      else if (isTransliterated(w.w, lexicon)) add(w.s, w.e, 'PER', titled ? 0.7 : 0.5);
      continue;
    }
    // A surname alone, then one or two characters or a word that is the given name (陈|全国, 张|敬|涛).
    if (w.w.length <= 2 && lexicon.surname.has(w.w) && (w.tag === 'nr' || w.tag === 'x') && next && next.han && prev?.tag !== 'm') {
      const candidates: Word[][] = [[next]];
      if (next.w.length === 1 && words[i + 2] && words[i + 2]!.w.length === 1 && words[i + 2]!.han) candidates.unshift([next, words[i + 2]!]);
      for (const given of candidates) {
        const end = given[given.length - 1]!;
        const name = folded.slice(w.s, end.e);
        if (name.length > 4 || given.some((g) => g.type || isTitle(g) || ORG_SUFFIX_SET.has(g.w) || PLACE_SUFFIX_SET.has(g.w))) continue;
        const shape = nameShape(name, lexicon);
        const after = words[i + 1 + given.length];
        const context = isTitle(prev) || isTitle(after);
        const known = given.length === 1 && given[0]!.w.length === 2 && given[0]!.tag !== 'x';
        if (shape >= (context ? 0.3 : known ? 2 : 0.6)) {
          add(w.s, end.e, 'PER', context ? 0.8 : 0.6);
          i += given.length;
          break;
        }
      }
    }
  }

  // Registered companies: whatever words come before 有限公司 and the like, back to punctuation,
  // a function word or a verb of holding a post (曾任|上海申时广告传播有限公司).
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!FORMAL_COMPANY.test(w.w)) continue;
    let first = i;
    if (w.w.length <= 4 || FORMAL_COMPANY_WORDS.has(w.w)) {
      while (first > 0) {
        const x = words[first - 1]!;
        if (w.e - x.s > 24 || POST_VERBS.has(x.w) || isTitle(x) || !(x.han || /^[（(）)]$/.test(x.w) || /^[A-Za-z0-9]+$/.test(x.w)) || (FUNCTION_TAGS.has(x.tag) && x.tag !== 'v' && x.tag !== 'vn' && x.tag !== 'm')) break;
        if (x.tag === 'v' && x.w.length === 1) break;
        first--;
      }
    }
    // An opening bracket without its closing one is not part of the name.
    while (first < i && /^[）)]$/.test(words[first]!.w)) first++;
    let start = words[first]!.s;
    // 任金健米业…: the verb of the post was taken into the first word.
    const lead = /^(曾任|现任|兼任|历任|担任|任|于|在)/.exec(folded.slice(start, w.e));
    if (lead && first < i && words[first]!.w.length > lead[0].length) start += lead[0].length;
    if (first < i || w.w.length > 4) add(start, w.e, 'ORG', 0.75);
  }

  // Organisations: a place, organisation or proper noun, nouns, and a suffix (喀什地区|公安局,
  // 新疆维吾尔自治区|党委, 青岛|海牛|队). The longest such chain wins over what it contains.
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    if (next && COMPANY_SUFFIXES.has(next.w) && w.han && (w.type === 'PER' || w.tag === 'x' || w.tag === 'nz' || w.tag === 'nrt' || (w.tag === 'n' && next.w === '集团' && !lexicon.common.has(w.w)))) {
      add(w.s, next.e, 'ORG', 0.7);
      continue;
    }
    if (!(w.type === 'LOC' || w.type === 'ORG' || ORG_START_TAGS.has(w.tag)) || !w.han) continue;
    let lastSuffix = -1;
    for (let j = i + 1; j < words.length && j <= i + 5; j++) {
      const x = words[j]!;
      // 北京|九十|中学, 武警北京|一|总队: a number before the kind of body numbered so.
      if (x.tag === 'm' && j + 1 < words.length && NUMBERED_ORGS.has(words[j + 1]!.w) && /^[0-9一二三四五六七八九十百零〇]+$/.test(x.w)) continue;
      if (!x.han || x.type === 'PER') break;
      if (!(x.type || ORG_INNER_TAGS.has(x.tag) || ORG_SUFFIX_SET.has(x.w))) break;
      if (x.type === 'ORG' || endsWithOrgSuffix(x.w)) lastSuffix = j;
    }
    if (lastSuffix < 0) continue;
    // A country and its government (中国政府, 德国政府): news names the country, not a body.
    if (lastSuffix === i + 1 && words[lastSuffix]!.w === '政府' && w.type === 'LOC' && !ADMIN_SUFFIXES.includes(w.w[w.w.length - 1]!)) continue;
    add(w.s, words[lastSuffix]!.e, 'ORG', 0.75);
  }

  // Names the segmenter cut short: a foreign name and the rest of its spelling (尤尔|科夫,
  // 斯特罗|耶夫), a surname and given character and the third character (李铁|辰, 高允|连).
  const startsAt = new Map<number, number>();
  for (const [k, x] of words.entries()) startsAt.set(x.s, k);
  const spelledOut = (t: string) => [...t].every((c) => lexicon.transliteration.has(c) && !NOT_IN_NAMES.has(c));
  for (let f = 0, n = found.length; f < n; f++) {
    const m = found[f]!;
    if (m.type !== 'PER') continue;
    let k = startsAt.get(m.e);
    if (k === undefined) continue;
    const name = folded.slice(m.s, m.e);
    let e = m.e;
    if (name.length >= 2 && spelledOut(name.slice(1))) {
      while (k < words.length && words[k]!.w.length <= 3 && e - m.s + words[k]!.w.length <= 7 && spelledOut(words[k]!.w) && (words[k]!.tag === 'x' || PERSON_TAGS.has(words[k]!.tag) || words[k]!.tag === 'ng')) e = words[k++]!.e;
    } else if (name.length === 2 && (lexicon.surname.get(name[0]!) ?? 0) >= 0.5) {
      const x = words[k]!;
      if (x.w.length === 1 && x.han && THIRD_CHAR_TAGS.has(x.tag) && !NOT_IN_NAMES.has(x.w) && !isTitle(x) && !ORG_SUFFIX_SET.has(x.w) && !PLACE_SUFFIX_SET.has(x.w) && (lexicon.given.get(x.w) ?? 0) > 0) e = x.e;
    }
    if (e > m.e) add(m.s, e, 'PER', m.confidence);
  }

  // A name found once is the same name elsewhere in the text (江宏伟 told by 说 once, then alone).
  const named = new Map<string, NameType>();
  for (const m of found) if (m.e - m.s >= 2 && m.confidence >= 0.6 && m.type === 'PER') named.set(folded.slice(m.s, m.e), m.type);
  for (const [name, type] of named) {
    for (let at = folded.indexOf(name); at >= 0; at = folded.indexOf(name, at + name.length)) add(at, at + name.length, type, 0.55);
  }

  // Keep the longest of overlapping mentions; at equal length, the first found.
  const order = found.map((m, k) => ({ m, k })).sort((a, b) => b.m.e - b.m.s - (a.m.e - a.m.s) || a.k - b.k);
  const taken = new Uint8Array(folded.length);
  const kept: typeof found = [];
  for (const { m } of order) {
    let free = true;
    for (let c = m.s; c < m.e && free; c++) free = taken[c] === 0;
    if (!free) continue;
    taken.fill(1, m.s, m.e);
    kept.push(m);
  }
  kept.sort((a, b) => a.s - b.s);
  const out: Mention[] = kept.map((m) => ({ text: text.slice(m.s, m.e), type: ENTITY[m.type], start: m.s + offset, end: m.e + offset, confidence: Math.round(m.confidence * 100) / 100 }));
  return out;
}

export { NAME_SEPARATORS };
