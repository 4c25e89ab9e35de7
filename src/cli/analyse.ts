import { findMentions, languageOf, segmentWords, type TextAnalyser } from '../analyse/index.js';
import type { Mention } from '../domain/entities.js';
import type { App } from './app.js';
import { printJson } from './output.js';

/** What `dossier analyse` prints for one text; offsets count characters (code points) of the input. */
export interface AnalysisOutput {
  language: string;
  tokens: Array<{ text: string; start: number; end: number }>;
  entities: Array<{ text: string; type: string; start: number; end: number; value?: Mention['value']; confidence?: number }>;
}

/** UTF-16 offsets → code point offsets, for readers who count characters (and Python's str). */
function codePointOffsets(text: string): (utf16: number) => number {
  if (!/[\uD800-\uDBFF]/.test(text)) return (i) => i;
  const map = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const code = text.charCodeAt(i);
    if (!(code >= 0xd800 && code <= 0xdbff && i + 1 < text.length)) cp++;
  }
  map[text.length] = cp;
  return (i) => map[i]!;
}

/** Language, words and mentions (people, places, organisations, patterns) of one text. */
export function analyseOne(analyser: TextAnalyser, text: string): AnalysisOutput {
  const at = codePointOffsets(text);
  const mentions = findMentions(text, analyser);
  return {
    language: languageOf(text),
    tokens: segmentWords(text, analyser.segmenter).map((w) => ({ text: w.text, start: at(w.start), end: at(w.end) })),
    entities: mentions.map((m) => ({ text: m.text, type: m.type, start: at(m.start), end: at(m.end), ...(m.value ? { value: m.value } : {}), ...(m.confidence !== undefined ? { confidence: m.confidence } : {}) })),
  };
}

/** A JSONL input line: a JSON string, an object with `text`, or else the line itself. */
function textOfLine(line: string): string {
  const trimmed = line.trim();
  if (trimmed.startsWith('"') || trimmed.startsWith('{')) {
    try {
      const value = JSON.parse(trimmed) as unknown;
      if (typeof value === 'string') return value;
      if (value && typeof value === 'object' && typeof (value as { text?: unknown }).text === 'string') return (value as { text: string }).text;
    } catch {
      // Not JSON after all: the line is the text.
    }
  }
  return line;
}

async function* linesOf(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  let rest = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) {
    rest += chunk as string;
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      yield rest.slice(0, nl).replace(/\r$/, '');
      rest = rest.slice(nl + 1);
    }
  }
  if (rest !== '') yield rest;
}

/**
 * `dossier analyse [--jsonl]`: read text from standard input and print its language, words and
 * mentions. With --jsonl each input line is one text and each output line one JSON object.
 */
export async function analyseCommand(app: App, options: { jsonl?: boolean; pretty?: boolean }): Promise<void> {
  const analyser = app.analyser();
  if (options.jsonl) {
    for await (const line of linesOf(process.stdin)) printJson(analyseOne(analyser, textOfLine(line)));
    return;
  }
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) text += chunk as string;
  const out = analyseOne(analyser, text.replace(/^\uFEFF/, ''));
  if (options.pretty) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  else printJson(out);
}
