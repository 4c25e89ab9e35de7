import { sql, type Kysely, type RawBuilder } from 'kysely';
import { DOCUMENT_TYPES, documentType, type SearchFilters } from '../../domain/search.js';
import type { Database } from '../db/schema.js';

/** Counts per facet; `tag` only when some matching document carries a tag. */
export type Facets = Record<'type' | 'lang' | 'collection' | 'year' | 'sender', Record<string, number>> & { tag?: Record<string, number> };

/**
 * Record filters as SQL over documents d and collections c, or null when there are none. Plain
 * SQL both backends (SQLite FTS5 and PostgreSQL) read alike.
 */
export async function filterSql(db: Kysely<Database>, f: SearchFilters): Promise<RawBuilder<unknown> | null> {
  const parts: RawBuilder<unknown>[] = [];
  const mimes = async (values: string[]) => {
    const known = (await sql<{ mime: string }>`SELECT DISTINCT mime FROM documents WHERE mime IS NOT NULL`.execute(db)).rows.map((r) => r.mime);
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

/** Facet counts over `source` (a FROM clause yielding documents as d) under the filters. */
export async function facetCounts(db: Kysely<Database>, source: RawBuilder<unknown>, where: RawBuilder<unknown>): Promise<Facets> {
  const group = async (key: RawBuilder<unknown>) =>
    (await sql<{ k: string | null; n: number }>`SELECT ${key} AS k, count(*) AS n FROM ${source} JOIN collections c ON c.id = d.collection_id WHERE ${where} GROUP BY 1 ORDER BY 2 DESC LIMIT 50`.execute(db)).rows;
  const byMime = await group(sql`d.mime`);
  const type: Record<string, number> = {};
  for (const r of byMime) type[documentType(r.k)] = (type[documentType(r.k)] ?? 0) + Number(r.n);
  const toRecord = (rows: Array<{ k: string | null; n: number }>) => Object.fromEntries(rows.filter((r) => r.k !== null).map((r) => [r.k!, Number(r.n)]));
  const tag = toRecord(
    (await sql<{ k: string; n: number }>`SELECT t.tag AS k, count(*) AS n FROM ${source} JOIN collections c ON c.id = d.collection_id JOIN tags t ON t.document_id = d.id WHERE ${where} GROUP BY 1 ORDER BY 2 DESC LIMIT 50`.execute(db)).rows,
  );
  return {
    type,
    lang: toRecord(await group(sql`d.lang`)),
    collection: toRecord(await group(sql`c.name`)),
    year: toRecord(await group(sql`substr(d.date, 1, 4)`)),
    sender: toRecord(await group(sql`d.sender`)),
    ...(Object.keys(tag).length ? { tag } : {}),
  };
}
