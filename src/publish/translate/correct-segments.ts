/**
 * `translate.edit`: an editor's correction of one segment (edit, status, split, merge, relink),
 * applied, stored for replay after a re-import, and audited in one transaction.
 */
import { auditUser, type Actor } from '../../domain/actor.js';
import { DossierError } from '../../domain/errors.js';
import { SEGMENT_STATUSES, type Correction, type TranslationSegment } from '../../domain/translation.js';
import { applyCorrection } from './corrections.js';
import { fromGroups, toGroups } from './segment-groups.js';
import { refreshIndex, requireEditor, type TranslationIndex, type TranslationRecords } from './translation-records.js';

const MAX_TARGET = 20_000;

/** Check a correction's fields (from a form, JSON or the command line). */
export function checkCorrection(c: Correction): Correction {
  if (!Number.isInteger(c.page) || c.page < 1 || !Number.isInteger(c.index) || c.index < 0) throw new DossierError('invalid_argument', 'a segment is named by its page (from 1) and index (from 0)');
  if ('status' in c && !SEGMENT_STATUSES.includes(c.status)) throw new DossierError('invalid_argument', `status must be one of ${SEGMENT_STATUSES.join(', ')}`);
  if (c.kind === 'edit' && c.target.length > MAX_TARGET) throw new DossierError('invalid_argument', `a translation is at most ${MAX_TARGET} characters`);
  if (c.kind === 'relink' && c.move !== 'to-previous' && c.move !== 'to-next') throw new DossierError('invalid_argument', 'move is to-previous or to-next');
  return c;
}

/** The correction with the source text of its segment filled in (callers name segments by page and index). */
export type CorrectionInput = Correction extends infer C ? (C extends Correction ? Omit<C, 'source'> : never) : never;

export async function applySegmentCorrection(records: TranslationRecords, input: { actor: Actor; documentId: number; correction: CorrectionInput; index?: TranslationIndex }): Promise<TranslationSegment[]> {
  requireEditor(input.actor);
  const result = await records.transact(async (tx) => {
    const doc = await tx.translations.document(input.documentId);
    if (!doc) throw new DossierError('not_found', `no document ${input.documentId}`);
    if (!(await tx.translations.translation(doc.id))) throw new DossierError('not_found', `document ${doc.id} has no translation yet: import one (dossier translate ${doc.id} --from …)`);
    const segments = await tx.translations.segments(doc.id);
    const segment = segments.find((s) => s.page === input.correction.page && s.index === input.correction.index);
    if (!segment) throw new DossierError('conflict', `segment ${input.correction.page}.${input.correction.index} does not exist in document ${doc.id}'s translation`);
    const correction = checkCorrection({ ...input.correction, source: segment.source } as Correction);
    const at = new Date().toISOString();
    const groups = toGroups(segments);
    applyCorrection(groups, correction, input.actor.name, at);
    const updated = fromGroups(groups);
    const known = (await tx.translations.translation(doc.id))!;
    await tx.translations.save({ ...known, updatedAt: at }, updated);
    await tx.translations.addCorrection(doc.id, correction, input.actor.name, at);
    const { source: _source, ...detail } = correction as Correction & { target?: string };
    await tx.audit.append({ ...auditUser(input.actor), action: 'translate.edit', collectionId: doc.collectionId, documentId: doc.id, detail: { ...detail, ...(detail.target !== undefined ? { target: detail.target.slice(0, 200) } : {}) } });
    return updated.map(({ page, index, source, target, status, group }) => ({ page, index, source, target, status, group }));
  });
  await refreshIndex(records, input.index, input.documentId);
  return result;
}
