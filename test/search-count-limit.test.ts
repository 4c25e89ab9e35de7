/**
 * Counting stops at a limit (10,000 in use) and the total is then a lower bound, shown as
 * "10,000+": past it, ranking is bounded too (platform/search/bm25-top-k.ts). Checked here with a
 * small limit on a real FTS5 index, with documents of several matching pages (counting goes on
 * from the last page key read), and the ranking compared with the exact one.
 */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_COLUMNS, searchRowId, totalText, type MatchExpr, type SearchColumn } from '../src/domain/search.js';
import type { Database as Schema } from '../src/platform/db/schema.js';
import { SqliteSearchIndex } from '../src/platform/search/sqlite-search-index.js';

let db: Kysely<Schema>;
const word = (w: string): MatchExpr => ({ op: 'phrase', tokens: [w], columns: ['t_norm', 'b_norm'], prefix: false, via: 'normalised', term: w });

beforeAll(async () => {
  db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  await new SqliteSearchIndex().ensureSchema(db);
  // 12 documents match "kernel", each on 1 to 3 pages, with different term frequencies and lengths.
  for (let doc = 1; doc <= 12; doc++) {
    for (let page = 1; page <= 1 + (doc % 3); page++) {
      const body = [...Array.from({ length: (doc * page) % 5 + 1 }, () => 'kernel'), ...Array.from({ length: doc + page * 3 }, () => 'filler')].join(' ');
      const values: Record<SearchColumn, string> = { t_exact: '', t_norm: `doc ${doc}`, b_exact: '', b_norm: body, b_stem: '', py: '', pys: '', m_from: '', m_to: '', flags: 'same', b_boiler: '' };
      await sql`INSERT INTO search_index (rowid, ${sql.raw(SEARCH_COLUMNS.join(', '))}) VALUES (${searchRowId(doc, page)}, ${sql.join(SEARCH_COLUMNS.map((c) => values[c]))})`.execute(db);
    }
  }
});

afterAll(async () => {
  await db.destroy();
});

describe('counting up to a limit', () => {
  it('counts documents, not pages, exactly under the limit', async () => {
    const result = await new SqliteSearchIndex({}, {}, { count: 20 }).query(db, word('kernel'), {}, { limit: 5, offset: 0 });
    expect(result.total).toBe(12);
    expect(result.totalIsLowerBound).toBeUndefined();
  });

  it('stops at the limit and says the total is a lower bound', async () => {
    for (const limit of [3, 5, 11]) {
      const result = await new SqliteSearchIndex({}, {}, { count: limit }).query(db, word('kernel'), {}, { limit: 5, offset: 0 });
      expect(result.total).toBe(limit);
      expect(result.totalIsLowerBound).toBe(true);
    }
    // Exactly at the limit is still exact.
    const at = await new SqliteSearchIndex({}, {}, { count: 12 }).query(db, word('kernel'), {}, { limit: 5, offset: 0 });
    expect([at.total, at.totalIsLowerBound]).toEqual([12, undefined]);
  });

  it('ranks past the limit as the exact ranking does when every match is a candidate', async () => {
    const exact = await new SqliteSearchIndex().query(db, word('kernel'), {}, { limit: 6, offset: 2 });
    const bounded = await new SqliteSearchIndex({}, {}, { count: 4 }).query(db, word('kernel'), {}, { limit: 6, offset: 2 });
    expect(exact.hits).toHaveLength(6);
    expect(bounded.hits.map((h) => [h.documentId, h.page])).toEqual(exact.hits.map((h) => [h.documentId, h.page]));
    bounded.hits.forEach((h, i) => expect(h.score).toBeCloseTo(exact.hits[i]!.score, 6));
  });

  it('counts a prefix as FTS5 matches it, under the limit and past it (counting runs it as its words)', async () => {
    const prefix: MatchExpr = { op: 'phrase', tokens: ['kern'], columns: ['t_norm', 'b_norm'], prefix: true, via: 'normalised', term: 'kern' };
    const all = await new SqliteSearchIndex({}, {}, { count: 20 }).query(db, prefix, {}, { limit: 5, offset: 0 });
    expect([all.total, all.totalIsLowerBound]).toEqual([12, undefined]);
    const bounded = await new SqliteSearchIndex({}, {}, { count: 5 }).query(db, prefix, {}, { limit: 20, offset: 0 });
    expect([bounded.total, bounded.totalIsLowerBound]).toEqual([5, true]);
    const word = await new SqliteSearchIndex({}, {}, { count: 5 }).query(db, { ...prefix, tokens: ['kernel'], prefix: false }, {}, { limit: 20, offset: 0 });
    expect(bounded.hits.map((h) => h.pageId)).toEqual(word.hits.map((h) => h.pageId));
  });

  it('shows a lower bound as "10,000+" and an exact count as the number', () => {
    expect(totalText(10_000, true)).toBe('10,000+');
    expect(totalText(10_000)).toBe('10000');
    expect(totalText(7, false)).toBe('7');
  });
});
