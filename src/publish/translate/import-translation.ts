/**
 * `translate.import`: align an existing translation (a document of the collection, or a text
 * file) with the original, sentence by sentence, then replay the editors' corrections. Pages
 * are aligned one to one when both have the same number of pages, else as one text.
 */
import { auditUser, type Actor } from '../../domain/actor.js';
import { DossierError } from '../../domain/errors.js';
import { alignSentences } from './align-sentences.js';
import { replayCorrections } from './corrections.js';
import { fromGroups, groupsOfLinks, type Group } from './segment-groups.js';
import { splitSentences } from './segment-sentences.js';
import { readTranslationFile } from './translation-source.js';
import { refreshIndex, requireEditor, sourceSentences, translatableDocument, type TranslationIndex, type TranslationRecords } from './translation-records.js';

export type TranslationFrom = { kind: 'document'; documentId: number } | { kind: 'file'; name: string; bytes: Uint8Array };

export interface ImportSummary {
  documentId: number;
  from: string;
  segments: number;
  /** Links by type: "1-1", "2-1", "1-0" … */
  links: Record<string, number>;
  corrections: { replayed: number; skipped: number };
}

function alignPages(original: Array<{ page: number; text: string }>, translation: Array<{ page: number; text: string }>, by: string, at: string): Group[] {
  const pagewise = original.length > 1 && original.length === translation.length;
  type Pages = Array<{ page: number; text: string }>;
  const chunks: Array<[Pages, Pages]> = pagewise ? original.map((p, i) => [[p], [translation[i]!]]) : [[original, translation]];
  return chunks.flatMap(([o, t]) => {
    const sources = sourceSentences(o);
    const targets = t.flatMap((p) => splitSentences(p.text, 'en'));
    return groupsOfLinks(sources, targets, alignSentences(sources.map((s) => s.source), targets), by, at);
  });
}

export async function applyTranslationImport(records: TranslationRecords, input: { actor: Actor; documentId: number; from: TranslationFrom; index?: TranslationIndex }): Promise<ImportSummary> {
  requireEditor(input.actor);
  const { doc, pages } = await translatableDocument(records, input.documentId);
  let translationPages: Array<{ page: number; text: string }>;
  let from: string;
  if (input.from.kind === 'document') {
    if (input.from.documentId === doc.id) throw new DossierError('invalid_argument', 'a document cannot be its own translation');
    translationPages = (await translatableDocument(records, input.from.documentId)).pages;
    from = String(input.from.documentId);
  } else {
    translationPages = readTranslationFile(input.from.bytes, input.from.name).pages;
    from = input.from.name;
  }
  const at = new Date().toISOString();
  // Aligning a long document takes a while: do it before taking the write lock.
  const groups = alignPages(pages, translationPages, input.actor.name, at);
  const links: Record<string, number> = {};
  for (const g of groups) {
    const key = `${g.members.filter((m) => m.index !== null).length}-${g.target === null ? 0 : splitSentences(g.target, 'en').length}`;
    links[key] = (links[key] ?? 0) + 1;
  }
  const summary = await records.transact(async (tx) => {
    const corrections = replayCorrections(groups, await tx.translations.corrections(doc.id));
    const segments = fromGroups(groups);
    const known = await tx.translations.translation(doc.id);
    await tx.translations.save(
      { documentId: doc.id, origin: input.from.kind, sourceRef: from, sourceLang: doc.lang ?? 'zh', targetLang: 'en', createdAt: known?.createdAt ?? at, updatedAt: at, lastError: null },
      segments,
    );
    const result: ImportSummary = { documentId: doc.id, from, segments: segments.length, links, corrections };
    await tx.audit.append({ ...auditUser(input.actor), action: 'translate.import', collectionId: doc.collectionId, documentId: doc.id, detail: { from: input.from.kind === 'document' ? { document: input.from.documentId } : { file: from }, segments: segments.length, links, corrections } });
    return result;
  });
  await refreshIndex(records, input.index, doc.id);
  return summary;
}
