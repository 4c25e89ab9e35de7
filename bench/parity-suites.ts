/**
 * The queries of the search test suites, for bench:scale-parity: each suite's corpus and every
 * query it sends, read from the test files themselves (TypeScript's parser; only literals are
 * taken), so the list follows the suites as they change without a copy to keep in step.
 *  - search-modes: the cross-script set (bench/eval/cross-script.json), its queries per mode and
 *    the literal searches of the file;
 *  - search-query-language: the ALPHA / BETA collections, EXPECTED, ANY (--match any), FACETED and
 *    the literal searches;
 *  - search-sentences: PARAGRAPHS and its literal searches;
 *  - search-cli: test/fixtures (no OCR) and its literal searches.
 * Malformed queries (MALFORMED, NO_VALUE) are left out: they never reach a backend.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { SearchMode } from '../src/domain/search.js';
import { repo } from './support.js';

export interface SuiteQuery {
  q: string;
  mode?: SearchMode;
  match?: 'any' | 'all';
}

export interface Suite {
  name: string;
  /** Collections to ingest: name → files (relative path → content), or a folder to ingest as is. */
  collections: Array<{ name: string; files?: Record<string, string>; folder?: string }>;
  queries: SuiteQuery[];
}

type Literal = string | number | boolean | null | undefined | Literal[] | { [key: string]: Literal };

/** A literal expression's value; anything computed is undefined. */
function evaluate(node: ts.Expression): Literal {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isAsExpression(node) || ts.isParenthesizedExpression(node)) return evaluate(node.expression);
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((e) => evaluate(e));
  if (ts.isObjectLiteralExpression(node)) {
    const out: Record<string, Literal> = {};
    for (const p of node.properties) if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) out[p.name.text] = evaluate(p.initializer);
    return out;
  }
  return undefined;
}

/** A test file's top-level literal constants, and every call whose callee is one of `callees`. */
function readTestFile(file: string, callees: Set<string>): { consts: Map<string, Literal>; calls: Array<{ callee: string; args: Literal[] }> } {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(repo, 'test', file), 'utf8'), ts.ScriptTarget.Latest, true);
  const consts = new Map<string, Literal>();
  const calls: Array<{ callee: string; args: Literal[] }> = [];
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) consts.set(d.name.text, evaluate(d.initializer));
  }
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && callees.has(node.expression.text)) calls.push({ callee: node.expression.text, args: node.arguments.map((a) => evaluate(a)) });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { consts, calls };
}

const isString = (v: Literal): v is string => typeof v === 'string';

/** `--mode X` / `--match any` in a CLI argument list. */
function fromExtra(q: string, extra: Literal, mode?: SearchMode): SuiteQuery {
  const args = Array.isArray(extra) ? extra.filter(isString) : [];
  const at = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  return { q, mode: (at('--mode') as SearchMode | undefined) ?? mode, match: at('--match') === 'any' ? 'any' : undefined };
}

function unique(queries: SuiteQuery[]): SuiteQuery[] {
  const seen = new Map<string, SuiteQuery>();
  for (const q of queries) if (q.q.trim()) seen.set(`${q.q}\u0000${q.mode ?? ''}\u0000${q.match ?? ''}`, q);
  return [...seen.values()];
}

export function searchSuites(): Suite[] {
  const suites: Suite[] = [];

  const set = JSON.parse(fs.readFileSync(path.join(repo, 'bench', 'eval', 'cross-script.json'), 'utf8')) as { documents: Record<string, string>; queries: Array<{ q: string; mode: SearchMode }> };
  const modes = readTestFile('search-modes.test.ts', new Set(['found', 'result']));
  const pairs = [...((modes.consts.get('MORE') as Literal[]) ?? []), ...((modes.consts.get('MORE_NEUTRAL') as Literal[]) ?? [])].filter(Array.isArray) as Literal[][];
  suites.push({
    name: 'search-modes (cross-script set)',
    collections: [{ name: 'default', files: Object.fromEntries(Object.entries(set.documents).map(([n, t]) => [`${n}.txt`, t])) }],
    queries: unique([
      ...set.queries.map(({ q, mode }) => ({ q, mode })),
      ...pairs.filter((p) => isString(p[0]) && isString(p[1])).map((p) => ({ q: p[0] as string, mode: p[1] as SearchMode })),
      ...modes.calls.filter((c) => isString(c.args[0]) && isString(c.args[1])).map((c) => ({ q: c.args[0] as string, mode: c.args[1] as SearchMode })),
    ]),
  });

  const ql = readTestFile('search-query-language.test.ts', new Set(['found', 'result']));
  const expected = ((ql.consts.get('EXPECTED') as Literal[]) ?? []).filter(Array.isArray) as Literal[][];
  suites.push({
    name: 'search-query-language',
    collections: ['ALPHA', 'BETA'].map((c) => ({ name: c.toLowerCase(), files: ql.consts.get(c) as Record<string, string> })),
    queries: unique([
      ...expected.map((e) => e[0]).filter(isString).map((q) => ({ q })),
      ...((ql.consts.get('ANY') as Literal[]) ?? []).filter(isString).map((q) => ({ q, match: 'any' as const })),
      ...((ql.consts.get('FACETED') as Literal[]) ?? []).filter(isString).map((q) => ({ q })),
      ...ql.calls.filter((c) => isString(c.args[0])).map((c) => fromExtra(c.args[0] as string, c.args[1])),
    ]),
  });

  const sentences = readTestFile('search-sentences.test.ts', new Set(['search']));
  suites.push({
    name: 'search-sentences',
    collections: [{ name: 'default', files: Object.fromEntries(Object.entries((sentences.consts.get('PARAGRAPHS') as Record<string, string>) ?? {}).map(([n, t]) => [`${n}.txt`, t])) }],
    queries: unique(sentences.calls.filter((c) => isString(c.args[1])).map((c) => fromExtra(c.args[1] as string, c.args[2]))),
  });

  const cli = readTestFile('search-cli.test.ts', new Set(['search']));
  suites.push({
    name: 'search-cli (test/fixtures)',
    collections: [{ name: 'default', folder: path.join(repo, 'test', 'fixtures') }],
    queries: unique(cli.calls.filter((c) => isString(c.args[1])).map((c) => fromExtra(c.args[1] as string, c.args[2]))),
  });
  return suites;
}
