import type { Kysely } from 'kysely';
import { DossierError } from '../domain/errors.js';
import type { Database } from '../platform/db/schema.js';
import { foldForm, resolveEntities, type EntityDecision, type EntityRef, type ResolveSummary } from './resolve-entities.js';

async function refOf(db: Kysely<Database>, id: number): Promise<EntityRef & { name: string }> {
  const row = await db.selectFrom('entities').select(['type', 'key', 'name']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new DossierError('not_found', `no entity ${id}`);
  return row;
}

async function decide(db: Kysely<Database>, decision: EntityDecision, user: string): Promise<ResolveSummary> {
  await db.insertInto('entity_decisions').values({ kind: decision.kind, data: JSON.stringify(decision), user, created_at: new Date().toISOString() }).execute();
  return resolveEntities(db);
}

/**
 * An editor says these entities are one: the others join the first. Kept as a decision on the
 * entities' keys, so it holds after the documents are analysed again.
 */
export async function mergeEntities(db: Kysely<Database>, ids: number[], user: string): Promise<{ into: number; summary: ResolveSummary }> {
  const unique = [...new Set(ids)];
  if (unique.length < 2) throw new DossierError('invalid_argument', 'name at least two different entities to merge');
  const [into, ...from] = await Promise.all(unique.map((id) => refOf(db, id)));
  const summary = await decide(db, { kind: 'merge', into: { type: into!.type, key: into!.key }, from: from.map((r) => ({ type: r.type, key: r.key })) }, user);
  const kept = await db.selectFrom('entities').select('id').where('type', '=', into!.type).where('key', '=', into!.key).executeTakeFirstOrThrow();
  return { into: kept.id, summary };
}

/**
 * An editor says one form of an entity's name is someone (or something) else: its mentions leave
 * for an entity of their own, now and after every re-analysis.
 */
export async function splitEntity(db: Kysely<Database>, id: number, form: string, user: string): Promise<{ entity: number | null; summary: ResolveSummary }> {
  const ref = await refOf(db, id);
  const folded = foldForm(form);
  const forms = await db.selectFrom('mentions').select('text').distinct().where('entity_id', '=', id).execute();
  if (!forms.some((f) => foldForm(f.text) === folded)) {
    throw new DossierError('invalid_argument', `entity ${id} (${ref.name}) has no form "${form}"; its forms are: ${forms.map((f) => f.text).join(', ')}`);
  }
  if (forms.every((f) => foldForm(f.text) === folded)) throw new DossierError('invalid_argument', `"${form}" is the only form of entity ${id}: there is nothing to split it from`);
  const summary = await decide(db, { kind: 'split', from: { type: ref.type, key: ref.key }, form: folded }, user);
  const made = await db.selectFrom('entities').select('id').where('type', '=', ref.type).where('key', '=', `split:${folded}`).executeTakeFirst();
  return { entity: made?.id ?? null, summary };
}
