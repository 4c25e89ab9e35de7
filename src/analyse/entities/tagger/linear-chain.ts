/**
 * A linear-chain tagger's weights and its decoder: hashed features (each token carries a fixed
 * number of feature hashes) scored against every tag, plus tag-to-tag transitions, decoded by
 * Viterbi under the BIOES constraint (an I or E only after a B or I of its type). The same code
 * decodes during training (scripts/train-ner.ts) and at run time, so the two cannot drift apart.
 */

import { emissionKernel } from './emission-kernel.js';
import { viterbiKernel } from './viterbi-kernel.js';
import { WasmEmissions } from './wasm-emissions.js';

/** Tags are 'O' then B-, I-, E-, S- of each type, in that order. */
export function tagsOf(types: readonly string[]): string[] {
  const out = ['O'];
  for (const t of types) out.push(`B-${t}`, `I-${t}`, `E-${t}`, `S-${t}`);
  return out;
}

export interface LinearChain {
  types: readonly string[];
  tags: readonly string[];
  /** Buckets of the feature hash (a power of two). */
  buckets: number;
  /** Features per token. */
  width: number;
  /** The feature templates of each token, in order, where the feature function has a choice (Chinese). */
  templates?: readonly number[];
  /** buckets × tags emission weights. */
  weights: Int16Array | Float32Array;
  /** (tags + 1) × tags: row `tags` is the start of a sequence. */
  transitions: Float32Array;
  /**
   * A shipped model keeps only its non-zero rows: `weights` holds them in bucket order, `live`
   * has a bit per bucket and `rank` the number of live rows before each 32 buckets. A small
   * table is what keeps tagging fast: a miss on a 54 MB table costs more than the arithmetic.
   */
  live?: Uint32Array;
  rank?: Int32Array;
}

/** The compact form of dense bucket-major weights: live rows only, with their bitmap and ranks. */
export function compactRows(dense: Int16Array, buckets: number, tags: number): { weights: Int16Array; live: Uint32Array; rank: Int32Array } {
  const live = new Uint32Array((buckets + 31) >>> 5);
  let count = 0;
  for (let b = 0; b < buckets; b++) {
    for (let t = 0, row = b * tags; t < tags; t++) {
      if (dense[row + t] !== 0) {
        live[b >>> 5] = live[b >>> 5]! | (1 << (b & 31));
        count++;
        break;
      }
    }
  }
  const weights = new Int16Array(count * tags);
  const rank = new Int32Array(live.length);
  let r = 0;
  for (let w = 0; w < live.length; w++) {
    rank[w] = r;
    for (let bit = 0; bit < 32; bit++) {
      if ((live[w]! & (1 << bit)) === 0) continue;
      weights.set(dense.subarray(((w << 5) + bit) * tags, ((w << 5) + bit + 1) * tags), r * tags);
      r++;
    }
  }
  return { weights, live, rank };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Whether tag b may follow tag a (a = tags.length: the start) under BIOES. */
export function allowed(tags: readonly string[], a: number, b: number): boolean {
  const prev = a === tags.length ? 'O' : tags[a]!;
  const next = tags[b]!;
  const inside = prev.startsWith('B-') || prev.startsWith('I-');
  if (next.startsWith('I-') || next.startsWith('E-')) return inside && prev.slice(2) === next.slice(2);
  return !inside;
}

/** Whether a sequence may end on tag a. */
export function canEnd(tags: readonly string[], a: number): boolean {
  const t = tags[a]!;
  return !(t.startsWith('B-') || t.startsWith('I-'));
}

/** Transition masks, built once per tag set. */
export interface Masks {
  trans: Uint8Array;
  end: Uint8Array;
  /** Allowed predecessors (not the start) of each tag t: preds[predStart[t] .. predStart[t + 1]). */
  preds: Int32Array;
  predStart: Int32Array;
}

export function masksOf(tags: readonly string[]): Masks {
  const n = tags.length;
  const trans = new Uint8Array((n + 1) * n);
  for (let a = 0; a <= n; a++) for (let b = 0; b < n; b++) trans[a * n + b] = allowed(tags, a, b) ? 1 : 0;
  const end = new Uint8Array(n);
  for (let a = 0; a < n; a++) end[a] = canEnd(tags, a) ? 1 : 0;
  const preds: number[] = [];
  const predStart = new Int32Array(n + 1);
  for (let b = 0; b < n; b++) {
    predStart[b] = preds.length;
    for (let a = 0; a < n; a++) if (trans[a * n + b]) preds.push(a);
  }
  predStart[n] = preds.length;
  return { trans, end, preds: Int32Array.from(preds), predStart };
}

/**
 * The sums of features not in viterbi's `features` (grouped-emissions.ts): `width` features a
 * token are left there, `add` adds the others' sums, and `keys` (zhFeatures' grouped keys, for a
 * model GroupedEmissions.fits) lets the WebAssembly kernel add them from its own memos instead.
 */
export interface GroupedSums {
  width: number;
  add: (emit: Float64Array, length: number) => void;
  keys?: Int32Array;
}

let backBuffer = new Int32Array(0);
let useWasm = true;

/** Whether viterbi sums emissions in WebAssembly when the model allows (true); false: the JavaScript kernel, to check one against the other. */
export function setWasmEmissions(on: boolean): void {
  useWasm = on;
}
let emitBuffer = new Float64Array(0);
let rowBuffer = new Int32Array(0);

/**
 * The best tag sequence for `length` tokens whose feature hashes are features[i * width + k]
 * (a negative hash is an absent feature), or grouped.width of them when `grouped` adds the
 * other features' sums. Returns tag indices. Written for speed: the weight rows
 * of all features are found first, their sums come from a kernel unrolled over the tags
 * (emission-kernel.ts), and the recursion walks predecessor lists instead of a mask per pair.
 */
export function viterbi(model: LinearChain, masks: Masks, features: Int32Array, length: number, grouped?: GroupedSums): Int32Array {
  const n = model.tags.length;
  // Features whose rows' sums come from elsewhere (grouped-emissions.ts) are not in `features`.
  const width = grouped?.width ?? model.width;
  if (length === 0) return new Int32Array(0);
  if (backBuffer.length < length * n) {
    backBuffer = new Int32Array(length * n * 2);
    emitBuffer = new Float64Array(length * n * 2);
  }
  if (rowBuffer.length < length * width) rowBuffer = new Int32Array(length * width * 2);
  const emitAll = emitBuffer;
  // A compact 16-bit model's sums in WebAssembly (wasm-emissions.ts), where the runtime has SIMD.
  const wasm = useWasm ? WasmEmissions.of(model) : null;
  if (wasm !== null) {
    // The grouped templates' sums too, from memos in the same memory, when their keys are given.
    wasm.run(features, width, length, emitAll, grouped?.keys);
    if (grouped?.keys === undefined) grouped?.add(emitAll, length);
    return decode(model, masks, emitAll, length);
  }
  const rows = rowBuffer;
  const live = model.live;
  const rank = model.rank;
  if (live !== undefined && rank !== undefined) {
    for (let j = 0, end = length * width; j < end; j++) {
      const f = features[j]!;
      let row = -1;
      if (f >= 0) {
        const word = live[f >>> 5]!;
        const bit = 1 << (f & 31);
        if ((word & bit) !== 0) row = (rank[f >>> 5]! + popcount(word & (bit - 1))) * n;
      }
      rows[j] = row;
    }
  } else {
    for (let j = 0, end = length * width; j < end; j++) {
      const f = features[j]!;
      rows[j] = f < 0 ? -1 : f * n;
    }
  }
  emissionKernel(n, model.weights instanceof Int16Array ? 'Int16Array' : 'Float32Array')(model.weights, rows, width, length, emitAll);
  grouped?.add(emitAll, length);
  return decode(model, masks, emitAll, length);
}

/** The start of the weight row of bucket f in `weights`, −1 when the model keeps no row for it. */
export function rowOf(model: LinearChain, f: number): number {
  const n = model.tags.length;
  const live = model.live;
  const rank = model.rank;
  if (live === undefined || rank === undefined) return f * n;
  const word = live[f >>> 5]!;
  const bit = 1 << (f & 31);
  return (word & bit) === 0 ? -1 : (rank[f >>> 5]! + popcount(word & (bit - 1))) * n;
}

/** The best path through emission scores emit[i * tags + t] under the model's transitions (viterbi-kernel.ts). */
function decode(model: LinearChain, masks: Masks, emit: Float64Array, length: number): Int32Array {
  const out = new Int32Array(length);
  const back = backBuffer;
  let arg = viterbiKernel(model.tags, masks)(emit, model.transitions, length, back);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * model.tags.length + arg]!;
  }
  return out;
}

/** The recursion as it was before viterbi-kernel.ts: kept to check the kernel against (test/). */
export function decodeByLoops(model: LinearChain, masks: Masks, emitAll: Float64Array, length: number): Int32Array {
  const n = model.tags.length;
  const transitions = model.transitions;
  const preds = masks.preds;
  const predStart = masks.predStart;
  const trans = masks.trans;
  const out = new Int32Array(length);
  if (length === 0) return out;
  const score = new Float64Array(length * n);
  const back = new Int32Array(length * n);
  for (let i = 0; i < length; i++) {
    const at = i * n;
    if (i === 0) {
      for (let t = 0; t < n; t++) {
        score[t] = trans[n * n + t] ? emitAll[t]! + transitions[n * n + t]! : -1e300;
        back[t] = -1;
      }
      continue;
    }
    const prev = at - n;
    for (let t = 0; t < n; t++) {
      let best = -1e300;
      let arg = 0;
      for (let p = predStart[t]!, e = predStart[t + 1]!; p < e; p++) {
        const a = preds[p]!;
        const s = score[prev + a]! + transitions[a * n + t]!;
        if (s > best) {
          best = s;
          arg = a;
        }
      }
      score[at + t] = best + emitAll[at + t]!;
      back[at + t] = arg;
    }
  }
  const last = (length - 1) * n;
  let best = -Infinity;
  let arg = 0;
  for (let t = 0; t < n; t++) {
    if (masks.end[t] && score[last + t]! > best) {
      best = score[last + t]!;
      arg = t;
    }
  }
  for (let i = length - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * n + arg]!;
  }
  return out;
}

/** Spans [start, end) in token indices with their type, from a BIOES tag sequence. */
export function spansOfTags(tags: readonly string[], sequence: ArrayLike<number>): Array<{ start: number; end: number; type: string }> {
  const out: Array<{ start: number; end: number; type: string }> = [];
  let open = -1;
  for (let i = 0; i < sequence.length; i++) {
    const tag = tags[sequence[i]!]!;
    const p = tag[0];
    if (p === 'S') out.push({ start: i, end: i + 1, type: tag.slice(2) });
    else if (p === 'B') open = i;
    else if (p === 'E' && open >= 0) {
      out.push({ start: open, end: i + 1, type: tag.slice(2) });
      open = -1;
    } else if (p === 'O') open = -1;
  }
  return out;
}
