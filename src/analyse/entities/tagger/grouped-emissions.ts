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
const CAPACITY = [4096, 16384, 32768, 32768];

/**
 * One group's memo: an open-addressed table of keys, each with the index of its rows' sums in
 * `sums`, which are stored in the order the keys were first seen — so the sums of a text's keys
 * lie together (a few hundred kB a group) rather than across a table twice the capacity (up to
 * 3.4 MB), and the key and its index share a cache line.
 */
class Memo {
  /** [key, index] pairs; key −1 is an empty slot (keys are never negative). */
  readonly table: Int32Array;
  readonly sums: Int32Array;
  count = 0;
  private readonly capacity: number;
  private readonly hashes: Int32Array;

  constructor(
    private readonly model: LinearChain,
    private readonly group: number,
  ) {
    this.capacity = CAPACITY[group]!;
    this.table = new Int32Array(this.capacity * 4).fill(-1);
    this.sums = new Int32Array(this.capacity * model.tags.length);
    this.hashes = new Int32Array(GROUPS[group]!.length);
  }

  /** The start of the key's sums in `sums`. */
  slotOf(key: number): number {
    const table = this.table;
    const mask = (table.length >>> 1) - 1;
    for (let slot = (Math.imul(key, 0x9e3779b1) >>> 16) & mask; ; slot = (slot + 1) & mask) {
      const k = table[2 * slot]!;
      if (k === key) return table[2 * slot + 1]! * this.model.tags.length;
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
    const model = this.model;
    const n = model.tags.length;
    const weights = model.weights;
    const index = this.count++;
    this.table[2 * slot] = key;
    this.table[2 * slot + 1] = index;
    const at = index * n;
    this.sums.fill(0, at, at + n);
    groupedHashes(this.group, key, this.hashes);
    for (let k = 0; k < this.hashes.length; k++) {
      const row = rowOf(model, bucket(this.hashes[k]!, model.buckets - 1));
      if (row < 0) continue;
      for (let t = 0; t < n; t++) this.sums[at + t] = this.sums[at + t]! + weights[row + t]!;
    }
    return at;
  }
}

export class GroupedEmissions {
  private readonly first: Memo;
  private readonly second: Memo;
  private readonly third: Memo;
  private readonly fourth: Memo;

  constructor(private readonly model: LinearChain) {
    this.first = new Memo(model, 0);
    this.second = new Memo(model, 1);
    this.third = new Memo(model, 2);
    this.fourth = new Memo(model, 3);
  }

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
    const first = this.first;
    const second = this.second;
    const third = this.third;
    const fourth = this.fourth;
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
