import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditUser, mayEdit, operator, type Actor } from '../../domain/actor.js';
import { DossierError } from '../../domain/errors.js';
import type { RedactionCheck, RedactionDerivative } from '../../domain/redaction.js';
import type { Records } from '../../platform/db/records.js';
import { buildDerivative } from './build-derivative.js';
import { checkPdf } from './check-pdf.js';
import { redactableDocument } from './document-source.js';
import type { RedactDeps } from './ports.js';
import { renderDerivativePages } from './render-pages.js';

/** An apply older than this is taken to have died with its process, and its lock is taken over. */
const STALE_LOCK_MS = 15 * 60 * 1000;

export interface DerivativeResult {
  derivative: string;
  pages: number;
  check: { ok: boolean; leaks: Array<{ page: number; text: string }>; revisions: number; metadata: string[] };
  id: number;
  method: RedactionDerivative['method'];
}

const summary = (d: RedactionDerivative): DerivativeResult => ({
  derivative: d.sha256,
  pages: d.pages.length,
  check: { ok: d.check.ok, leaks: d.check.leaks, revisions: d.check.revisions, metadata: d.check.metadata },
  id: d.id,
  method: d.method,
});

/**
 * Apply a document's marks (all of them: earlier applied ones and pending ones) to a new
 * derivative, check it, store it with new page images, and record it with its audit entry.
 * With no marks the derivative still has its metadata, annotations and attachments stripped.
 * The original's blob is only read. One apply at a time per document (else conflict).
 */
export async function produceDerivative(deps: RedactDeps, input: { actor: Actor; documentId: number }): Promise<DerivativeResult> {
  if (!mayEdit(input.actor)) throw new DossierError('invalid_argument', 'only editors and admins may redact');
  const { doc, pages } = await redactableDocument(deps, input.documentId);
  const locked = await deps.records.transact((tx) => tx.redaction.lock(doc.id, input.actor.name, STALE_LOCK_MS));
  if (!locked) throw new DossierError('conflict', `document ${doc.id} is being redacted already: wait for that apply to finish`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-redact-'));
  try {
    const marks = await deps.records.read.redaction.marks(doc.id);
    const built = await buildDerivative({ original: () => deps.blobs.read(doc.sha256), mime: doc.mime, pages, pageImage: (sha) => deps.blobs.read(sha) }, marks);
    const file = path.join(dir, 'derivative.pdf');
    fs.writeFileSync(file, built.bytes);
    const check = await checkPdf(file, built.strings, built.boxes);
    const stored = await deps.blobs.putBuffer(built.bytes);
    const renders = await renderDerivativePages(file, deps.blobs);
    const derivative = await deps.records.transact(async (tx) => {
      const made = await tx.redaction.addDerivative({
        documentId: doc.id,
        sha256: stored.sha256,
        method: built.method,
        pages: renders,
        boxes: built.boxes,
        strings: built.strings.map((s) => (s.page === null ? s.text : `${s.page}\u0000${s.text}`)),
        markIds: marks.map((m) => m.id),
        check,
        createdBy: input.actor.name,
      });
      await tx.redaction.markApplied(marks.filter((m) => m.state === 'pending').map((m) => m.id));
      const who = auditUser(input.actor);
      await tx.audit.append({ ...who, action: 'redact.apply', collectionId: doc.collectionId, documentId: doc.id, detail: { derivative: made.id, sha256: made.sha256, method: made.method, marks: made.markIds, pages: renders.length } });
      await tx.audit.append({ ...who, action: 'redact.check', collectionId: doc.collectionId, documentId: doc.id, detail: { derivative: made.id, ok: check.ok, leaks: check.leaks.length, revisions: check.revisions, metadata: check.metadata } });
      await tx.redaction.unlock(doc.id);
      return made;
    });
    return summary(derivative);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await deps.records.transact((tx) => tx.redaction.unlock(doc.id)).catch(() => undefined);
  }
}

/** A derivative's searched strings, decoded ("page\0text" for one page, plain text for all pages). */
export function searchedStrings(d: RedactionDerivative): Array<{ page: number | null; text: string }> {
  return d.strings.map((s) => {
    const cut = s.indexOf('\u0000');
    return cut < 0 ? { page: null, text: s } : { page: Number(s.slice(0, cut)), text: s.slice(cut + 1) };
  });
}

/** Run the check again on a stored derivative (before publication); records the new report and its audit entry. */
export async function checkDerivative(deps: RedactDeps, derivative: number | string, actor: Actor = operator('publish')): Promise<RedactionCheck> {
  const d = await deps.records.read.redaction.derivative(derivative);
  if (!d) throw new DossierError('not_found', `no redacted derivative ${derivative}`);
  const check = deps.blobs.has(d.sha256)
    ? await deps.blobs.withLocalFile(d.sha256, (file) => checkPdf(file, searchedStrings(d), d.boxes))
    : { ok: false, leaks: [{ page: 0, text: 'the derivative file is missing from the blob store' }], revisions: 0, metadata: [], transparentBoxes: [], checkedAt: new Date().toISOString() };
  await deps.records.transact(async (tx) => {
    const doc = await tx.redaction.document(d.documentId);
    await tx.redaction.setCheck(d.id, check);
    await tx.audit.append({ ...auditUser(actor), action: 'redact.check', collectionId: doc?.collectionId ?? null, documentId: d.documentId, detail: { derivative: d.id, ok: check.ok, leaks: check.leaks.length, revisions: check.revisions, metadata: check.metadata } });
  });
  return check;
}

/** The newest derivative of a document, with its pages (new blobs) and its last check. */
export function latestDerivative(records: Pick<Records, 'read'>, documentId: number): Promise<RedactionDerivative | null> {
  return records.read.redaction.latestDerivative(documentId);
}

/** Every string redacted from a document (its text marks, all forms), for refusing a translation that holds one. */
export async function redactedStrings(records: Pick<Records, 'read'>, documentId: number): Promise<string[]> {
  const marks = await records.read.redaction.marks(documentId);
  const latest = await records.read.redaction.latestDerivative(documentId);
  const texts = marks.flatMap((m) => (m.kind === 'text' ? [m.text] : []));
  if (latest) texts.push(...searchedStrings(latest).map((s) => s.text));
  return [...new Set(texts)];
}
