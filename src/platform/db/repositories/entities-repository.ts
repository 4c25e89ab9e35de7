import { sql, type Kysely } from 'kysely';
import { ADVISORY_LOCKS, isPostgres } from '../dialect.js';
import type { Database } from '../schema.js';
import { entityReads, type EntityReads } from './entity-reads.js';

export type { DocumentMentions, EntityDetail, EntityMention, EntityScope, EntitySummary } from './entity-reads.js';

/** An entity by what names it, not by its row id, so decisions outlive re-analysis. */
export interface EntityRef {
  type: string;
  key: string;
}

/** An editor's decision, replayed after every analysis. */
export type EntityDecision = { kind: 'merge'; into: EntityRef; from: EntityRef[] } | { kind: 'split'; from: EntityRef; form: string };

/** One entity's forms as the mentions write them, with how often. */
export interface EntityForms {
  id: number;
  key: string;
  name: string;
  /** JSON array as stored, to compare before writing. */
  aliases: string;
  forms: Array<[text: string, count: number]>;
}

/**
 * Entities, their mentions and editors' decisions: the reads of the entity pages (entity-reads.ts)
 * and the steps entity resolution (index stage) takes inside one transaction.
 */
export interface EntitiesRepository extends EntityReads {
  /** The entity's reference and name, or null. */
  ref(id: number): Promise<(EntityRef & { name: string }) | null>;
  idOf(ref: EntityRef): Promise<number | null>;
  /** The distinct texts of its mentions. */
  mentionTexts(id: number): Promise<string[]>;
  addDecision(decision: EntityDecision, user: string, at: string): Promise<void>;
  /** Every decision, in the order editors made them. */
  decisions(): Promise<EntityDecision[]>;
  /** Whole-database step: on PostgreSQL one resolution at a time (advisory lock held to commit). */
  lockForResolution(): Promise<void>;
  all(): Promise<Array<{ id: number; type: string; key: string; confidence: number }>>;
  find(ref: EntityRef): Promise<{ id: number; confidence: number } | null>;
  /** Move every mention of `fromId` to `toId` and delete `fromId`. */
  moveMentions(fromId: number, toId: number): Promise<void>;
  /** Move the mentions of `fromId` whose text is one of `texts` to `toId`. */
  moveMentionTexts(fromId: number, toId: number, texts: string[]): Promise<void>;
  setConfidence(id: number, confidence: number): Promise<void>;
  /** An entity for a split-off form, unless it exists already. */
  ensure(entity: { type: string; key: string; name: string; aliases: string[]; confidence: number }, at: string): Promise<void>;
  /** Delete entities without mentions; how many. */
  removeOrphans(): Promise<number>;
  forms(): Promise<EntityForms[]>;
  setForms(id: number, name: string, aliases: string): Promise<void>;
  count(): Promise<number>;
}

export const entitiesRepository = (db: Kysely<Database>): EntitiesRepository => ({
  ...entityReads(db),
  async ref(id) {
    return (await db.selectFrom('entities').select(['type', 'key', 'name']).where('id', '=', id).executeTakeFirst()) ?? null;
  },
  async idOf(ref) {
    return (await db.selectFrom('entities').select('id').where('type', '=', ref.type).where('key', '=', ref.key).executeTakeFirst())?.id ?? null;
  },
  async mentionTexts(id) {
    return (await db.selectFrom('mentions').select('text').distinct().where('entity_id', '=', id).execute()).map((r) => r.text);
  },
  async addDecision(decision, user, at) {
    await db.insertInto('entity_decisions').values({ kind: decision.kind, data: JSON.stringify(decision), user, created_at: at }).execute();
  },
  async decisions() {
    return (await db.selectFrom('entity_decisions').select(['data']).orderBy('id').execute()).map((d) => JSON.parse(d.data) as EntityDecision);
  },
  async lockForResolution() {
    if (isPostgres(db)) await sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.resolveEntities})`.execute(db);
  },
  all: () => db.selectFrom('entities').select(['id', 'type', 'key', 'confidence']).execute(),
  async find(ref) {
    return (await db.selectFrom('entities').select(['id', 'confidence']).where('type', '=', ref.type).where('key', '=', ref.key).executeTakeFirst()) ?? null;
  },
  async moveMentions(fromId, toId) {
    await db.updateTable('mentions').set({ entity_id: toId }).where('entity_id', '=', fromId).execute();
    await db.deleteFrom('entities').where('id', '=', fromId).execute();
  },
  async moveMentionTexts(fromId, toId, texts) {
    if (texts.length) await db.updateTable('mentions').set({ entity_id: toId }).where('entity_id', '=', fromId).where('text', 'in', texts).execute();
  },
  async setConfidence(id, confidence) {
    await db.updateTable('entities').set({ confidence }).where('id', '=', id).execute();
  },
  async ensure(entity, at) {
    await db
      .insertInto('entities')
      .values({ type: entity.type, key: entity.key, name: entity.name, aliases: JSON.stringify(entity.aliases), confidence: entity.confidence, created_at: at })
      .onConflict((oc) => oc.columns(['type', 'key']).doNothing())
      .execute();
  },
  async removeOrphans() {
    const deleted = await db.deleteFrom('entities').where(({ not, exists, selectFrom }) => not(exists(selectFrom('mentions').select('mentions.id').whereRef('mentions.entity_id', '=', 'entities.id')))).executeTakeFirst();
    return Number(deleted.numDeletedRows);
  },
  async forms() {
    const rows = await db
      .selectFrom('mentions')
      .innerJoin('entities', 'entities.id', 'mentions.entity_id')
      .select(['entities.id', 'entities.key', 'entities.name', 'entities.aliases', 'mentions.text', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['entities.id', 'mentions.text'])
      .execute();
    const byEntity = new Map<number, EntityForms>();
    for (const r of rows) {
      const e = byEntity.get(r.id) ?? { id: r.id, key: r.key, name: r.name, aliases: r.aliases, forms: [] };
      e.forms.push([r.text, Number(r.n)]);
      byEntity.set(r.id, e);
    }
    return [...byEntity.values()];
  },
  async setForms(id, name, aliases) {
    await db.updateTable('entities').set({ aliases, name }).where('id', '=', id).execute();
  },
  async count() {
    return Number((await db.selectFrom('entities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  },
});
