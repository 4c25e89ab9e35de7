/**
 * Editors' entity decisions as commands: merge (these entities are one) and split (this form is
 * someone else). Each checks permission, stores the decision, resolves the entities again and
 * appends its audit entry in ONE write transaction; the command line, the workbench form and
 * the JSON API all call these (decision 0004).
 */
import { auditUser, mayEdit, type Actor } from '../domain/actor.js';
import { DossierError } from '../domain/errors.js';
import type { Records, Repositories } from '../platform/db/records.js';
import type { EntityDecision, EntityRef } from '../platform/db/repositories/entities-repository.js';
import { foldForm, resolveEntitiesIn, type ResolveSummary } from './resolve-entities.js';

type Tx = Pick<Repositories, 'entities' | 'audit'>;

function mayDecide(actor: Actor): void {
  if (!mayEdit(actor)) throw new DossierError('invalid_argument', 'only editors and admins may merge or split entities');
}

async function refOf(tx: Tx, id: number): Promise<EntityRef & { name: string }> {
  const ref = await tx.entities.ref(id);
  if (!ref) throw new DossierError('not_found', `no entity ${id}`);
  return ref;
}

async function decide(tx: Tx, decision: EntityDecision, actor: Actor): Promise<ResolveSummary> {
  await tx.entities.addDecision(decision, actor.name, new Date().toISOString());
  return resolveEntitiesIn(tx);
}

/** Merge in a transaction the caller holds (no audit: the transitional legacy caller audits itself). */
export async function mergeIn(tx: Tx, ids: number[], actor: Actor): Promise<{ into: number; summary: ResolveSummary }> {
  const unique = [...new Set(ids)];
  if (unique.length < 2) throw new DossierError('invalid_argument', 'name at least two different entities to merge');
  const refs: Array<EntityRef & { name: string }> = [];
  for (const id of unique) refs.push(await refOf(tx, id));
  const [into, ...from] = refs;
  const summary = await decide(tx, { kind: 'merge', into: { type: into!.type, key: into!.key }, from: from.map((r) => ({ type: r.type, key: r.key })) }, actor);
  const kept = await tx.entities.idOf(into!);
  if (kept === null) throw new DossierError('not_found', `entity ${unique[0]} left no entity after the merge`);
  return { into: kept, summary };
}

/** Split in a transaction the caller holds (see mergeIn). */
export async function splitIn(tx: Tx, id: number, form: string, actor: Actor): Promise<{ entity: number | null; summary: ResolveSummary }> {
  const ref = await refOf(tx, id);
  const folded = foldForm(form);
  const forms = await tx.entities.mentionTexts(id);
  if (!forms.some((f) => foldForm(f) === folded)) throw new DossierError('invalid_argument', `entity ${id} (${ref.name}) has no form "${form}"; its forms are: ${forms.join(', ')}`);
  if (forms.every((f) => foldForm(f) === folded)) throw new DossierError('invalid_argument', `"${form}" is the only form of entity ${id}: there is nothing to split it from`);
  const summary = await decide(tx, { kind: 'split', from: { type: ref.type, key: ref.key }, form: folded }, actor);
  return { entity: await tx.entities.idOf({ type: ref.type, key: `split:${folded}` }), summary };
}

/**
 * An editor says these entities are one: the others join the first. Kept as a decision on the
 * entities' keys, so it holds after the documents are analysed again. Audited as `entity.merge`.
 */
export async function applyEntityMerge(records: Pick<Records, 'transact'>, input: { actor: Actor; ids: number[] }): Promise<{ into: number; summary: ResolveSummary }> {
  mayDecide(input.actor);
  return records.transact(async (tx) => {
    const result = await mergeIn(tx, input.ids, input.actor);
    await tx.audit.append({ ...auditUser(input.actor), action: 'entity.merge', detail: { ids: input.ids, into: result.into } });
    return result;
  });
}

/**
 * An editor says one form of an entity's name is someone (or something) else: its mentions leave
 * for an entity of their own, now and after every re-analysis. Audited as `entity.split`.
 */
export async function applyEntitySplit(records: Pick<Records, 'transact'>, input: { actor: Actor; id: number; form: string }): Promise<{ entity: number | null; summary: ResolveSummary }> {
  mayDecide(input.actor);
  return records.transact(async (tx) => {
    const result = await splitIn(tx, input.id, input.form, input.actor);
    await tx.audit.append({ ...auditUser(input.actor), action: 'entity.split', detail: { id: input.id, form: input.form, entity: result.entity } });
    return result;
  });
}
