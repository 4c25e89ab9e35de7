import { sql, type Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { Access } from './context.js';

export interface ThreadMessage {
  id: number;
  title: string | null;
  path: string;
  from: string | null;
  date: string | null;
  messageId: string | null;
}

const idsOf = (value: unknown): string[] => (Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s+/) : []).filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length < 1000);

/**
 * The email thread of a message, among the documents the user may see: messages linked to it by
 * Message-ID, In-Reply-To and References (as the email extractor stores them in metadata),
 * followed for a few rounds so that replies to replies join. Oldest first. Empty when the
 * document is not a message or nothing links to it.
 */
export async function findEmailThread(db: Kysely<Database>, access: Access, metadata: Record<string, unknown>, limit = 200): Promise<ThreadMessage[]> {
  if (!access.all && access.collectionIds.length === 0) return [];
  const known = new Set([...idsOf(metadata.messageId), ...idsOf(metadata.inReplyTo), ...idsOf(metadata.references)]);
  if (known.size === 0) return [];
  const found = new Map<number, ThreadMessage>();
  // The JSON functions differ: SQLite's json_extract/json_each, PostgreSQL's jsonb operators.
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  const field = (key: 'messageId' | 'inReplyTo') => (pg ? sql`(metadata::jsonb ->> ${key})` : sql`json_extract(metadata, ${`$.${key}`})`);
  const references = (ids: string[]) =>
    pg
      ? sql`(SELECT 1 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(documents.metadata::jsonb -> 'references') = 'array' THEN documents.metadata::jsonb -> 'references' ELSE '[]'::jsonb END) AS r(v) WHERE r.v IN (${sql.join(ids)}))`
      : sql`(SELECT 1 FROM json_each(documents.metadata, '$.references') WHERE json_each.value IN (${sql.join(ids)}))`;
  for (let round = 0; round < 4; round++) {
    const ids = [...known].slice(0, 500);
    let query = db
      .selectFrom('documents')
      .select(['id', 'title', 'path', 'metadata', 'date'])
      .where((eb) =>
        eb.or([
          eb(field('messageId'), 'in', ids),
          eb(field('inReplyTo'), 'in', ids),
          eb.exists(references(ids)),
        ]),
      )
      .where('mime', 'in', ['message/rfc822', 'application/vnd.ms-outlook'])
      .$if(!pg, (q) => q.where(sql`json_valid(metadata)`, '=', 1))
      .limit(limit);
    if (!access.all) query = query.where('collection_id', 'in', access.collectionIds);
    const rows = await query.execute();
    const before = known.size;
    for (const row of rows) {
      const meta = JSON.parse(row.metadata) as Record<string, unknown>;
      const messageId = idsOf(meta.messageId)[0] ?? null;
      found.set(row.id, { id: row.id, title: row.title ?? (typeof meta.subject === 'string' ? meta.subject : null), path: row.path, from: typeof meta.from === 'string' ? meta.from : null, date: row.date ?? (typeof meta.date === 'string' ? meta.date : null), messageId });
      for (const id of [...idsOf(meta.messageId), ...idsOf(meta.inReplyTo), ...idsOf(meta.references)]) known.add(id);
    }
    if (known.size === before || found.size >= limit) break;
  }
  return [...found.values()].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id - b.id);
}
