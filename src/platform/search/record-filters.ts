import { sql, type Kysely, type RawBuilder } from 'kysely';
import { DOCUMENT_TYPES, documentType, type SearchFilters } from '../../domain/search.js';
import type { Database } from '../db/schema.js';

/** Counts per facet; `tag` only when some matching document carries a tag. */
export type Facets = Record<'type' | 'lang' | 'collection' | 'year' | 'sender', Record<string, number>> & { tag?: Record<string, number> };

/** Media types seen per database, and the state of the documents table they were read at. */
const knownMimes = new WeakMap<Kysely<Database>, { state: string; at: number; mimes: string[] }>();
/** Past this age the list is read again whatever the state says. */
const MIMES_TTL_MS = 10 * 60_000;

/**
 * The media types documents have, for `type:` filters. Reading them is a scan of every document
 * (no index on mime), a cost per query that grows with the collection, so they are remembered
 * while the documents stay as they were: the same highest id and the same number of documents
 * still being extracted (a document gets its type when its extraction ends), both read from
 * indexes.
 */
async function mediaTypes(db: Kysely<Database>): Promise<string[]> {
  const row = (await sql<{ top: number | null; pending: number }>`SELECT (SELECT max(id) FROM documents) AS top, (SELECT count(*) FROM documents WHERE status = 'pending') AS pending`.execute(db)).rows[0];
  const state = `${row?.top ?? 0}:${row?.pending ?? 0}`;
  const known = knownMimes.get(db);
  if (known && known.state === state && Date.now() - known.at < MIMES_TTL_MS) return known.mimes;
  const mimes = (await sql<{ mime: string }>`SELECT DISTINCT mime FROM documents WHERE mime IS NOT NULL`.execute(db)).rows.map((r) => r.mime);
  knownMimes.set(db, { state, at: Date.now(), mimes });
  return mimes;
}

/**
 * Record filters as SQL over documents d and collections c, or null when there are none. Plain
 * SQL both backends (SQLite FTS5 and PostgreSQL) read alike.
 */
export async function filterSql(db: Kysely<Database>, f: SearchFilters): Promise<RawBuilder<unknown> | null> {
  const parts: RawBuilder<unknown>[] = [];
  const mimes = async (values: string[]) => {
    const known = await mediaTypes(db);
    const out = new Set<string>();
    for (const v of values) {
      const friendly = v.startsWith('type:') ? DOCUMENT_TYPES[v.slice(5)] : null;
      if (friendly) known.filter(friendly).forEach((m) => out.add(m));
      else out.add(v);
    }
    return [...out, '\u0001none'];
  };
  if (f.mimes?.length) parts.push(sql`d.mime IN (${sql.join(await mimes(f.mimes))})`);
  if (f.notMimes?.length) parts.push(sql`(d.mime IS NULL OR d.mime NOT IN (${sql.join(await mimes(f.notMimes))}))`);
  if (f.langs?.length) parts.push(sql`d.lang IN (${sql.join(f.langs)})`);
  if (f.notLangs?.length) parts.push(sql`(d.lang IS NULL OR d.lang NOT IN (${sql.join(f.notLangs)}))`);
  if (f.collections?.length) parts.push(sql`c.name IN (${sql.join(f.collections)})`);
  if (f.notCollections?.length) parts.push(sql`c.name NOT IN (${sql.join(f.notCollections)})`);
  for (const tag of f.tags ?? []) parts.push(sql`d.id IN (SELECT document_id FROM tags WHERE tag = ${tag})`);
  if (f.notTags?.length) parts.push(sql`d.id NOT IN (SELECT document_id FROM tags WHERE tag IN (${sql.join(f.notTags)}))`);
  if (f.allowedCollections) parts.push(f.allowedCollections.length ? sql`c.name IN (${sql.join(f.allowedCollections)})` : sql`0 = 1`);
  if (f.dateFrom) parts.push(sql`d.date >= ${f.dateFrom}`);
  if (f.dateTo) parts.push(sql`d.date < ${f.dateTo}`);
  return parts.length ? sql.join(parts, sql` AND `) : null;
}

/** Whether the filters test the collection's name (c.name in filterSql): queries join collections only then. */
export function filtersNameCollections(f: SearchFilters): boolean {
  return Boolean(f.collections?.length || f.notCollections?.length || f.allowedCollections);
}

/**
 * Facet counts over `source` (a FROM clause yielding documents as d) under the filters, in one
 * statement: the matching documents are read once into a materialised table and every facet is a
 * GROUP BY over it (six statements used to read them six times). At most 50 values a facet, the
 * most frequent.
 */
export async function facetCounts(db: Kysely<Database>, source: RawBuilder<unknown>, where: RawBuilder<unknown>): Promise<Facets> {
  const top = (facet: string, key: string, from = sql`m`) => sql`SELECT * FROM (SELECT ${sql.lit(facet)} AS f, ${sql.raw(key)} AS k, count(*) AS n FROM ${from} GROUP BY ${sql.raw(key)} ORDER BY count(*) DESC LIMIT 50) AS ${sql.raw(`top_${facet}`)}`;
  const rows = (await sql<{ f: string; k: string | null; n: number | string }>`
    WITH m AS MATERIALIZED (SELECT d.id AS id, d.mime AS mime, d.lang AS lang, c.name AS collection, substr(d.date, 1, 4) AS year, d.sender AS sender FROM ${source} JOIN collections c ON c.id = d.collection_id WHERE ${where})
    ${top('type', 'mime')} UNION ALL ${top('lang', 'lang')} UNION ALL ${top('collection', 'collection')} UNION ALL ${top('year', 'year')} UNION ALL ${top('sender', 'sender')}
    UNION ALL ${top('tag', 't.tag', sql`m JOIN tags t ON t.document_id = m.id`)}`.execute(db)).rows;
  const of = (facet: string) => rows.filter((r) => r.f === facet).map((r) => ({ k: r.k, n: Number(r.n) })).sort((a, b) => b.n - a.n);
  const type: Record<string, number> = {};
  for (const r of of('type')) type[documentType(r.k)] = (type[documentType(r.k)] ?? 0) + r.n;
  const toRecord = (list: Array<{ k: string | null; n: number }>) => Object.fromEntries(list.filter((r) => r.k !== null).map((r) => [r.k!, r.n]));
  const tag = toRecord(of('tag'));
  return {
    type,
    lang: toRecord(of('lang')),
    collection: toRecord(of('collection')),
    year: toRecord(of('year')),
    sender: toRecord(of('sender')),
    ...(Object.keys(tag).length ? { tag } : {}),
  };
}
