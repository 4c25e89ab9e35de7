import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** A document that shares at least one LSH bucket with the one asked about, with its signature. */
export interface SimilarityCandidate {
  id: number;
  path: string;
  collectionId: number;
  status: 'pending' | 'ok' | 'failed';
  signature: number[];
}

/** Near-duplicate signatures and their LSH buckets (tables similarity_signatures, similarity_buckets). */
export interface SimilarityRepository {
  /** Replace a document's signature and buckets (null: it has none). */
  replaceSignature(documentId: number, signature: number[] | null, buckets: number[]): Promise<void>;
  signatureOf(documentId: number): Promise<number[] | null>;
  /** Signatures of several documents (for collapsing search hits). */
  signaturesOf(documentIds: number[]): Promise<Map<number, number[]>>;
  /** Documents sharing any of these buckets, other than `exceptId`: an index lookup per bucket, never a scan. */
  candidates(buckets: number[], exceptId: number): Promise<SimilarityCandidate[]>;
  /** How many documents have a signature. */
  count(): Promise<number>;
}

const encode = (signature: number[]): Uint8Array => {
  const bytes = Buffer.alloc(signature.length * 4);
  signature.forEach((v, i) => bytes.writeUInt32LE(v >>> 0, i * 4));
  return bytes;
};
const decode = (bytes: Uint8Array): number[] => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 4 <= buffer.length; i += 4) out.push(buffer.readUInt32LE(i));
  return out;
};

export const similarityRepository = (db: Kysely<Database>): SimilarityRepository => ({
  async replaceSignature(documentId, signature, buckets) {
    await db.deleteFrom('similarity_buckets').where('document_id', '=', documentId).execute();
    await db.deleteFrom('similarity_signatures').where('document_id', '=', documentId).execute();
    if (!signature) return;
    await db.insertInto('similarity_signatures').values({ document_id: documentId, signature: encode(signature) }).execute();
    const unique = [...new Set(buckets)];
    if (unique.length > 0) await db.insertInto('similarity_buckets').values(unique.map((bucket) => ({ bucket, document_id: documentId }))).execute();
  },

  async signatureOf(documentId) {
    const row = await db.selectFrom('similarity_signatures').select('signature').where('document_id', '=', documentId).executeTakeFirst();
    return row ? decode(row.signature) : null;
  },

  async signaturesOf(documentIds) {
    const out = new Map<number, number[]>();
    for (let i = 0; i < documentIds.length; i += 500) {
      const rows = await db.selectFrom('similarity_signatures').select(['document_id', 'signature']).where('document_id', 'in', documentIds.slice(i, i + 500)).execute();
      for (const row of rows) out.set(row.document_id, decode(row.signature));
    }
    return out;
  },

  async candidates(buckets, exceptId) {
    if (buckets.length === 0) return [];
    const rows = await db
      .selectFrom('similarity_signatures as s')
      .innerJoin('documents as d', 'd.id', 's.document_id')
      .select(['d.id', 'd.path', 'd.collection_id', 'd.status', 's.signature'])
      .where('s.document_id', 'in', db.selectFrom('similarity_buckets').select('document_id').distinct().where('bucket', 'in', buckets))
      .where('s.document_id', '!=', exceptId)
      .execute();
    return rows.map((r) => ({ id: r.id, path: r.path, collectionId: r.collection_id, status: r.status, signature: decode(r.signature) }));
  },

  async count() {
    const row = await db.selectFrom('similarity_signatures').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },
});
