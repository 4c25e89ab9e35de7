/**
 * The summed weight rows of the grouped templates (zh-features.ts, GROUPED_TEMPLATES), memoised by
 * group key: seven of the Chinese model's thirty rows a character, whose inputs take about 1,200
 * values over a news text, are added as one row looked up in a small table. The emission sums are
 * where the tagger spends its time; the scores are the same as row by row (a 16-bit model's sums
 * are whole numbers, exact in any order).
 */
import { bucket } from './hash.js';
import { rowOf, type LinearChain } from './linear-chain.js';
import { GROUPED_TEMPLATES, groupedHashes } from './zh-features.js';

/** Keys kept before the table is emptied and refilled (a text with more distinct keys is unusual). */
const CAPACITY = 8192;

export class GroupedEmissions {
  private readonly tags: number;
  private readonly keys = new Int32Array(CAPACITY * 2).fill(-1);
  private readonly sums: Float64Array;
  private count = 0;
  private readonly hashes = new Int32Array(GROUPED_TEMPLATES.length);

  constructor(private readonly model: LinearChain) {
    this.tags = model.tags.length;
    this.sums = new Float64Array(CAPACITY * 2 * this.tags);
  }

  /** Whether a model has every grouped template (a model trained without them is summed row by row). */
  static fits(templates: readonly number[]): boolean {
    return GROUPED_TEMPLATES.every((t) => templates.includes(t));
  }

  /** Adds each character's group sum to its emission scores: emit[i * tags + t] += sum(keys[i])[t]. */
  add(emit: Float64Array, keys: Int32Array, length: number): void {
    const n = this.tags;
    const sums = this.sums;
    for (let i = 0; i < length; i++) {
      const at = this.slotOf(keys[i]!) * n;
      const o = i * n;
      for (let t = 0; t < n; t++) emit[o + t] = emit[o + t]! + sums[at + t]!;
    }
  }

  private slotOf(key: number): number {
    const mask = CAPACITY * 2 - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> 18 & mask; ; slot = (slot + 1) & mask) {
      const k = this.keys[slot]!;
      if (k === key) return slot;
      if (k === -1) return this.fill(slot, key);
    }
  }

  /** Sums the rows of a key not seen yet into its slot. */
  private fill(slot: number, key: number): number {
    if (this.count >= CAPACITY) {
      this.keys.fill(-1);
      this.count = 0;
      return this.slotOf(key);
    }
    const n = this.tags;
    const model = this.model;
    const weights = model.weights;
    const mask = model.buckets - 1;
    this.keys[slot] = key;
    this.count++;
    const at = slot * n;
    this.sums.fill(0, at, at + n);
    groupedHashes(key, this.hashes);
    for (let k = 0; k < GROUPED_TEMPLATES.length; k++) {
      const row = rowOf(model, bucket(this.hashes[k]!, mask));
      if (row < 0) continue;
      for (let t = 0; t < n; t++) this.sums[at + t] = this.sums[at + t]! + weights[row + t]!;
    }
    return slot;
  }
}
