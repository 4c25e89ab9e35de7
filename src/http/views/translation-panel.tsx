import type { StoredSegment, TranslationRecord } from '../../domain/translation.js';

/** The reader's side panel section: the translation's status, counted by segment status, and a link to the aligned view. */
export function TranslationPanel({ documentId, translation, segments }: { documentId: number; translation: TranslationRecord | null; segments: StoredSegment[] }) {
  const count = (status: StoredSegment['status']) => segments.filter((s) => s.status === status && (s.target !== null || status === 'untranslated')).length;
  return (
    <section id="translation" class="document-translation" aria-labelledby="translation-h">
      <h2 id="translation-h">Translation</h2>
      {translation ? (
        <>
          <p>
            {count('reviewed')} reviewed, {count('draft')} draft, {count('machine')} machine translation (not reviewed), {count('untranslated')} untranslated
          </p>
          {translation.lastError ? <p class="alert">Last machine translation failed: {translation.lastError}</p> : null}
        </>
      ) : (
        <p class="muted">Not translated yet.</p>
      )}
      <p><a href={`/documents/${documentId}/translation`}>{translation ? 'Read the original beside its translation' : 'Translate this document'}</a></p>
    </section>
  );
}
