import { auditUser, mayEdit, type Actor } from '../../domain/actor.js';
import { DossierError } from '../../domain/errors.js';
import type { PixelBox, RedactionMark } from '../../domain/redaction.js';
import { foldForMatch, occurrencesIn } from './fold-match.js';
import { pagePixelSizes, redactableDocument } from './document-source.js';
import type { RedactDeps } from './ports.js';
import type { Records } from '../../platform/db/records.js';

function mustEdit(actor: Actor): void {
  if (!mayEdit(actor)) throw new DossierError('invalid_argument', 'only editors and admins may redact');
}

function checkPage(page: number, count: number): void {
  if (!Number.isInteger(page) || page < 1 || page > count) throw new DossierError('invalid_argument', `page ${page} is outside the document (pages 1–${count})`);
}

/**
 * Mark every occurrence of a text, folded as the normalised search mode folds (case, width,
 * accents, traditional/simplified): on one page, or on all. With allForms, every other form of the
 * entities the text names (Chen Quanguo for 陈全国) found in the document is marked too.
 */
export async function markText(
  deps: RedactDeps,
  input: { actor: Actor; documentId: number; text: string; page?: number | null; allForms?: boolean; reason?: string },
): Promise<{ marks: RedactionMark[]; occurrences: number; forms: string[] }> {
  mustEdit(input.actor);
  const text = input.text.trim();
  if (!foldForMatch(text)) throw new DossierError('invalid_argument', 'the text to redact is empty');
  const { doc, pages } = await redactableDocument(deps, input.documentId);
  const page = input.page ?? null;
  if (page !== null) checkPage(page, pages.length);
  const inScope = pages.filter((p) => page === null || p.page === page);
  const count = (t: string) => inScope.reduce((n, p) => n + occurrencesIn(p.text, t).length, 0);
  const found = inScope.flatMap((p) => occurrencesIn(p.text, text));
  if (found.length === 0 && !input.reason) throw new DossierError('invalid_argument', `"${text}" does not occur in document ${doc.id}${page ? ` on page ${page}` : ''}`);
  const forms = [text];
  if (input.allForms) {
    for (const form of await deps.records.read.redaction.entityForms([...new Set([text, ...found])])) {
      if (!forms.some((f) => foldForMatch(f) === foldForMatch(form)) && count(form) > 0) forms.push(form);
    }
  }
  const occurrences = forms.reduce((n, f) => n + count(f), 0);
  const marks = await deps.records.transact(async (tx) => {
    const made: RedactionMark[] = [];
    for (const form of forms) made.push(await tx.redaction.addMark(doc.id, { kind: 'text', page, text: form }, input.reason ?? (form === text ? `text "${text}"` : `a form of "${text}"`), input.actor.name));
    await tx.audit.append({ ...auditUser(input.actor), action: 'redact.mark', collectionId: doc.collectionId, documentId: doc.id, detail: { marks: made.map((m) => m.id), kind: 'text', text, forms, page, occurrences } });
    return made;
  });
  return { marks, occurrences, forms };
}

/** Mark a rectangle of a page, in its pixel space (300 dpi for a PDF page, the image's pixels for a scan). */
export async function markBox(deps: RedactDeps, input: { actor: Actor; documentId: number; page: number; box: PixelBox }): Promise<RedactionMark> {
  mustEdit(input.actor);
  const { doc, pages } = await redactableDocument(deps, input.documentId);
  const sizes = await pagePixelSizes(deps, doc, pages);
  if (!sizes) throw new DossierError('invalid_argument', `document ${doc.id} has no page images (not a PDF or a scan): mark its text instead`);
  const size = sizes.get(input.page);
  if (!size) throw new DossierError('invalid_argument', `page ${input.page} is outside the document (pages 1–${sizes.size})`);
  const { x, y, w, h } = input.box;
  if (![x, y, w, h].every(Number.isFinite) || w <= 0 || h <= 0 || x < 0 || y < 0 || x + w > size.width || y + h > size.height) {
    throw new DossierError('invalid_argument', `the box ${x},${y},${w},${h} is not inside page ${input.page} (${size.width}×${size.height} pixels)`);
  }
  return deps.records.transact(async (tx) => {
    const mark = await tx.redaction.addMark(doc.id, { kind: 'box', page: input.page, box: { x, y, w, h } }, 'box', input.actor.name);
    await tx.audit.append({ ...auditUser(input.actor), action: 'redact.mark', collectionId: doc.collectionId, documentId: doc.id, detail: { marks: [mark.id], kind: 'box', page: input.page, box: mark.kind === 'box' ? mark.box : null } });
    return mark;
  });
}

/** Mark a whole page. */
export async function markPage(deps: RedactDeps, input: { actor: Actor; documentId: number; page: number }): Promise<RedactionMark> {
  mustEdit(input.actor);
  const { doc, pages } = await redactableDocument(deps, input.documentId);
  const sizes = await pagePixelSizes(deps, doc, pages);
  checkPage(input.page, sizes?.size ?? pages.length);
  return deps.records.transact(async (tx) => {
    const mark = await tx.redaction.addMark(doc.id, { kind: 'page', page: input.page }, 'whole page', input.actor.name);
    await tx.audit.append({ ...auditUser(input.actor), action: 'redact.mark', collectionId: doc.collectionId, documentId: doc.id, detail: { marks: [mark.id], kind: 'page', page: input.page } });
    return mark;
  });
}

/** Remove a mark that is not applied yet. */
export async function unmark(records: Pick<Records, 'read' | 'transact'>, input: { actor: Actor; documentId: number; markId: number }): Promise<RedactionMark> {
  mustEdit(input.actor);
  return records.transact(async (tx) => {
    const mark = await tx.redaction.mark(input.markId);
    if (!mark || mark.documentId !== input.documentId) throw new DossierError('not_found', `no mark ${input.markId} on document ${input.documentId}`);
    if (mark.state !== 'pending') throw new DossierError('conflict', `mark ${mark.id} is applied in a derivative: it can no longer be removed`);
    const doc = await tx.redaction.document(mark.documentId);
    await tx.redaction.removeMark(mark.id);
    await tx.audit.append({ ...auditUser(input.actor), action: 'redact.unmark', collectionId: doc?.collectionId ?? null, documentId: mark.documentId, detail: { mark: mark.id, kind: mark.kind } });
    return mark;
  });
}

/** A document's marks, oldest first. */
export function listMarks(records: Pick<Records, 'read'>, documentId: number): Promise<RedactionMark[]> {
  return records.read.redaction.marks(documentId);
}
