import { signatureBuckets, signatureSimilarity } from '../../analyse/index.js';
import { DossierError } from '../../domain/errors.js';
import type { Records } from '../../platform/db/records.js';

export interface SimilarDocument {
  id: number;
  path: string;
  collectionId: number;
  similarity: number;
}

/**
 * Versions and near-duplicates of a document, best first: the documents sharing an LSH bucket
 * with its signature (an index lookup per band, never a scan of all documents), scored by the
 * MinHash estimate, kept at `min` and above. `mayRead` limits them to what the caller may see.
 */
export async function findSimilar(
  records: Pick<Records, 'read'>,
  input: { id: number; min?: number; limit?: number; mayRead?: (collectionId: number) => boolean },
): Promise<SimilarDocument[]> {
  const min = input.min ?? 0.5;
  if (!(min >= 0 && min <= 1)) throw new DossierError('invalid_argument', `--min is a similarity between 0 and 1, got ${input.min}`);
  const signature = await records.read.similarity.signatureOf(input.id);
  if (!signature) {
    if (!(await records.read.verification.documentExists(input.id))) throw new DossierError('not_found', `no document ${input.id}`);
    return [];
  }
  const candidates = await records.read.similarity.candidates(signatureBuckets(signature), input.id);
  return candidates
    .filter((c) => c.status === 'ok' && (input.mayRead?.(c.collectionId) ?? true))
    .map((c) => ({ id: c.id, path: c.path, collectionId: c.collectionId, similarity: Math.round(signatureSimilarity(signature, c.signature) * 1000) / 1000 }))
    .filter((c) => c.similarity >= min)
    .sort((x, y) => y.similarity - x.similarity || x.id - y.id)
    .slice(0, input.limit ?? 50);
}
