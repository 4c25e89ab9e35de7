import { DossierError } from '../domain/errors.js';

/** The parsed form of a query, before analysis. `at` is the character position for errors. */
export type QueryNode =
  | { type: 'and' | 'or'; items: QueryNode[] }
  | { type: 'not'; item: QueryNode; at: number }
  | { type: 'term'; text: string; phrase: boolean; prefix: boolean; field: 'title' | 'from' | 'to' | null; at: number }
  | { type: 'filter'; field: 'type' | 'lang' | 'collection' | 'date' | 'tag'; value: string; at: number };

const TEXT_FIELDS = new Set(['title', 'from', 'to']);
const FILTER_FIELDS = new Set(['type', 'lang', 'collection', 'date', 'tag']);

type Lexeme =
  | { kind: 'open' | 'close' | 'and' | 'or' | 'not'; at: number }
  | { kind: 'word'; text: string; prefix: boolean; field: string | null; phrase: boolean; at: number };

function fail(message: string, at: number, input: string): never {
  const pointer = `${input}\n${' '.repeat(Math.max(0, at))}^`;
  throw new DossierError('invalid_query', `${message} (at character ${at + 1})\n${pointer}`);
}

function lex(input: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      out.push({ kind: ch === '(' ? 'open' : 'close', at: i });
      i++;
      continue;
    }
    const at = i;
    let field: string | null = null;
    const fieldMatch = /^([a-zA-Z]+):/.exec(input.slice(i));
    if (fieldMatch && (TEXT_FIELDS.has(fieldMatch[1]!.toLowerCase()) || FILTER_FIELDS.has(fieldMatch[1]!.toLowerCase()))) {
      field = fieldMatch[1]!.toLowerCase();
      i += fieldMatch[0].length;
      if (i >= input.length || /[\s()]/.test(input[i]!)) fail(`${field}: needs a value right after the colon`, at, input);
    } else if (ch === '-' && i + 1 < input.length && !/[\s-]/.test(input[i + 1]!) && (i === 0 || /[\s(]/.test(input[i - 1]!))) {
      out.push({ kind: 'not', at: i });
      i++;
      continue;
    }
    if (input[i] === '"') {
      const end = input.indexOf('"', i + 1);
      if (end === -1) fail('this quote is never closed', i, input);
      const text = input.slice(i + 1, end);
      const prefix = input[end + 1] === '*';
      out.push({ kind: 'word', text, prefix, field, phrase: true, at });
      i = end + 1 + (prefix ? 1 : 0);
      continue;
    }
    let j = i;
    while (j < input.length && !/[\s()"]/.test(input[j]!)) j++;
    let text = input.slice(i, j);
    i = j;
    if (field === null && (text === 'AND' || text === 'OR' || text === 'NOT')) {
      out.push({ kind: text.toLowerCase() as 'and' | 'or' | 'not', at });
      continue;
    }
    const prefix = text.endsWith('*') && text.length > 1;
    if (prefix) text = text.replace(/\*+$/, '');
    out.push({ kind: 'word', text, prefix, field, phrase: false, at });
  }
  return out;
}

/**
 * Parse a query: words, "phrases", prefix*, AND / OR / NOT (and -word), parentheses, text fields
 * (title:, from:, to:) and filters (type:, lang:, collection:, tag:, date:2017-01..2017-06). Adjacent
 * parts are joined by `implicit` (AND by default; OR for --match any). Errors say what is wrong
 * and point at where.
 */
export function parseQuerySyntax(input: string, implicit: 'and' | 'or' = 'and'): QueryNode {
  if (input.trim() === '') throw new DossierError('invalid_query', 'the query is empty');
  const lexemes = lex(input);
  let pos = 0;
  const peek = () => lexemes[pos];

  const parseOr = (): QueryNode => {
    const items = [parseAnd()];
    while (peek()?.kind === 'or') {
      const at = peek()!.at;
      pos++;
      if (!peek() || peek()!.kind === 'close' || peek()!.kind === 'or') fail('OR needs something after it', at, input);
      items.push(parseAnd());
    }
    return items.length === 1 ? items[0]! : { type: 'or', items };
  };
  const parseAnd = (): QueryNode => {
    const explicit: QueryNode[] = [parseUnary()];
    let joinedByOr = false;
    for (let next = peek(); next && next.kind !== 'close' && next.kind !== 'or'; next = peek()) {
      if (next.kind === 'and') {
        pos++;
        if (!peek() || peek()!.kind === 'close' || peek()!.kind === 'or' || peek()!.kind === 'and') fail('AND needs something after it', next.at, input);
      } else if (implicit === 'or') joinedByOr = true;
      explicit.push(parseUnary());
    }
    if (explicit.length === 1) return explicit[0]!;
    return { type: joinedByOr ? 'or' : 'and', items: explicit };
  };
  const parseUnary = (): QueryNode => {
    const next = peek();
    if (!next) fail('the query ends where a word was expected', input.length, input);
    if (next.kind === 'not') {
      pos++;
      if (!peek() || peek()!.kind === 'close') fail('NOT needs something after it', next.at, input);
      return { type: 'not', item: parseUnary(), at: next.at };
    }
    if (next.kind === 'open') {
      pos++;
      if (peek()?.kind === 'close') fail('empty parentheses', next.at, input);
      const inner = parseOr();
      if (peek()?.kind !== 'close') fail('this parenthesis is never closed', next.at, input);
      pos++;
      return inner;
    }
    if (next.kind === 'close') fail('a closing parenthesis without an opening one', next.at, input);
    if (next.kind === 'and' || next.kind === 'or') fail(`${next.kind.toUpperCase()} needs something before it`, next.at, input);
    pos++;
    const word = next as Extract<Lexeme, { kind: 'word' }>;
    if (word.field && FILTER_FIELDS.has(word.field)) {
      if (word.text.trim() === '') fail(`${word.field}: needs a value`, word.at, input);
      return { type: 'filter', field: word.field as 'type', value: word.text.trim(), at: word.at };
    }
    return { type: 'term', text: word.text, phrase: word.phrase, prefix: word.prefix, field: (word.field as 'title' | null) ?? null, at: word.at };
  };

  const tree = parseOr();
  if (pos < lexemes.length) fail('a closing parenthesis without an opening one', lexemes[pos]!.at, input);
  return tree;
}
