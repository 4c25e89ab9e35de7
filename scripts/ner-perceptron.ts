/**
 * The structured averaged perceptron (Collins 2002) that trains the entity tagger's models, shared
 * by scripts/train-ner.ts and the ablations of scripts/ner-ablation.ts: Viterbi under BIOES with
 * the run-time decoder, sentences shuffled each epoch by a fixed seed, weights averaged.
 */
import { masksOf, spansOfTags, tagsOf, viterbi, type LinearChain } from '../src/analyse/entities/tagger/linear-chain.js';
import type { Sentence } from './ner-training-data.js';

export const SEED = 17;

export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Example {
  features: Int32Array;
  gold: Int32Array;
}

/**
 * `dropout`: each feature but the bias (column 0) is left out of a sentence's decoding and update
 * with this probability, drawn afresh each epoch from a seeded generator, so the model cannot lean
 * on one feature (the character or word itself) and learns the contexts of names it has not seen.
 */
export function train(name: string, types: string[], bits: number, width: number, examples: Example[], epochs: number, held: Example[], heldName = 'held-out', dropout = 0, seed = SEED): LinearChain & { weights: Float32Array } {
  const tags = tagsOf(types);
  const T = tags.length;
  const buckets = 1 << bits;
  const W = new Float32Array(buckets * T);
  const U = new Float64Array(buckets * T);
  const Wt = new Float32Array((T + 1) * T);
  const Ut = new Float64Array((T + 1) * T);
  const model: LinearChain & { weights: Float32Array } = { types, tags, buckets, width, weights: W, transitions: Wt };
  const masks = masksOf(tags);
  const rand = random(seed);
  const order = examples.map((_, i) => i);
  let c = 1;
  const dropRand = random(seed + 100);
  let scratch = new Int32Array(0);
  const dropped = (features: Int32Array, w: number): Int32Array => {
    if (dropout <= 0) return features;
    if (scratch.length < features.length) scratch = new Int32Array(features.length * 2);
    for (let j = 0; j < features.length; j++) scratch[j] = j % w !== 0 && dropRand() < dropout ? -1 : features[j]!;
    return scratch.subarray(0, features.length);
  };
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const started = Date.now();
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let wrong = 0;
    for (const idx of order) {
      const { gold } = examples[idx]!;
      const features = dropped(examples[idx]!.features, width);
      const n = gold.length;
      const pred = viterbi(model, masks, features, n);
      for (let i = 0; i < n; i++) {
        const g = gold[i]!;
        const p = pred[i]!;
        const pg = i === 0 ? T : gold[i - 1]!;
        const pp = i === 0 ? T : pred[i - 1]!;
        if (g !== p) {
          wrong++;
          for (let k = 0; k < width; k++) {
            const f = features[i * width + k]!;
            if (f < 0) continue;
            W[f * T + g]! += 1;
            U[f * T + g]! += c;
            W[f * T + p]! -= 1;
            U[f * T + p]! -= c;
          }
        }
        if (g !== p || pg !== pp) {
          Wt[pg * T + g]! += 1;
          Ut[pg * T + g]! += c;
          Wt[pp * T + p]! -= 1;
          Ut[pp * T + p]! -= c;
        }
      }
      c++;
    }
    // Held-out F1 with the averaged weights of this epoch (printed only; the epoch count is fixed).
    // Averaged in a loop: TypedArray.from with a map function goes through a heap list, which a
    // 2^23-bucket table overflows.
    const avgW = new Float32Array(W.length);
    for (let i = 0; i < W.length; i++) avgW[i] = W[i]! - U[i]! / c;
    const avgT = new Float32Array(Wt.length);
    for (let i = 0; i < Wt.length; i++) avgT[i] = Wt[i]! - Ut[i]! / c;
    const avg: LinearChain = { ...model, weights: avgW, transitions: avgT };
    console.log(`${name} epoch ${epoch}: ${wrong} wrong tokens, ${heldName} F1 ${heldOutF1(avg, held).toFixed(4)}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  for (let i = 0; i < W.length; i++) W[i] = W[i]! - U[i]! / c;
  for (let i = 0; i < Wt.length; i++) Wt[i] = Wt[i]! - Ut[i]! / c;
  return model;
}

export function heldOutF1(model: LinearChain, held: Example[]): number {
  const masks = masksOf(model.tags);
  let tp = 0;
  let found = 0;
  let gold = 0;
  const key = (s: { start: number; end: number; type: string }) => `${s.start}:${s.end}:${s.type}`;
  for (const ex of held) {
    const pred = spansOfTags(model.tags, viterbi(model, masks, ex.features, ex.gold.length)).filter((s) => s.type !== 'MISC');
    const want = new Set(spansOfTags(model.tags, ex.gold).filter((s) => s.type !== 'MISC').map(key));
    found += pred.length;
    gold += want.size;
    for (const s of pred) if (want.has(key(s))) tp++;
  }
  return (2 * tp) / (found + gold || 1);
}

export function examplesOf(sentences: Sentence[], tags: string[], featuresOf: (s: Sentence) => Int32Array): Example[] {
  const index = new Map(tags.map((t, i) => [t, i]));
  return sentences.map((s) => ({ features: featuresOf(s), gold: Int32Array.from(s.tags, (t) => index.get(t) ?? 0) }));
}

export { tagsOf };
