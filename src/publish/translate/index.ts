/**
 * publish/translate: a translation beside its original, segment by segment. Sentences
 * (segment-sentences), Gale–Church alignment anchored on numbers, names and CC-CEDICT words
 * (align-sentences, anchors), imports of existing translations, editors' corrections that
 * survive a re-import, optional machine translation through a service the newsroom runs, and
 * the reading aid (pinyin and glosses).
 */
import type { TranslationSegment, StoredSegment } from '../../domain/translation.js';
import { reviewedPages, type TranslationRecords } from './translation-records.js';

export { alignSentences, ZH_EN, type AlignmentLink, type AlignOptions } from './align-sentences.js';
export { splitSentences } from './segment-sentences.js';
export { applyTranslationImport, type ImportSummary, type TranslationFrom } from './import-translation.js';
export { applySegmentCorrection, type CorrectionInput } from './correct-segments.js';
export { applyMachineTranslation, machineServiceFrom, type MachineService, type MachineSummary } from './machine-translate.js';
export { readingAid, CEDICT_CREDIT, type AidedPiece } from './reading-aid.js';
export { reviewedPages, type TranslationIndex, type TranslationRecords } from './translation-records.js';

/**
 * A document's translation in the published shape: `{page, index, source, target, status,
 * group}` per segment, in reading order (empty when there is none). The contract with the
 * public site, which publishes the reviewed ones beside the original.
 */
export async function translationSegments(records: Pick<TranslationRecords, 'read'>, documentId: number): Promise<TranslationSegment[]> {
  const rows = await records.read.translations.segments(documentId);
  return rows.map(({ page, index, source, target, status, group }) => ({ page, index, source, target, status, group }));
}

/** The segments with who changed them, when, and why any is untranslated; and the translation's record. */
export async function translationDetail(records: Pick<TranslationRecords, 'read'>, documentId: number): Promise<{ translation: Awaited<ReturnType<TranslationRecords['read']['translations']['translation']>>; segments: StoredSegment[] }> {
  const [translation, segments] = await Promise.all([records.read.translations.translation(documentId), records.read.translations.segments(documentId)]);
  return { translation, segments };
}

/** The reviewed translation of one page (what the search index holds for it), for a hit's snippet. */
export async function reviewedTranslationText(records: Pick<TranslationRecords, 'read'>, documentId: number, page: number): Promise<string> {
  return reviewedPages(await records.read.translations.segments(documentId)).find((p) => p.page === page)?.text ?? '';
}
