/**
 * The BM25 that ranks very common words (platform/search/bm25-top-k.ts) must give the same scores,
 * in the same order, as FTS5's own bm25() with the same column weights: it only saves FTS5's pass
 * over every match. Checked on a small real FTS5 index with single words, phrases, prefixes,
 * several columns, OR and AND. Also what the ranking of common words reads instead of asking
 * FTS5 again: candidates given by key, remembered vocabulary counts, prefixes as their words.
 */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_COLUMNS, type MatchExpr, type SearchColumn } from '../src/domain/search.js';
import type { Database as Schema } from '../src/platform/db/schema.js';
import { Bm25TopK } from '../src/platform/search/bm25-top-k.js';
import { toFts5 } from '../src/platform/search/fts5-expression.js';
import { expandPrefixes } from '../src/platform/search/prefix-expansion.js';
import { DEFAULT_WEIGHTS, SqliteSearchIndex } from '../src/platform/search/sqlite-search-index.js';
import { VocabularyFrequencies } from '../src/platform/search/vocabulary-frequencies.js';

const WORDS = ['the', 'kernel', 'signal', 'handler', 'patch', 'patches', 'man', 'page', '人民', '民法', '法院', 'renmin', 'fayuan'];
let db: Kysely<Schema>;

const phrase = (tokens: string[], columns: SearchColumn[], prefix = false): MatchExpr => ({ op: 'phrase', tokens, columns, prefix, via: 'normalised', term: tokens.join(' ') });

beforeAll(async () => {
  db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  await new SqliteSearchIndex().ensureSchema(db);
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const text = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  for (let id = 1; id <= 300; id++) {
    const values: Record<SearchColumn, string> = { t_exact: '', t_norm: text(3), b_exact: '', b_norm: text(5 + Math.floor(random() * 60)), b_stem: text(10), py: text(4), pys: '', m_from: '', m_to: '', flags: 'same', b_boiler: '' };
    await sql`INSERT INTO search_index (rowid, ${sql.raw(SEARCH_COLUMNS.join(', '))}) VALUES (${id * 2 ** 20 + 1}, ${sql.join(SEARCH_COLUMNS.map((c) => values[c]))})`.execute(db);
  }
});

afterAll(async () => {
  await db.destroy();
});

describe('BM25 for common words', () => {
  const cases: Array<[string, MatchExpr]> = [
    ['one word, two column sets', { op: 'or', items: [phrase(['the'], ['t_norm', 'b_norm']), phrase(['the'], ['b_stem'])] }],
    ['a phrase', phrase(['man', 'page'], ['t_norm', 'b_norm'])],
    ['a prefix', phrase(['patch'], ['b_norm'], true)],
    ['OR of words in several columns', { op: 'or', items: [phrase(['人民'], ['t_norm', 'b_norm']), phrase(['法院'], ['b_norm']), phrase(['renmin'], ['py'])] }],
    ['AND of words', { op: 'and', items: [phrase(['kernel'], ['t_norm', 'b_norm']), phrase(['signal'], ['b_norm', 'b_stem'])] }],
    // Four or more single words in one column are counted in one pass over the row (a pasted question).
    ['OR of many words and a phrase (a pasted question)', { op: 'or', items: [...['人民', '民法', '法院', 'the', 'kernel', 'page'].map((w) => phrase([w], ['t_norm', 'b_norm'])), phrase(['man', 'page'], ['b_norm']), phrase(['patch'], ['b_norm'], true)] }],
  ];
  const weights = sql.raw(SEARCH_COLUMNS.map((c) => DEFAULT_WEIGHTS[c]).join(', '));
  for (const [name, expr] of cases) {
    it(`scores as FTS5 bm25() does: ${name}`, async () => {
      const fts5 = (await sql<{ id: number; score: number }>`SELECT rowid AS id, bm25(search_index, ${weights}) AS score FROM search_index WHERE search_index MATCH ${toFts5(expr)} ORDER BY score, rowid LIMIT 15`.execute(db)).rows;
      const ours = await new Bm25TopK().rank(db, expr, DEFAULT_WEIGHTS, 1000, 15, sql``);
      expect(fts5.length).toBeGreaterThan(3);
      expect(ours.map((r) => r.id)).toEqual(fts5.map((r) => r.id));
      ours.forEach((r, i) => expect(r.score).toBeCloseTo(fts5[i]!.score, 6));
    });
  }
});

describe('what the bounded ranking reads instead of asking FTS5 again', () => {
  const cases: Array<[string, MatchExpr]> = [
    ['a word', phrase(['the'], ['t_norm', 'b_norm'])],
    ['many words (one pass per row)', { op: 'or', items: ['人民', '民法', '法院', 'the', 'kernel', 'page'].map((w) => phrase([w], ['t_norm', 'b_norm'])) }],
    ['a prefix', phrase(['patch'], ['b_norm'], true)],
  ];
  for (const [name, expr] of cases) {
    it(`ranks the candidates given by key as those it finds: ${name}`, async () => {
      const keys = (await sql<{ id: number }>`SELECT rowid AS id FROM search_index WHERE search_index MATCH ${toFts5(expr)} LIMIT 40`.execute(db)).rows.map((r) => r.id);
      expect(keys.length).toBe(40);
      const found = await new Bm25TopK().rank(db, expr, DEFAULT_WEIGHTS, 40, 15, sql``);
      const given = await new Bm25TopK().rank(db, expr, DEFAULT_WEIGHTS, keys, 15, sql``);
      expect(given).toEqual(found);
    });
  }

  it('counts rows and a word\'s rows as FTS5\'s vocabulary does, and forgets them when told the index changed', async () => {
    await sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.check_vocab USING fts5vocab(main, search_index, 'row')`.execute(db);
    const vocab = async (w: string) => Number((await sql<{ n: number }>`SELECT doc AS n FROM temp.check_vocab WHERE term = ${w}`.execute(db)).rows[0]?.n ?? 0);
    const rows = async () => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM search_index_docsize`.execute(db)).rows[0]?.n);
    const frequencies = new VocabularyFrequencies();
    const first = await frequencies.of(db, ['kernel', '人民', 'absent']);
    expect([first.total, first.df.get('kernel'), first.df.get('人民'), first.df.get('absent')]).toEqual([await rows(), await vocab('kernel'), await vocab('人民'), 0]);
    // A row written elsewhere: remembered until invalidated.
    const values = SEARCH_COLUMNS.map((c) => (c === 'b_norm' ? 'absent kernel' : ''));
    await sql`INSERT INTO search_index (rowid, ${sql.raw(SEARCH_COLUMNS.join(', '))}) VALUES (${999 * 2 ** 20 + 1}, ${sql.join(values)})`.execute(db);
    try {
      expect((await frequencies.of(db, ['absent'])).df.get('absent')).toBe(0);
      frequencies.invalidate();
      const after = await frequencies.of(db, ['absent', 'kernel']);
      expect([after.total, after.df.get('absent'), after.df.get('kernel')]).toEqual([await rows(), 1, await vocab('kernel')]);
    } finally {
      await sql`DELETE FROM search_index WHERE rowid = ${999 * 2 ** 20 + 1}`.execute(db);
    }
  });

  it('lists the words of a prefix and matches the same rows with them as FTS5\'s prefix query', async () => {
    const frequencies = new VocabularyFrequencies();
    expect(await frequencies.wordsStartingWith(db, 'patch', 10)).toEqual(['patch', 'patches']);
    expect(await frequencies.wordsStartingWith(db, 'patch', 1)).toBeNull();
    expect(await frequencies.wordsStartingWith(db, 'zzz', 10)).toEqual([]);
    const words = (prefix: string) => frequencies.wordsStartingWith(db, prefix, 10);
    const keys = async (e: MatchExpr) => (await sql<{ id: number }>`SELECT rowid AS id FROM search_index WHERE search_index MATCH ${toFts5(e)}`.execute(db)).rows.map((r) => r.id);
    for (const expr of [
      phrase(['patch'], ['b_norm'], true),
      phrase(['民'], ['t_norm', 'b_norm'], true),
      { op: 'and', items: [phrase(['kernel'], ['b_norm']), phrase(['pa'], ['b_norm', 'b_stem'], true)] },
      { op: 'not', include: phrase(['the'], ['b_norm']), exclude: phrase(['han'], ['b_norm'], true) },
    ] satisfies MatchExpr[]) {
      const expanded = await expandPrefixes(expr, words);
      expect(toFts5(expanded)).not.toContain('*');
      expect(await keys(expanded)).toEqual(await keys(expr));
    }
    // A prefix with no word, or one FTS5 would fold, stays a prefix.
    expect(await expandPrefixes(phrase(['zzz'], ['b_norm'], true), words)).toEqual(phrase(['zzz'], ['b_norm'], true));
    expect(await expandPrefixes(phrase(['Patch'], ['b_norm'], true), words)).toEqual(phrase(['Patch'], ['b_norm'], true));
  });
});
