import type { Actor } from '../../domain/actor.js';
import { pinyinKeyOfHan } from '../../analyse/index.js';
import { DossierError } from '../../domain/errors.js';
import type { Records } from '../../platform/db/records.js';
import { latestDerivative, produceDerivative, redactedStrings, type RedactBlobs } from '../redact/index.js';
import { translationSegments } from '../translate/index.js';
import type { Derivative, DerivativeSource, TranslationSegment, TranslationSource } from '../ports.js';

/**
 * Published documents come from redaction: a new derivative of the current marks (metadata,
 * annotations and attachments stripped even when nothing is marked), checked by poppler, with
 * new page images. The original file and its stored text are never read for publication.
 */
export class RedactedDerivativeSource implements DerivativeSource {
  constructor(private readonly deps: { records: Records; blobs: RedactBlobs }) {}

  async produce(input: { actor: Actor; documentId: number }): Promise<Derivative> {
    const result = await produceDerivative(this.deps, input);
    const stored = await latestDerivative(this.deps.records, input.documentId);
    if (!stored || stored.sha256 !== result.derivative) throw new DossierError('conflict', `the derivative of document ${input.documentId} changed while it was being published; publish again`);
    return {
      sha256: stored.sha256,
      pages: stored.pages.map((p) => ({ page: p.page, text: p.text, image: p.image, width: p.width, height: p.height })),
      check: { ok: result.check.ok, leaks: result.check.leaks },
    };
  }
}

/** Lower case, accents dropped, letters and digits only: "Chén Quánguó" → "chenquanguo". */
const lettersOf = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * A test for text that spells one of a document's redacted strings — as written (case, accents,
 * spaces and punctuation ignored) or a Han string's joined pinyin (陈全国 → "Chen Quanguo"):
 * it answers the redacted string found, or null.
 */
export async function redactedSpelling(records: Pick<Records, 'read'>, documentId: number): Promise<(text: string) => string | null> {
  const redacted = (await redactedStrings(records, documentId)).map((s) => s.trim()).filter((s) => s.length >= 2);
  // Spelled forms: the string's own letters, and the joined pinyin of a Han string (at least two syllables' worth).
  const forms = redacted.flatMap((r) => [lettersOf(r), pinyinKeyOfHan(r) ?? ''].filter((f) => f.length >= 2 && (/\p{Script=Han}/u.test(f) || f.length >= 5)).map((f) => ({ form: f, redacted: r })));
  return (text) => {
    const letters = lettersOf(text);
    return forms.find((f) => letters.includes(f.form))?.redacted ?? null;
  };
}

/**
 * Reviewed translations, beside the published original. A reviewed segment that still holds a
 * redacted string — as written, or a Han name spelled in pinyin (陈全国 → Chen Quanguo) — refuses
 * publication, naming it: a translation must not undo a redaction.
 */
export class ReviewedTranslationSource implements TranslationSource {
  constructor(private readonly records: Pick<Records, 'read'>) {}

  async segments(documentId: number): Promise<TranslationSegment[]> {
    const rows = await translationSegments(this.records, documentId);
    const reviewed = rows.filter((s) => s.status === 'reviewed' && s.index !== null && s.target);
    const spelled = await redactedSpelling(this.records, documentId);
    for (const s of reviewed) {
      const leak = spelled(s.target ?? '');
      if (leak) throw new DossierError('redaction_leak', `the reviewed translation of document ${documentId}, page ${s.page} segment ${s.index}, still holds the redacted "${leak}": edit it before publishing`);
    }
    return reviewed.map((s) => ({ page: s.page, index: s.index ?? 0, source: s.source, target: s.target ?? '', status: s.status }));
  }
}
