/**
 * A page's text → sentences. Chinese ends a sentence at 。！？ and ；(and their ASCII forms between
 * Han characters), keeping closing quotes and brackets with it; English uses Intl.Segmenter,
 * which knows abbreviations and decimal points. Line breaks inside a paragraph are a PDF's
 * layout, not the author's: they are joined (nothing between Han characters, a space in Latin
 * text); a blank line always ends a sentence.
 */
const HAN = /\p{Script=Han}/u;
const ZH_END = new Set(['。', '！', '？', '；', '!', '?', ';', '…']);
const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '》', '】', '"', "'", '〕']);

/** Paragraphs with their inner line breaks joined. */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u3000]*\n+/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .reduce((acc, line) => {
          if (!acc) return line;
          const last = acc[acc.length - 1] ?? '';
          const first = line[0] ?? '';
          // Nothing goes between two Han characters (or Chinese punctuation); a space between Latin words.
          return HAN.test(last) || HAN.test(first) || /[\u3000-\u303f\uff00-\uffef]/.test(last + first) ? acc + line : `${acc} ${line}`;
        }, ''),
    )
    .filter((p) => p.length > 0);
}

function splitChineseParagraph(p: string): string[] {
  const out: string[] = [];
  const chars = Array.from(p);
  let current = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    current += ch;
    if (!ZH_END.has(ch)) continue;
    // ASCII ; ! ? end a sentence only in Chinese text (not in "a; b" quoted English).
    if (/[;!?]/.test(ch) && !HAN.test(chars[i - 1] ?? '')) continue;
    while (i + 1 < chars.length && (ZH_END.has(chars[i + 1]!) || CLOSERS.has(chars[i + 1]!))) current += chars[++i];
    out.push(current.trim());
    current = '';
  }
  if (current.trim()) out.push(current.trim());
  return out.filter(Boolean);
}

let english: Intl.Segmenter | null = null;

/** Titles and abbreviations ICU's segmenter ends a sentence after (it has no suppression list here). */
const ABBREVIATION = /(?:^|\s)(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Col|Lt|Sgt|Capt|Sen|Rep|Gov|Pres|No|Nos|vs|etc|e\.g|i\.e|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Co|Corp|Ltd|[A-Z]|(?:[A-Z]\.)+[A-Z])\.$/;

function splitEnglishParagraph(p: string): string[] {
  english ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  const out: string[] = [];
  for (const piece of Array.from(english.segment(p), (s) => s.segment.trim()).filter(Boolean)) {
    const last = out[out.length - 1];
    if (last !== undefined && ABBREVIATION.test(last)) out[out.length - 1] = `${last} ${piece}`;
    else out.push(piece);
  }
  return out;
}

/** Whether a text is mostly Chinese (more Han characters than Latin letters). */
export function isChinese(text: string): boolean {
  let han = 0;
  let latin = 0;
  for (const ch of text) {
    if (HAN.test(ch)) han++;
    else if (/[A-Za-z]/.test(ch)) latin++;
  }
  return han > latin / 3;
}

/** The sentences of a text, in the way of its language (zh, or anything else as English). */
export function splitSentences(text: string, lang?: 'zh' | 'en'): string[] {
  const zh = lang ? lang === 'zh' : isChinese(text);
  return paragraphs(text).flatMap((p) => (zh ? splitChineseParagraph(p) : splitEnglishParagraph(p)));
}
