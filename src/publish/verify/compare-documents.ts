import { auditUser, type Actor } from '../../domain/actor.js';
import { DossierError } from '../../domain/errors.js';
import type { Records } from '../../platform/db/records.js';
import type { ComparableDocument } from '../../platform/db/repositories/verification-repository.js';
import { compareMetadata, lineEndingsOf, type MetadataDifference } from './compare-metadata.js';
import { comparePageText, type InvisibleDifference, type TextDifference } from './compare-text.js';
import type { BlobReader } from './ports.js';

export interface ComparedDocument {
  id: number;
  path: string;
  title: string | null;
  mime: string | null;
  pages: Array<{ page: number; text: string }>;
}

/** What `dossier compare A B --json` prints (with the two documents' text for the side-by-side page). */
export interface Comparison {
  a: ComparedDocument;
  b: ComparedDocument;
  text: TextDifference[];
  invisible: InvisibleDifference[];
  metadata: MetadataDifference[];
}

const TEXT_TYPES = /^(text\/|message\/rfc822|application\/(json|xml))/;

/** The line-ending style of a stored text file (extraction turns CRLF into LF, so the bytes are read). */
async function lineEndings(doc: ComparableDocument, blobs: BlobReader): Promise<string | null> {
  if (!doc.mime || !TEXT_TYPES.test(doc.mime) || !doc.sha256 || !blobs.has(doc.sha256)) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of blobs.open(doc.sha256, { start: 0, end: (1 << 20) - 1 })) chunks.push(chunk as Buffer);
  return lineEndingsOf(Buffer.concat(chunks));
}

async function loadComparable(records: Pick<Records, 'read'>, id: number): Promise<ComparableDocument> {
  const doc = await records.read.verification.comparableDocument(id);
  if (!doc) throw new DossierError('not_found', `no document ${id}`);
  if (doc.status !== 'ok') throw new DossierError('conflict', `document ${id} ${doc.status === 'failed' ? `failed to extract (${doc.reason ?? 'unknown'})` : 'is not read yet'}: it has no text to compare`);
  return doc;
}

/**
 * Compare two copies of a document: text by page (Myers' diff over words and Han characters,
 * offsets into each page's stored text), the invisible marks a leak-hunter plants (zero-width
 * characters, Cyrillic/Greek look-alikes, full-width letters and digits, other spaces, CRLF vs
 * LF), and metadata. Recorded in the audit log as `compare` (which copies someone set side by
 * side is itself sensitive). The caller has checked the actor may see both.
 */
export async function compareDocuments(
  records: Pick<Records, 'read' | 'transact'>,
  input: { actor: Actor; a: number; b: number; blobs: BlobReader },
): Promise<Comparison> {
  if (input.a === input.b) throw new DossierError('invalid_argument', `document ${input.a} compared with itself: give two different documents`);
  const [a, b] = [await loadComparable(records, input.a), await loadComparable(records, input.b)];
  const text: TextDifference[] = [];
  const invisible: InvisibleDifference[] = [];
  const pageNumbers = [...new Set([...a.pages.map((p) => p.page), ...b.pages.map((p) => p.page)])].sort((x, y) => x - y);
  for (const n of pageNumbers) {
    const pa = a.pages.find((p) => p.page === n);
    const pb = b.pages.find((p) => p.page === n);
    const found = comparePageText(pa ? n : 0, pa?.text ?? '', pb ? n : 0, pb?.text ?? '');
    text.push(...found.text);
    invisible.push(...found.invisible);
  }
  const metadata = compareMetadata(a.metadata, b.metadata);
  {
    const la = await lineEndings(a, input.blobs);
    const lb = await lineEndings(b, input.blobs);
    if (la && lb && la !== lb) {
      metadata.push({ field: 'lineEndings', a: la, b: lb });
      for (const [side, style, doc] of [['a', la, a], ['b', lb, b]] as const) {
        if (style === 'lf' || style === 'none') continue;
        const first = doc.pages[0];
        invisible.push({ kind: 'line-break', side, page: first?.page ?? 1, start: Math.max(0, first?.text.indexOf('\n') ?? 0), char: style === 'cr' ? 'U+000D' : 'U+000D U+000A', other: side === 'a' ? lb : la });
      }
    }
  }
  if (a.title !== b.title && !metadata.some((m) => m.field === 'title')) metadata.unshift({ field: 'title', a: a.title, b: b.title });
  await records.transact(async (tx) => {
    await tx.audit.append({
      ...auditUser(input.actor), action: 'compare', collectionId: a.collectionId, documentId: a.id,
      detail: { a: a.id, b: b.id, text: text.length, invisible: invisible.length, metadata: metadata.length },
    });
  });
  const shown = (d: ComparableDocument): ComparedDocument => ({ id: d.id, path: d.path, title: d.title, mime: d.mime, pages: d.pages });
  return { a: shown(a), b: shown(b), text, invisible, metadata };
}
