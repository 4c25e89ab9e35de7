import { sql, type Kysely, type Transaction } from 'kysely';
import { foldLatinName, foldText, pinyinKeyOfHan, pinyinKeyOfLatin } from '../analyse/index.js';
import type { Database } from '../platform/db/schema.js';

/** An entity by what names it, not by its row id, so decisions outlive re-analysis. */
export interface EntityRef {
  type: string;
  key: string;
}

/** An editor's decision, replayed after every analysis. */
export type EntityDecision =
  | { kind: 'merge'; into: EntityRef; from: EntityRef[] }
  | { kind: 'split'; from: EntityRef; form: string };

export interface ResolveSummary {
  entities: number;
  /** Latin names linked to the one Han name their pinyin spells. */
  linked: number;
  /** Editors' merges and splits applied. */
  merged: number;
  split: number;
  /** Entities left without mentions, removed. */
  removed: number;
}

/** A form of a name folded for comparison: simplified Han without separators, or folded Latin. */
export function foldForm(text: string): string {
  return /\p{Script=Han}/u.test(text) ? foldText(text).replace(/[\s·•‧・]+/g, '') : foldLatinName(text);
}

type Db = Kysely<Database> | Transaction<Database>;

async function moveMentions(db: Db, fromId: number, toId: number): Promise<void> {
  await db.updateTable('mentions').set({ entity_id: toId }).where('entity_id', '=', fromId).execute();
  await db.deleteFrom('entities').where('id', '=', fromId).execute();
}

/**
 * Resolve names to entities across documents, after the mentions of new or re-analysed documents
 * are stored: link each Latin name whose pinyin spells exactly one Han name of the same type
 * (Chen Quanguo → 陈全国; never when two Han names share the pinyin), replay editors' merges and
 * splits in the order they were made, drop entities without mentions, and refresh each entity's
 * forms. Deterministic: running it twice changes nothing.
 */
export async function resolveEntities(db: Kysely<Database>): Promise<ResolveSummary> {
  return db.transaction().execute(async (trx) => {
    // A whole-database step: on PostgreSQL (several ingests and workers) one at a time, under the
    // advisory lock ADVISORY_LOCKS.resolveEntities (platform/db/dialect.ts), held to commit.
    if (trx.getExecutor().adapter.constructor.name.startsWith('Postgres')) await sql`SELECT pg_advisory_xact_lock(${0x0d055102})`.execute(trx);
    const summary: ResolveSummary = { entities: 0, linked: 0, merged: 0, split: 0, removed: 0 };
    const decisions = (await trx.selectFrom('entity_decisions').select(['data']).orderBy('id').execute()).map((d) => JSON.parse(d.data) as EntityDecision);
    // A form an editor split off an entity must not be linked back to it automatically.
    const splitOff = new Set(decisions.filter((d) => d.kind === 'split').map((d) => `${d.from.type}\u0000${d.from.key}\u0000${d.form}`));

    const entities = await trx.selectFrom('entities').select(['id', 'type', 'key', 'confidence']).execute();
    const hanByPinyin = new Map<string, Array<{ id: number; key: string; confidence: number }>>();
    for (const e of entities) {
      if (e.key.includes(':')) continue;
      const py = pinyinKeyOfHan(e.key);
      if (!py) continue;
      const k = `${e.type}\u0000${py}`;
      hanByPinyin.set(k, [...(hanByPinyin.get(k) ?? []), e]);
    }
    for (const e of entities) {
      const latin = e.key.startsWith('latin:') ? e.key.slice('latin:'.length) : null;
      if (!latin) continue;
      const words = latin.split(' ');
      const spellings = [e.key, ...(words.length === 2 ? [`latin:${words[1]} ${words[0]}`] : [])].map(pinyinKeyOfLatin).filter((p): p is string => p !== null);
      const targets = new Map<number, { id: number; key: string; confidence: number }>();
      for (const py of spellings) for (const t of hanByPinyin.get(`${e.type}\u0000${py}`) ?? []) targets.set(t.id, t);
      if (targets.size !== 1) continue;
      const [target] = [...targets.values()];
      if (!target || splitOff.has(`${e.type}\u0000${target.key}\u0000${latin}`)) continue;
      await moveMentions(trx, e.id, target.id);
      // Same pinyin is good evidence, not proof: say so.
      await trx.updateTable('entities').set({ confidence: Math.min(target.confidence, 0.75) }).where('id', '=', target.id).execute();
      summary.linked++;
    }

    const find = (ref: EntityRef) => trx.selectFrom('entities').select(['id', 'confidence']).where('type', '=', ref.type).where('key', '=', ref.key).executeTakeFirst();
    for (const decision of decisions) {
      if (decision.kind === 'merge') {
        const into = await find(decision.into);
        if (!into) continue;
        for (const ref of decision.from) {
          const from = await find(ref);
          if (!from || from.id === into.id) continue;
          await moveMentions(trx, from.id, into.id);
          summary.merged++;
        }
        // An editor's decision is certain.
        await trx.updateTable('entities').set({ confidence: 1 }).where('id', '=', into.id).execute();
      } else {
        const from = await find(decision.from);
        if (!from) continue;
        const texts = await trx.selectFrom('mentions').select('text').distinct().where('entity_id', '=', from.id).execute();
        const moving = texts.map((t) => t.text).filter((t) => foldForm(t) === decision.form);
        if (moving.length === 0) continue;
        const key = `split:${decision.form}`;
        await trx
          .insertInto('entities')
          .values({ type: decision.from.type, key, name: moving[0]!, aliases: JSON.stringify(moving), confidence: 1, created_at: new Date().toISOString() })
          .onConflict((oc) => oc.columns(['type', 'key']).doNothing())
          .execute();
        const target = await find({ type: decision.from.type, key });
        if (!target) continue;
        await trx.updateTable('mentions').set({ entity_id: target.id }).where('entity_id', '=', from.id).where('text', 'in', moving).execute();
        summary.split++;
      }
    }

    const orphans = await trx.deleteFrom('entities').where(({ not, exists, selectFrom }) => not(exists(selectFrom('mentions').select('mentions.id').whereRef('mentions.entity_id', '=', 'entities.id')))).executeTakeFirst();
    summary.removed = Number(orphans.numDeletedRows);
    await refreshForms(trx);
    summary.entities = Number((await trx.selectFrom('entities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return summary;
  });
}

/** Each entity's forms, most frequent first, and its name: the Han form when it has one. */
async function refreshForms(db: Db): Promise<void> {
  const rows = await db
    .selectFrom('mentions')
    .innerJoin('entities', 'entities.id', 'mentions.entity_id')
    .select(['entities.id', 'entities.key', 'entities.name', 'entities.aliases', 'mentions.text', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['entities.id', 'mentions.text'])
    .execute();
  const byEntity = new Map<number, { key: string; name: string; aliases: string; forms: Array<[string, number]> }>();
  for (const r of rows) {
    const e = byEntity.get(r.id) ?? { key: r.key, name: r.name, aliases: r.aliases, forms: [] };
    e.forms.push([r.text, Number(r.n)]);
    byEntity.set(r.id, e);
  }
  for (const [id, e] of byEntity) {
    const forms = e.forms.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
    const aliases = JSON.stringify(forms.slice(0, 50));
    // The Han form as the documents write it most often; else the commonest spelling.
    const han = e.key.includes(':') ? null : (forms.find((f) => /\p{Script=Han}/u.test(f)) ?? e.key);
    const name = han ?? forms[0] ?? e.name;
    if (aliases !== e.aliases || name !== e.name) await db.updateTable('entities').set({ aliases, name }).where('id', '=', id).execute();
  }
}
