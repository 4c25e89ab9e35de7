import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { PageMention } from './analyse-document.js';

/**
 * Replace a document's mentions, creating the entity of each named mention by its resolution key
 * (type + key) when it is new. Entities whose last mention goes are left for the resolution pass
 * to remove, so an editor's merge or split that names them keeps its meaning.
 */
export async function storeMentions(db: Kysely<Database>, documentId: number, mentions: PageMention[]): Promise<void> {
  await db.deleteFrom('mentions').where('document_id', '=', documentId).execute();
  if (mentions.length === 0) return;
  const now = new Date().toISOString();
  const ids = new Map<string, number>();
  for (const m of mentions) {
    if (!m.entity) continue;
    const k = `${m.type}\u0000${m.entity.key}`;
    if (ids.has(k)) continue;
    await db
      .insertInto('entities')
      .values({ type: m.type, key: m.entity.key, name: m.entity.name, aliases: JSON.stringify([m.text]), confidence: m.entity.confidence, created_at: now })
      .onConflict((oc) => oc.columns(['type', 'key']).doNothing())
      .execute();
    const row = await db.selectFrom('entities').select('id').where('type', '=', m.type).where('key', '=', m.entity.key).executeTakeFirstOrThrow();
    ids.set(k, row.id);
  }
  // SQLite allows 32,766 bound values per statement: insert in slices.
  const rows = mentions.map((m) => ({
    document_id: documentId,
    page: m.page,
    start: m.start,
    end: m.end,
    text: m.text,
    type: m.type,
    entity_id: m.entity ? (ids.get(`${m.type}\u0000${m.entity.key}`) ?? null) : null,
    value: m.value ? JSON.stringify(m.value) : null,
    confidence: m.confidence ?? 1,
  }));
  for (let i = 0; i < rows.length; i += 2000) await db.insertInto('mentions').values(rows.slice(i, i + 2000)).execute();
}
