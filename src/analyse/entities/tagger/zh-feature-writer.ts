/**
 * The feature hashes of the templates the tagger does not group (zh-features.ts, GROUPS), written
 * by a loop generated once per template list with the hash arithmetic spelled out. Each feature
 * is a chain of hash.mix steps over a few of the character's inputs, then hash.bucket; written as
 * calls in zhFeatures, V8 inlined only the first few of the ~40 calls a character (its inlining
 * budget is spent) and called the rest — the arithmetic itself is a fifth of the calls' cost.
 * The templates here read their inputs straight from zhFeatures' working arrays; a template list
 * with any other template (or a template added later) gets no writer and zhFeatures writes it
 * itself. Same hashes as zhFeatures' own loop (checked by test/entities-tagger.test.ts).
 */

/**
 * Each template's inputs, in the order they are mixed into the template number (zhFeatures'
 * all[t] = mix(mix(t, first), second) …): expressions over the working arrays at character i
 * (j = i + 2 indexes the padded characters c). Must say what zhFeatures' loop says. Only the
 * templates not grouped: the grouped ones are never written when the tagger groups.
 */
const INPUTS: Record<number, readonly string[]> = {
  1: ['c[j - 2]'],
  2: ['c[j - 1]'],
  4: ['c[j + 1]'],
  5: ['c[j + 2]'],
  6: ['c[j - 2]', 'c[j - 1]'],
  7: ['c[j - 1]', 'c[j]'],
  8: ['c[j]', 'c[j + 1]'],
  9: ['c[j + 1]', 'c[j + 2]'],
  10: ['c[j - 1]', 'c[j + 1]'],
  11: ['c[j - 1]', 'c[j]', 'c[j + 1]'],
  21: ['wordPos[i]', 'wordTag[i]', 'c[j]'],
  24: ['wordPos[i]', 'wordHash[i]'],
  25: ['c[j - 2]', 'c[j - 1]', 'c[j]'],
  26: ['c[j]', 'c[j + 1]', 'c[j + 2]'],
  29: ['wordPos[i]', 'prevWord[i]'],
  30: ['wordPos[i]', 'nextWord[i]'],
};

/** The working arrays a writer reads (zhFeatures' scratch). */
export interface WriterInputs {
  c: Int32Array;
  wordPos: Uint8Array;
  wordTag: Int32Array;
  wordHash: Int32Array;
  prevWord: Int32Array;
  nextWord: Int32Array;
}

/** Writes out[i * templates.length + k] = bucket of template k's hash, for i < n. */
export type FeatureWriter = (inputs: WriterInputs, n: number, out: Int32Array, mask: number) => void;

const writers = new Map<readonly number[], FeatureWriter | null>();

/** The writer for `templates`, or null when one of them is not written here. */
export function featureWriter(templates: readonly number[]): FeatureWriter | null {
  let writer = writers.get(templates);
  if (writer === undefined) {
    writer = templates.every((t) => INPUTS[t] !== undefined) ? generate(templates) : null;
    writers.set(templates, writer);
  }
  return writer;
}

/** hash.mix(h, input) as statements on the locals h and k. */
const mixStep = (input: string) => `k = Math.imul(${input}, 0xcc9e2d51); k = (k << 15) | (k >>> 17); k = Math.imul(k, 0x1b873593); h ^= k; h = (h << 13) | (h >>> 19); h = (Math.imul(h, 5) + 0xe6546b64) | 0;`;
/** hash.bucket(h, mask) as statements. */
const bucketStep = 'h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;';

function generate(templates: readonly number[]): FeatureWriter {
  const width = templates.length;
  const body = templates.map((t, slot) => `h = ${t}; ${INPUTS[t]!.map(mixStep).join(' ')} ${bucketStep} out[o + ${slot}] = (h >>> 0) & mask;`).join('\n      ');
  // The source is built from template numbers and the fixed expressions above, never from data.
  return new Function(
    'inputs',
    'n',
    'out',
    'mask',
    `"use strict";
    const { c, wordPos, wordTag, wordHash, prevWord, nextWord } = inputs;
    let h = 0, k = 0;
    for (let i = 0, j = 2, o = 0; i < n; i++, j++, o += ${width}) {
      ${body}
    }`,
  ) as FeatureWriter;
}
