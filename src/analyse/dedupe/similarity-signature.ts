import { foldText } from '../normalise/normalise.js';

/**
 * Near-duplicate signatures: MinHash over character 3-shingles of the folded text (the analysis
 * chain's normaliser: NFKC, case, diacritics, traditional → simplified), with everything but
 * letters and digits dropped, so Chinese (no spaces to split on) works, and a scan's OCR text
 * (other line breaks and spacing) meets its born-digital twin. Shingles are counted as a
 * multiset (the n-th occurrence of a shingle is its own element): boilerplate repeated through
 * a statute weighs as often as it occurs, and a 5 % edit costs about 15 % of the shingles.
 */
export const SIGNATURE_HASHES = 128;
/** Banded LSH: 42 bands of 3 hashes. Two texts of Jaccard J share a band with probability 1-(1-J³)^42: 0.80 at J = 0.33 (similarity 0.5), 0.04 at J = 0.1. */
export const LSH_BANDS = 42;
export const LSH_ROWS = 3;
const SHINGLE = 3;

/** The signature of a text: SIGNATURE_HASHES minima of 32-bit hashes, or null when it has no shingle. */
export type SimilaritySignature = number[];

// Fixed seeds, one per hash function, so signatures computed by any process compare.
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIGNATURE_HASHES);
  let x = 0x2545f491;
  for (let i = 0; i < SIGNATURE_HASHES; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    seeds[i] = x >>> 0;
  }
  return seeds;
})();

/** murmur3's finaliser: a good 32-bit mixer. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The characters shingles are made of: folded letters and digits only. */
export function signatureCharacters(text: string): number[] {
  const out: number[] = [];
  for (const ch of foldText(text).replace(/[^\p{L}\p{N}]+/gu, '')) out.push(ch.codePointAt(0) ?? 0);
  return out;
}

/** MinHash signature of a text; null when it has fewer than three letters or digits. */
export function similaritySignature(text: string): SimilaritySignature | null {
  const chars = signatureCharacters(text);
  if (chars.length < SHINGLE) return null;
  const mins = new Uint32Array(SIGNATURE_HASHES).fill(0xffffffff);
  const seen = new Map<number, number>();
  for (let i = 0; i + SHINGLE <= chars.length; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < SHINGLE; j++) h = Math.imul(h ^ (chars[i + j] ?? 0), 0x01000193);
    const occurrence = (seen.get(h) ?? 0) + 1;
    seen.set(h, occurrence);
    const element = mix(Math.imul(h ^ occurrence, 0x9e3779b1) ^ occurrence);
    // The k-th hash: the well-mixed element xor a seed, multiplied and folded (cheap: 128 per shingle).
    for (let k = 0; k < SIGNATURE_HASHES; k++) {
      let v = Math.imul(element ^ SEEDS[k]!, 0x85ebca6b);
      v = (v ^ (v >>> 15)) >>> 0;
      if (v < mins[k]!) mins[k] = v;
    }
  }
  return Array.from(mins);
}

/** The Jaccard index of two signatures' shingle multisets, estimated: the share of equal minima. */
export function estimateJaccard(a: SimilaritySignature, b: SimilaritySignature): number {
  let same = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return n === 0 ? 0 : same / n;
}

/**
 * Similarity 0..1 as Dice's coefficient (the share of shingles the two texts have in common,
 * 2|A∩B| / (|A|+|B|)), from the Jaccard estimate J as 2J/(1+J): a copy with 5 % of its
 * characters edited scores about 0.85, unrelated statutes about 0.1.
 */
export function signatureSimilarity(a: SimilaritySignature, b: SimilaritySignature): number {
  const j = estimateJaccard(a, b);
  return (2 * j) / (1 + j);
}

/**
 * The LSH bucket of each band: band number and its hashes mixed into a 53-bit integer, so the
 * index column is an ordinary integer. Documents sharing any bucket are candidates.
 */
export function signatureBuckets(signature: SimilaritySignature): number[] {
  const buckets: number[] = [];
  for (let band = 0; band < LSH_BANDS; band++) {
    let hi = mix(band + 0x51ed27);
    let lo = mix(band ^ 0x3c6ef372);
    for (let r = 0; r < LSH_ROWS; r++) {
      const v = signature[band * LSH_ROWS + r] ?? 0;
      hi = mix(hi ^ v);
      lo = mix(Math.imul(lo, 31) ^ v);
    }
    buckets.push((hi & 0x1fffff) * 0x100000000 + lo);
  }
  return buckets;
}
