/**
 * The shared analysis chain (src/analyse), imported directly: it is a pure library. NFKC and
 * radical look-alikes, traditional → simplified and accent folding (norm only), Han bigrams, lone
 * characters, pinyin of known words (and never of a homophone decoy), sub-word pinyin, token
 * offsets into the original text, the language of a passage, and pinyin syllabification.
 */
import { describe, expect, it } from 'vitest';
import { defaultAnalyser, languageOf, syllabify, type AnalysedText, type Token } from '../src/analyse/index.js';

const chain = defaultAnalyser();
const analyse = (text: string): AnalysedText => chain.analyse(text);
const words = (tokens: Token[]) => tokens.map((t) => t.t);

/** Every token of every stream points at a non-empty run of the original string. */
function expectOffsetsInside(text: string, analysed: AnalysedText): void {
  for (const [stream, tokens] of Object.entries(analysed) as Array<[string, Token[]]>) {
    for (const token of tokens) {
      if (token.t === '_') continue; // the word boundary of the syllable stream has no width
      expect(token.s, `${stream} ${token.t}`).toBeGreaterThanOrEqual(0);
      expect(token.e, `${stream} ${token.t}`).toBeGreaterThan(token.s);
      expect(token.e, `${stream} ${token.t}`).toBeLessThanOrEqual(text.length);
    }
  }
}

describe('normalisation', () => {
  it('maps Kangxi radicals to the ordinary characters (NFKC) in exact and norm: ⾏政 → 行政', () => {
    const text = '\u2F8F政'; // KANGXI RADICAL WALK + 政, as PDF text layers emit it
    const out = analyse(text);
    expect(words(out.exact)).toEqual(['行政']);
    expect(words(out.norm)).toEqual(['行政']);
    expect(text.slice(out.exact[0]!.s, out.exact[0]!.e)).toBe(text);
  });

  it('maps CJK radical-supplement look-alikes too: ⻄藏 → 西藏', () => {
    const out = analyse('\u2EC4藏');
    expect(words(out.exact)).toEqual(['西藏']);
    expect(words(out.norm)).toEqual(['西藏']);
  });

  it('folds full-width letters and digits and ligatures (NFKC), lower case', () => {
    expect(words(analyse('ＡＢＣ１２３').exact)).toEqual(['abc123']);
    expect(words(analyse('Ｘinjiang ﬁle').norm)).toEqual(['xinjiang', 'file']);
  });

  it('folds traditional to simplified in norm but not in exact', () => {
    const trad = analyse('習近平');
    expect(words(trad.exact)).toEqual(['習近', '近平']);
    expect(words(trad.norm)).toEqual(['习近', '近平']);
    const chen = analyse('陳全國');
    expect(words(chen.exact)).toEqual(['陳全', '全國']);
    expect(words(chen.norm)).toEqual(['陈全', '全国']);
    expect(words(analyse('习近平').norm)).toEqual(words(trad.norm));
  });

  it('keeps diacritics in exact and folds them in norm: Xí → xí / xi', () => {
    const out = analyse('Xí Jìnpíng Ürümqi');
    expect(words(out.exact)).toEqual(['xí', 'jìnpíng', 'ürümqi']);
    expect(words(out.norm)).toEqual(['xi', 'jinping', 'urumqi']);
  });

  it('stems English words of Latin letters only', () => {
    const out = analyse('Training centres expanded');
    expect(words(out.stem)).toEqual(['train', 'centr', 'expand']);
  });
});

describe('Han bigrams', () => {
  it('splits a run of Han into overlapping bigrams: 新疆维吾尔 → 新疆 疆维 维吾 吾尔', () => {
    const out = analyse('新疆维吾尔');
    expect(words(out.exact)).toEqual(['新疆', '疆维', '维吾', '吾尔']);
    expect(words(out.norm)).toEqual(['新疆', '疆维', '维吾', '吾尔']);
  });

  it('a lone Han character is a token of its own', () => {
    expect(words(analyse('新').exact)).toEqual(['新']);
    expect(words(analyse('新').norm)).toEqual(['新']);
    const mixed = analyse('新疆 ab 省');
    expect(words(mixed.exact)).toEqual(['新疆', 'ab', '省']);
  });

  it('punctuation and Latin text break a Han run: no bigram spans them', () => {
    expect(words(analyse('新疆，乌鲁木齐').norm)).toEqual(['新疆', '乌鲁', '鲁木', '木齐']);
    expect(words(analyse('新疆abc乌鲁').norm)).toEqual(['新疆', 'abc', '乌鲁']);
  });

  it('characters outside the BMP stay whole in bigrams', () => {
    const text = '𠀀㐀';
    const out = analyse(text);
    expect(words(out.exact)).toEqual(['𠀀㐀']);
    expect(text.slice(out.exact[0]!.s, out.exact[0]!.e)).toBe(text);
  });
});

describe('pinyin', () => {
  it('gives the joined pinyin of a known word: 习近平 → xijinping, 習近平 too', () => {
    expect(words(analyse('习近平').py)).toContain('xijinping');
    expect(words(analyse('習近平').py)).toContain('xijinping');
    expect(words(analyse('2017年10月，习近平在党的十九大上作报告').py)).toContain('xijinping');
  });

  it('knows the names of resources/aliases.tsv: 陈全国 → chenquanguo', () => {
    expect(words(analyse('陈全国').py)).toContain('chenquanguo');
    expect(words(analyse('自治区党委书记陈全国在会议上').py)).toContain('chenquanguo');
    expect(words(analyse('陈全国').pys)).toEqual(['chen', 'quan', 'guo']);
  });

  it('never gives xijinping for the village 西金平, nor a syllable run xi jin ping', () => {
    for (const text of ['西金平', '西金平村位于山区']) {
      const out = analyse(text);
      expect(words(out.py), text).not.toContain('xijinping');
      const syllables = words(out.pys).join(' ');
      expect(syllables, text).not.toMatch(/\bxi jin ping\b/);
    }
  });

  it('gives the pinyin of known words inside a compound: 新疆维吾尔自治区 yields xinjiang', () => {
    const py = words(analyse('新疆维吾尔自治区人民政府').py);
    expect(py).toContain('xinjiang');
    expect(py).toContain('weiwuer');
  });

  it('gives no pinyin for Latin text', () => {
    const out = analyse('Xi Jinping');
    expect(out.py).toEqual([]);
    expect(out.pys).toEqual([]);
  });

  it('separates the syllables of two words with a boundary token', () => {
    const pys = words(analyse('习近平新疆').pys);
    expect(pys).toEqual(['xi', 'jin', 'ping', '_', 'xin', 'jiang']);
  });
});

describe('offsets', () => {
  const samples = [
    '2017年10月，習近平在黨的十九大上作報告。',
    'Zài Běijīng, Xí Jìnpíng huìjiàn le dàibiǎotuán.',
    '\u2F8F政区划 and ＡＢＣ ﬁle',
    '维吾尔族学者伊力哈木·土赫提于2014年被判处无期徒刑。',
    '𠀀㐀 新 Ürümqi',
  ];

  it.each(samples)('every token of %j points into the original string', (text) => {
    expectOffsetsInside(text, analyse(text));
  });

  it('text.slice(s, e) of a token is the original it came from', () => {
    const text = 'In 2017, Xí Jìnpíng (習近平) spoke.';
    const out = analyse(text);
    const exact = out.exact.map((t) => [t.t, text.slice(t.s, t.e)]);
    expect(exact).toEqual([['in', 'In'], ['2017', '2017'], ['xí', 'Xí'], ['jìnpíng', 'Jìnpíng'], ['習近', '習近'], ['近平', '近平'], ['spoke', 'spoke']]);
    const norm = out.norm.map((t) => text.slice(t.s, t.e));
    expect(norm).toEqual(exact.map(([, original]) => original));
    const py = out.py.find((t) => t.t === 'xijinping');
    expect(py).toBeDefined();
    expect(text.slice(py!.s, py!.e)).toBe('習近平');
  });

  it('pinyin offsets of a word inside a compound point at that word', () => {
    const text = '自治区：新疆维吾尔自治区';
    const out = analyse(text);
    const xinjiang = out.py.find((t) => t.t === 'xinjiang');
    expect(xinjiang).toBeDefined();
    expect(text.slice(xinjiang!.s, xinjiang!.e)).toBe('新疆');
    for (const t of out.pys.filter((p) => p.t !== '_')) expect(text.slice(t.s, t.e)).toHaveLength(1);
  });

  it('offsets survive radical look-alikes and ligatures (the original, not the folded form)', () => {
    const text = '⾏政 ﬁle';
    const out = analyse(text);
    expect(out.exact.map((t) => text.slice(t.s, t.e))).toEqual(['⾏政', 'ﬁle']);
    expect(words(out.exact)).toEqual(['行政', 'file']);
  });
});

describe('languageOf', () => {
  it.each([
    ['新疆维吾尔自治区人民政府办公厅印发通知。', 'zh'],
    ['習近平在黨的十九大上作報告', 'zh'],
    ['The Xinjiang government issued a notice on vocational training.', 'en'],
    ['ئۇيغۇر تىلى', 'ug'],
    ['ئۇيغۇر ئاپتونوم رايونى خەلق ھۆكۈمىتى', 'ug'],
    ['', 'und'],
    ['2017 — 123 / 456', 'und'],
    ['x', 'und'],
  ])('%j → %s', (text, lang) => {
    expect(languageOf(text)).toBe(lang);
  });

  it('goes by the dominant script of a mixed passage', () => {
    expect(languageOf('新疆维吾尔自治区人民政府 Xinjiang')).toBe('zh');
    expect(languageOf('The report on vocational training in 新疆 was leaked.')).toBe('en');
  });
});

describe('syllabify', () => {
  it.each([
    ['xijinping', ['xi', 'jin', 'ping']],
    ['chenquanguo', ['chen', 'quan', 'guo']],
    ['Xi Jinping', ['xi', 'jin', 'ping']],
    ["xi'an", ['xi', 'an']],
    ['zhongguo', ['zhong', 'guo']],
  ])('%j → %j', (latin, syllables) => {
    expect(syllabify(latin)).toEqual(syllables);
  });

  it('is null for what is not pinyin', () => {
    expect(syllabify('hello')).toBeNull();
    expect(syllabify('county')).toBeNull();
    expect(syllabify('')).toBeNull();
  });
});
