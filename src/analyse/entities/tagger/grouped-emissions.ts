/**
 * The summed weight rows of the grouped templates (zh-features.ts, GROUPS), memoised by group
 * key: sixteen of the Chinese model's thirty rows a character, whose inputs take few values over
 * a text, are added as four rows looked up in tables. The emission sums are where the tagger
 * spends its time; the scores are the same as row by row (a 16-bit model's sums are whole
 * numbers, exact in any order).
 */
import { bucket } from './hash.js';
import { rowOf, type LinearChain } from './linear-chain.js';
import { GROUPED_TEMPLATES, GROUPS, groupedHashes } from './zh-features.js';

/** Keys kept per group before its table is emptied and refilled (a text with more distinct keys is unusual). */
export const CAPACITY = [4096, 16384, 32768, 32768];

const hashes = new Int32Array(Math.max(...GROUPS.map((g) => g.length)));

/** into[at … at + tags) = the sum of the weight rows of group `group`'s templates for `key` (what the memo stores). */
function groupSums(model: LinearChain, group: number, key: number, into: Int32Array, at: number): void {
  const n = model.tags.length;
  const weights = model.weights;
  into.fill(0, at, at + n);
  groupedHashes(group, key, hashes);
  for (let k = 0; k < GROUPS[group]!.length; k++) {
    const row = rowOf(model, bucket(hashes[k]!, model.buckets - 1));
    if (row < 0) continue;
    for (let t = 0; t < n; t++) into[at + t] = into[at + t]! + weights[row + t]!;
  }
}

/** Where a memo keeps its table and sums, when not in arrays of its own (wasm-emissions.ts: views of its memory). */
export interface MemoStore {
  /** 4 × CAPACITY[group] int32s: [key, index] pairs of twice the capacity's slots. */
  table: Int32Array;
  /** CAPACITY[group] × stride int32s. */
  sums: Int32Array;
  /** int32s from one key's sums to the next (at least the tag count). */
  stride: number;
}

/**
 * One group's memo: an open-addressed table of keys, each with the index of its rows' sums in
 * `sums`, which are stored in the order the keys were first seen — so the sums of a text's keys
 * lie together (a few hundred kB a group) rather than across a table twice the capacity (up to
 * 3.4 MB), and the key and its index share a cache line. The WebAssembly kernel probes the same
 * table in its own code (wasm-emissions.ts) and calls slotOf only for a key it did not find.
 */
export class Memo {
  /** [key, index] pairs; key −1 is an empty slot (keys are never negative). */
  readonly table: Int32Array;
  readonly sums: Int32Array;
  readonly stride: number;
  count = 0;
  private readonly capacity: number;

  constructor(
    private readonly model: LinearChain,
    private readonly group: number,
    store?: MemoStore,
  ) {
    this.capacity = CAPACITY[group]!;
    this.table = (store?.table ?? new Int32Array(this.capacity * 4)).fill(-1);
    this.stride = store?.stride ?? model.tags.length;
    this.sums = store?.sums ?? new Int32Array(this.capacity * this.stride);
  }

  /** The start of the key's sums in `sums`. */
  slotOf(key: number): number {
    const table = this.table;
    const mask = (table.length >>> 1) - 1;
    for (let slot = (Math.imul(key, 0x9e3779b1) >>> 16) & mask; ; slot = (slot + 1) & mask) {
      const k = table[2 * slot]!;
      if (k === key) return table[2 * slot + 1]! * this.stride;
      if (k === -1) return this.fill(slot, key);
    }
  }

  /** Sums the rows of a key not seen yet into the next free sums, recorded at its slot. */
  private fill(slot: number, key: number): number {
    if (this.count >= this.capacity) {
      this.table.fill(-1);
      this.count = 0;
      return this.slotOf(key);
    }
    const index = this.count++;
    this.table[2 * slot] = key;
    this.table[2 * slot + 1] = index;
    const at = index * this.stride;
    groupSums(this.model, this.group, key, this.sums, at);
    return at;
  }
}

export class GroupedEmissions {
  /** Made on the first add: where WebAssembly adds the sums from its own memos (wasm-emissions.ts), these ~6 MB are never needed. */
  private memos: [Memo, Memo, Memo, Memo] | null = null;

  constructor(private readonly model: LinearChain) {}

  /**
   * Whether a model can be scored so: it has every grouped template, and 16-bit weights (whose
   * sums are exact in the memo's 32-bit integers).
   */
  static fits(model: LinearChain): boolean {
    return model.weights instanceof Int16Array && GROUPED_TEMPLATES.every((t) => model.templates?.includes(t));
  }

  /** Adds each character's group sums to its emission scores: keys[4i + group] are its keys (zhFeatures). */
  add(emit: Float64Array, keys: Int32Array, length: number): void {
    const n = this.model.tags.length;
    const model = this.model;
    const [first, second, third, fourth] = (this.memos ??= [new Memo(model, 0), new Memo(model, 1), new Memo(model, 2), new Memo(model, 3)]);
    for (let i = 0; i < length; i++) {
      const a = first.slotOf(keys[4 * i]!);
      const b = second.slotOf(keys[4 * i + 1]!);
      const c = third.slotOf(keys[4 * i + 2]!);
      const d = fourth.slotOf(keys[4 * i + 3]!);
      const sa = first.sums;
      const sb = second.sums;
      const sc = third.sums;
      const sd = fourth.sums;
      const o = i * n;
      for (let t = 0; t < n; t++) emit[o + t] = emit[o + t]! + sa[a + t]! + sb[b + t]! + sc[c + t]! + sd[d + t]!;
    }
  }
}
