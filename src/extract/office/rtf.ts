import iconv from 'iconv-lite';
import type { Metadata } from '../../domain/document.js';
import type { ExtractionResult } from '../../domain/extraction.js';

/** Windows code page for an RTF font charset (\fcharsetN). */
const CHARSET_CODEPAGE: Record<number, number> = {
  0: 1252, 128: 932, 129: 949, 134: 936, 136: 950, 161: 1253, 162: 1254, 163: 1258, 177: 1255, 178: 1256, 186: 1257, 204: 1251, 222: 874, 238: 1250,
};
/** Destinations whose content is not document text. */
const SKIPPED = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'pict', 'object', 'objdata', 'themedata', 'colorschememapping', 'datastore', 'latentstyles',
  'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'xmlnstbl', 'mmathPr', 'pgdsctbl', 'filetbl', 'revtbl', 'fldinst',
  'bkmkstart', 'bkmkend', 'shppict', 'nonshppict', 'blipuid', 'wgrffmtfilter', 'pnseclvl', 'listtext', 'xe', 'tc', 'private', 'userprops',
]);
const INFO_FIELDS: Record<string, string> = {
  title: 'title', subject: 'subject', author: 'author', operator: 'lastModifiedBy', keywords: 'keywords', comment: 'comment',
  doccomm: 'description', company: 'company', manager: 'manager', category: 'category', creatim: 'created', revtim: 'modified', printim: 'lastPrinted',
};

interface GroupState {
  skip: boolean;
  uc: number;
  font: number | null;
  /** The info field this group's text belongs to, if any. */
  field: string | null;
}

function codepageName(cp: number): string {
  if (cp === 936) return 'gb18030';
  if (cp === 950) return 'big5';
  if (cp === 932) return 'shift_jis';
  if (cp === 949) return 'euc-kr';
  if (cp === 65001) return 'utf-8';
  return `cp${cp}`;
}

/** Convert RTF to plain text and its \info metadata. Handles \uN, \'hh in any code page, skipped destinations. */
export function rtfToText(source: string): { text: string; metadata: Metadata } {
  let defaultCodepage = 1252;
  const fontCharset = new Map<number, number>();
  const stack: GroupState[] = [];
  let state: GroupState = { skip: false, uc: 1, font: null, field: null };
  const out: string[] = [];
  const fields: Record<string, string> = {};
  const dates: Record<string, Record<string, number>> = {};
  let bytes: number[] = [];
  let skipChars = 0;
  let inFontTable = 0;
  let fontNumber: number | null = null;

  const codepage = () => {
    const charset = state.font !== null ? fontCharset.get(state.font) : undefined;
    return charset !== undefined && CHARSET_CODEPAGE[charset] ? CHARSET_CODEPAGE[charset]! : defaultCodepage;
  };
  const emit = (text: string) => {
    if (state.field) fields[state.field] = (fields[state.field] ?? '') + text;
    else if (!state.skip) out.push(text);
  };
  const flushBytes = () => {
    if (bytes.length === 0) return;
    const name = codepageName(codepage());
    emit(iconv.encodingExists(name) ? iconv.decode(Buffer.from(bytes), name) : Buffer.from(bytes).toString('latin1'));
    bytes = [];
  };

  let i = 0;
  const n = source.length;
  while (i < n) {
    const ch = source[i]!;
    if (ch === '{') {
      flushBytes();
      stack.push(state);
      state = { ...state };
      if (inFontTable) inFontTable++;
      i++;
    } else if (ch === '}') {
      flushBytes();
      state = stack.pop() ?? state;
      if (inFontTable) inFontTable--;
      i++;
    } else if (ch === '\\') {
      const next = source[i + 1];
      if (next === "'") {
        const hex = source.slice(i + 2, i + 4);
        i += 4;
        if (skipChars > 0) {
          skipChars--;
          continue;
        }
        const byte = parseInt(hex, 16);
        if (!Number.isNaN(byte)) bytes.push(byte);
        continue;
      }
      flushBytes();
      if (next === undefined) break;
      if (!/[a-zA-Z]/.test(next)) {
        i += 2;
        if (next === '*') {
          // An optional destination: skip it unless we know it.
          const word = /^\\([a-zA-Z]+)/.exec(source.slice(i, i + 40))?.[1];
          if (!word || !(word in INFO_FIELDS) || word === 'comment') state.skip = true;
        } else if (next === '~') emit('\u00a0');
        else if (next === '_') emit('-');
        else if (next === '\\' || next === '{' || next === '}') emit(next);
        else if (next === '\n' || next === '\r') emit('\n');
        continue;
      }
      const match = /^([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(source.slice(i + 1, i + 50));
      if (!match) {
        i++;
        continue;
      }
      i += 1 + match[0].length;
      const word = match[1]!;
      const param = match[2] !== undefined ? Number(match[2]) : null;
      if (word === 'u' && param !== null) {
        emit(String.fromCharCode(param < 0 ? param + 65536 : param));
        skipChars = state.uc;
        continue;
      }
      if (word === 'bin' && param !== null) {
        i += param;
        continue;
      }
      if (SKIPPED.has(word)) {
        if (word === 'fonttbl') inFontTable = 1;
        state.skip = true;
        continue;
      }
      if (word in INFO_FIELDS) {
        state.field = INFO_FIELDS[word]!;
        // A later copy of a field (the Unicode one in {\*\ud …}) replaces the ANSI one.
        fields[state.field] = '';
        if (word === 'creatim' || word === 'revtim' || word === 'printim') dates[state.field] = {};
        continue;
      }
      if (state.field && dates[state.field] && param !== null && ['yr', 'mo', 'dy', 'hr', 'min'].includes(word)) {
        dates[state.field]![word] = param;
        continue;
      }
      switch (word) {
        case 'ansicpg':
          if (param) defaultCodepage = param;
          break;
        case 'uc':
          if (param !== null) state.uc = param;
          break;
        case 'f':
          if (inFontTable) fontNumber = param;
          else state.font = param;
          break;
        case 'fcharset':
          if (inFontTable && fontNumber !== null && param !== null) fontCharset.set(fontNumber, param);
          break;
        case 'par': case 'line': case 'sect': case 'page': case 'row':
          emit('\n');
          break;
        case 'tab': case 'cell':
          emit('\t');
          break;
        case 'info':
          state.skip = true; // only the named fields inside are kept, through state.field
          break;
        case 'emdash': emit('—'); break;
        case 'endash': emit('–'); break;
        case 'lquote': emit('‘'); break;
        case 'rquote': emit('’'); break;
        case 'ldblquote': emit('“'); break;
        case 'rdblquote': emit('”'); break;
        case 'bullet': emit('•'); break;
        default:
          break;
      }
    } else if (ch === '\r' || ch === '\n') {
      i++;
    } else {
      if (skipChars > 0) {
        skipChars--;
        i++;
        continue;
      }
      flushBytes();
      let j = i;
      while (j < n && !'\\{}\r\n'.includes(source[j]!)) j++;
      emit(source.slice(i, j));
      i = j;
    }
  }
  flushBytes();
  const metadata: Metadata = {};
  for (const [key, value] of Object.entries(fields)) if (value.trim() && !dates[key]) metadata[key] = value.trim();
  for (const [key, d] of Object.entries(dates)) {
    if (d.yr) metadata[key] = `${d.yr}-${String(d.mo ?? 1).padStart(2, '0')}-${String(d.dy ?? 1).padStart(2, '0')}T${String(d.hr ?? 0).padStart(2, '0')}:${String(d.min ?? 0).padStart(2, '0')}:00`;
  }
  return { text: out.join('').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim(), metadata };
}

/** Extract an RTF file's text and document properties. */
export function extractRtf(bytes: Buffer): ExtractionResult {
  const mime = 'application/rtf';
  // RTF is 7-bit; anything above is read byte-for-byte so \'hh and raw bytes stay distinct.
  const source = bytes.toString('latin1');
  if (!source.trimStart().startsWith('{\\rtf')) return { ok: false, mime, reason: 'corrupt', message: 'not an RTF document' };
  const { text, metadata } = rtfToText(source);
  const title = typeof metadata.title === 'string' ? metadata.title : null;
  return { ok: true, extraction: { mime, title, pages: [{ page: 1, text }], metadata, children: [], needsOcr: false } };
}
