/**
 * What the translation commands share: the records they use, the checks before any write (who
 * may translate, whether the document can be translated) and the search index port.
 */
import { mayEdit, type Actor } from '../../domain/actor.js';
import { DossierError } from '../../domain/errors.js';
import type { StoredSegment } from '../../domain/translation.js';
import type { Records } from '../../platform/db/records.js';
import type { TranslatableDocument } from '../../platform/db/repositories/translation-repository.js';
import type { SourceSentence } from './segment-groups.js';
import { splitSentences } from './segment-sentences.js';

export type TranslationRecords = Pick<Records, 'read' | 'transact'>;

/**
 * Writes a document's reviewed translation to the search index as extra rows of the document
 * (one per page), so an English query finds the Chinese original. Injected by the caller
 * (built from the index stage and the search backend); without it nothing is indexed.
 */
export interface TranslationIndex {
  replace(documentId: number, pages: Array<{ page: number; text: string }>): Promise<void>;
}

export function requireEditor(actor: Actor): void {
  if (!mayEdit(actor)) throw new DossierError('invalid_argument', 'translating needs the role editor or admin');
}

/** The document if it can be translated: it exists, was read, and has text. */
export async function translatableDocument(records: TranslationRecords, id: number): Promise<{ doc: TranslatableDocument; pages: Array<{ page: number; text: string }> }> {
  const doc = await records.read.translations.document(id);
  if (!doc) throw new DossierError('not_found', `no document ${id}`);
  if (doc.status !== 'ok') throw new DossierError('conflict', `document ${id} could not be read (${doc.reason ?? doc.status}): there is no text to translate`);
  const pages = await records.read.translations.pages(id);
  if (!pages.some((p) => p.text.trim())) throw new DossierError('conflict', `document ${id} has no text to translate`);
  return { doc, pages };
}

/** The original's sentences with their stable ids (page, index from 0 on each page). */
export function sourceSentences(pages: Array<{ page: number; text: string }>): SourceSentence[] {
  return pages.flatMap((p) => splitSentences(p.text).map((source, index) => ({ page: p.page, index, source })));
}

/** The reviewed translation of each page (a group's text counts on its first sentence's page). */
export function reviewedPages(segments: StoredSegment[]): Array<{ page: number; text: string }> {
  const byPage = new Map<number, string[]>();
  for (const s of segments) {
    if (s.status !== 'reviewed' || !s.target) continue;
    byPage.set(s.page, [...(byPage.get(s.page) ?? []), s.target]);
  }
  return [...byPage].map(([page, texts]) => ({ page, text: texts.join(' ') }));
}

/** Refresh the index from what is stored now (after a command's transaction committed). */
export async function refreshIndex(records: TranslationRecords, index: TranslationIndex | undefined, documentId: number): Promise<void> {
  if (!index) return;
  await index.replace(documentId, reviewedPages(await records.read.translations.segments(documentId)));
}
