import { languageOf } from '../../analyse/index.js';
import { auditUser, mayEdit, type Actor } from '../../domain/actor.js';
import { DossierError } from '../../domain/errors.js';
import type { Publication } from '../../domain/story.js';
import type { Records } from '../../platform/db/records.js';
import type { DerivativeSource, TranslationSource } from '../ports.js';
import { redactedSpelling } from './redacted-sources.js';

/**
 * Publish a document: its redacted derivative is made afresh and checked; a failing check
 * refuses publication (redaction_leak, naming what leaked). The public site serves only this
 * snapshot (derivative text and images, reviewed translation), never the original.
 */
export async function publishDocument(records: Pick<Records, 'read' | 'transact'>, sources: { derivatives: DerivativeSource; translations: TranslationSource | null }, input: { actor: Actor; documentId: number }): Promise<{ id: number; url: string; publication: Publication }> {
  if (!mayEdit(input.actor)) throw new DossierError('invalid_argument', 'only editors and administrators publish documents');
  const source = await records.read.publications.sourceDocument(input.documentId);
  if (!source) throw new DossierError('not_found', `no document ${input.documentId}`);
  const derivative = await sources.derivatives.produce({ actor: input.actor, documentId: input.documentId });
  if (!derivative.check.ok) {
    const named = derivative.check.leaks.map((l) => `page ${l.page}: "${l.text}"`).join('; ');
    throw new DossierError('redaction_leak', `the redaction check of document ${input.documentId} failed, so it was not published: ${named || 'the derivative did not pass'}`);
  }
  const segments = sources.translations ? await sources.translations.segments(input.documentId) : [];
  const translation = segments.filter((s) => s.status === 'reviewed' && s.target.trim()).map(({ page, index, source: text, target }) => ({ page, index, source: text, target }));
  const spelled = await redactedSpelling(records, input.documentId);
  for (const note of await records.read.publications.publicNotes(input.documentId)) {
    const leak = spelled(`${note.quote ?? ''} ${note.body}`);
    if (leak) throw new DossierError('redaction_leak', `public note ${note.id} holds the redacted "${leak}": make it private (dossier note private) or edit it before publishing`);
  }
  const title = (source.title ?? source.path.split(/[\\/!]/).pop() ?? `Document ${input.documentId}`).trim();
  const lang = source.lang ?? languageOf(derivative.pages.map((p) => p.text).join('\n').slice(0, 5000));
  const publication = await records.transact(async (tx) => {
    const stored = await tx.publications.put({ documentId: input.documentId, title, derivativeSha256: derivative.sha256, pages: derivative.pages, translation, lang });
    await tx.audit.append({ ...auditUser(input.actor), action: 'publish', documentId: input.documentId, collectionId: source.collectionId, detail: { derivative: derivative.sha256, pages: derivative.pages.length, reviewedSegments: translation.length } });
    return stored;
  });
  return { id: input.documentId, url: `/documents/${input.documentId}/`, publication };
}

/** Take a document off the public site: page, search, feed, sitemap, oEmbed and embeds all go with the snapshot. */
export async function unpublishDocument(records: Pick<Records, 'transact'>, input: { actor: Actor; documentId: number }): Promise<{ id: number; unpublished: boolean }> {
  if (!mayEdit(input.actor)) throw new DossierError('invalid_argument', 'only editors and administrators unpublish documents');
  return records.transact(async (tx) => {
    const removed = await tx.publications.remove(input.documentId);
    if (!removed) throw new DossierError('not_found', `document ${input.documentId} is not published`);
    await tx.audit.append({ ...auditUser(input.actor), action: 'unpublish', documentId: input.documentId, detail: {} });
    return { id: input.documentId, unpublished: true };
  });
}

/** Mark a note public (shown on the published page) or private again; audited. */
export async function setNotePublic(records: Pick<Records, 'transact'>, input: { actor: Actor; documentId: number; noteId: number; public: boolean }): Promise<void> {
  if (!mayEdit(input.actor)) throw new DossierError('invalid_argument', 'only editors and administrators make notes public');
  await records.transact(async (tx) => {
    if (input.public) {
      // A public note quotes the original: it must not bring back what the derivative burned out.
      const note = await tx.publications.note(input.documentId, input.noteId);
      const leak = note ? (await redactedSpelling({ read: tx }, input.documentId))(`${note.quote ?? ''} ${note.body}`) : null;
      if (leak) throw new DossierError('redaction_leak', `note ${input.noteId} holds the redacted "${leak}"; it stays private`);
    }
    if (!(await tx.publications.setNotePublic(input.documentId, input.noteId, input.public))) throw new DossierError('not_found', `no note ${input.noteId} on document ${input.documentId}`);
    await tx.audit.append({ ...auditUser(input.actor), action: input.public ? 'note.public' : 'note.private', documentId: input.documentId, detail: { note: input.noteId } });
  });
}
