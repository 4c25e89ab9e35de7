/**
 * npm run bench:similar — near-duplicates on real text (shared/corpus/prc-laws statutes).
 *  1. Quality: every statute, plus an edited copy of EDITED of them (5 % of their letters and
 *     digits substituted, deleted or doubled with characters of the same statute). Each document
 *     is looked up as `dossier similar` does (LSH buckets in SQLite, then the MinHash estimate).
 *     Recall: planted (statute, edited copy) pairs found at ≥ 0.8. Precision: found pairs whose
 *     exact similarity (Dice over all shingles, not the estimate) is ≥ 0.8 (the corpus holds
 *     versions of the same law: those count as right when they really are that similar).
 *     Also: the edited copies' similarity, and 2,000 random pairs of different statutes.
 *  2. Speed per 10,000 documents (statute chunks of ~2,000 characters and edited copies):
 *     signatures, the LSH lookup of every document through the repository, against the peer,
 *     an all-pairs comparison of the same signatures in memory (no database: a generous baseline).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { signatureBuckets, signatureCharacters, signatureSimilarity, similaritySignature } from '../src/analyse/index.js';
import { openSqliteDatabase } from '../src/platform/db/sqlite.js';
import { similarityRepository } from '../src/platform/db/repositories/similarity-repository.js';
import { shared, table, tempDir, writeResult } from './support.js';

const EDITED = Number(process.env.BENCH_EDITED ?? 300);
const SPEED_DOCS = Number(process.env.BENCH_DOCS ?? 10_000);
const THRESHOLD = 0.8;

let seed = 20261202;
const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);

function statutes(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.md') && !e.name.startsWith('_') && fs.statSync(p).size > 2000) out.push({ name: path.relative(root, p), text: fs.readFileSync(p, 'utf8') });
    }
  };
  const root = path.join(shared, 'prc-laws');
  walk(root);
  return out;
}

/** Change 5 % of the letters and digits: half substituted, a quarter deleted, a quarter doubled with another. */
function edit(text: string): string {
  const chars = [...text];
  const pool = chars.filter((c) => /[\p{L}\p{N}]/u.test(c));
  const out: string[] = [];
  for (const c of chars) {
    if (!/[\p{L}\p{N}]/u.test(c) || random() >= 0.05) {
      out.push(c);
      continue;
    }
    const other = pool[Math.floor(random() * pool.length)] ?? c;
    const r = random();
    if (r < 0.5) out.push(other);
    else if (r < 0.75) continue;
    else out.push(c, other);
  }
  return out.join('');
}

/** Exact similarity (Dice over the shingle multisets), for precision. */
function exactSimilarity(a: string, b: string): number {
  const shingles = (t: string) => {
    const cs = signatureCharacters(t);
    const seen = new Map<string, number>();
    const set = new Set<string>();
    for (let i = 0; i + 3 <= cs.length; i++) {
      const s = `${cs[i]},${cs[i + 1]},${cs[i + 2]}`;
      const n = (seen.get(s) ?? 0) + 1;
      seen.set(s, n);
      set.add(`${s}#${n}`);
    }
    return set;
  };
  const sa = shingles(a);
  const sb = shingles(b);
  let both = 0;
  for (const s of sa) if (sb.has(s)) both++;
  return (2 * both) / (sa.size + sb.size || 1);
}

async function lshIndex(docs: Array<{ signature: number[] }>) {
  const dir = tempDir('similar');
  const handle = await openSqliteDatabase(path.join(dir, 'dossier.db'));
  const now = new Date().toISOString();
  await handle.db.insertInto('collections').values({ name: 'bench', created_at: now }).execute();
  const started = performance.now();
  await handle.db.transaction().execute(async (trx) => {
    const repo = similarityRepository(trx);
    for (const [i, d] of docs.entries()) {
      await trx.insertInto('documents').values({ id: i + 1, collection_id: 1, sha256: String(i), size: 1, status: 'ok', path: `doc-${i + 1}`, depth: 0, needs_ocr: 0, created_at: now, metadata: '{}', mime: null, reason: null, message: null, title: null, parent_id: null, extracted_at: null, lang: null, date: null, sender: null }).execute();
      await repo.replaceSignature(i + 1, d.signature, signatureBuckets(d.signature));
    }
  });
  const indexMs = performance.now() - started;
  return { handle, dir, indexMs, repo: similarityRepository(handle.db) };
}

const laws = statutes();
console.log(`prc-laws: ${laws.length} statutes over 2 KB; ${EDITED} of them edited (5 % of letters and digits)`);

// 1. Quality.
const picked = new Set<number>();
while (picked.size < Math.min(EDITED, laws.length)) picked.add(Math.floor(random() * laws.length));
const quality = laws.map((l) => ({ name: l.name, text: l.text, of: -1 }));
for (const i of [...picked].sort((a, b) => a - b)) quality.push({ name: `${laws[i]!.name} (edited)`, text: edit(laws[i]!.text), of: i });
const signed = quality.map((d) => ({ ...d, signature: similaritySignature(d.text) ?? [] }));
const q = await lshIndex(signed);
const found = new Map<string, number>();
for (const [i, d] of signed.entries()) {
  for (const c of await q.repo.candidates(signatureBuckets(d.signature), i + 1)) {
    const sim = signatureSimilarity(d.signature, c.signature);
    const [x, y] = [i, c.id - 1].sort((m, n) => m - n) as [number, number];
    if (sim >= THRESHOLD) found.set(`${x},${y}`, sim);
  }
}
await q.handle.close();
const planted = signed.map((d, i) => [d.of, i] as const).filter(([of]) => of >= 0);
const plantedFound = planted.filter(([a, b]) => found.has(`${a},${b}`)).length;
let right = 0;
for (const key of found.keys()) {
  const [x, y] = key.split(',').map(Number) as [number, number];
  if (exactSimilarity(signed[x]!.text, signed[y]!.text) >= THRESHOLD) right++;
}
const editedSims = planted.map(([a, b]) => signatureSimilarity(signed[a]!.signature, signed[b]!.signature)).sort((m, n) => m - n);
const unrelated: number[] = [];
while (unrelated.length < 2000) {
  const a = Math.floor(random() * laws.length);
  const b = Math.floor(random() * laws.length);
  // Different statutes: not the same law in another version (the title before any date in brackets).
  const stem = (n: string) => path.basename(n).replace(/\(.*$|（.*$|\.md$/g, '');
  if (a === b || stem(laws[a]!.name) === stem(laws[b]!.name)) continue;
  unrelated.push(signatureSimilarity(signed[a]!.signature, signed[b]!.signature));
}
unrelated.sort((m, n) => m - n);
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;
const quality1 = {
  documents: signed.length,
  editedAtLeast08: `${editedSims.filter((s) => s >= THRESHOLD).length}/${editedSims.length}`,
  editedMin: +pct(editedSims, 0).toFixed(3), editedMedian: +pct(editedSims, 0.5).toFixed(3),
  unrelatedAtMost02: `${unrelated.filter((s) => s <= 0.2).length}/${unrelated.length}`,
  unrelatedMedian: +pct(unrelated, 0.5).toFixed(3), unrelatedP99: +pct(unrelated, 0.99).toFixed(3), unrelatedMax: +pct(unrelated, 1).toFixed(3),
  pairsFound: found.size, precision: +(right / (found.size || 1)).toFixed(3), recall: +(plantedFound / planted.length).toFixed(3),
};
console.log('\nQuality at similarity ≥ 0.8 (MinHash 128, 42 bands × 3):');
console.log(table([quality1]));

// 2. Speed per SPEED_DOCS documents.
const chunks: string[] = [];
for (const l of laws) for (let i = 0; i + 500 < l.text.length && chunks.length < SPEED_DOCS * 0.9; i += 2000) chunks.push(l.text.slice(i, i + 2000));
while (chunks.length < SPEED_DOCS) chunks.push(edit(chunks[Math.floor(random() * chunks.length)]!));
let started = performance.now();
const speedDocs = chunks.map((t) => ({ signature: similaritySignature(t) ?? [] }));
const signMs = performance.now() - started;
const s = await lshIndex(speedDocs);
started = performance.now();
let lshPairs = 0;
for (const [i, d] of speedDocs.entries()) {
  for (const c of await s.repo.candidates(signatureBuckets(d.signature), i + 1)) if (signatureSimilarity(d.signature, c.signature) >= THRESHOLD) lshPairs++;
}
const lshMs = performance.now() - started;
await s.handle.close();
// The peer compares every pair; timed on the first PEER_DOCS documents and scaled by the number of pairs.
const peerDocs = Math.min(speedDocs.length, Number(process.env.BENCH_PEER_DOCS ?? 2500));
started = performance.now();
let allPairs = 0;
for (let i = 0; i < peerDocs; i++) {
  const a = speedDocs[i]!.signature;
  for (let j = i + 1; j < peerDocs; j++) if (signatureSimilarity(a, speedDocs[j]!.signature) >= THRESHOLD) allPairs++;
}
const pairsOf = (n: number) => (n * (n - 1)) / 2;
const allMs = (performance.now() - started) * (pairsOf(speedDocs.length) / pairsOf(peerDocs));
// Signatures, writes and LSH lookups grow with the documents; all pairs with their square.
const per10k = (ms: number, square = false) => +((ms / 1000) * (10_000 / speedDocs.length) ** (square ? 2 : 1)).toFixed(2);
const speed = [
  { system: 'Dossier: signatures (analysis time)', documents: speedDocs.length, seconds: +(signMs / 1000).toFixed(2), 'per 10k (s)': per10k(signMs), pairs: '-' },
  { system: 'Dossier: store buckets (index write)', documents: speedDocs.length, seconds: +(s.indexMs / 1000).toFixed(2), 'per 10k (s)': per10k(s.indexMs), pairs: '-' },
  { system: 'Dossier: similar for every document (LSH)', documents: speedDocs.length, seconds: +(lshMs / 1000).toFixed(2), 'per 10k (s)': per10k(lshMs), pairs: lshPairs / 2 },
  { system: `peer: all pairs in memory (timed on ${peerDocs}, scaled by pairs)`, documents: speedDocs.length, seconds: +(allMs / 1000).toFixed(2), 'per 10k (s)': per10k(allMs, true), pairs: peerDocs === speedDocs.length ? allPairs : `${allPairs} among ${peerDocs}` },
];
console.log(`\nSpeed (${speedDocs.length} documents: statute chunks of 2,000 characters and edited copies of some):`);
console.log(table(speed));
console.log(`\nLSH looks up ${speedDocs.length} documents in ${(lshMs / speedDocs.length).toFixed(2)} ms each (it grows with the near-duplicates a document has); all pairs grows with the square of the collection: at 1,000,000 documents, ${((allMs / 1000) * (1_000_000 / speedDocs.length) ** 2 / 3600).toFixed(0)} hours.`);
writeResult('similar', { quality: quality1, speed });
