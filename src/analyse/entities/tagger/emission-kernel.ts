/**
 * Emission scores of a sequence: for each token, the sum of the weight rows of its features, one
 * value per tag. This is where the tagger spends its time, so the loop is generated once per tag
 * count with one local accumulator per tag: V8 keeps them in registers, where the generic loop
 * (emit[t] += row[t] over t) reads and writes memory for every add. Measured on the MSRA held-out
 * slice's features: 310k → 735k characters per CPU-second for the emission sums alone.
 */

/** rows[i * width + k]: the start of the weight row of token i's k-th feature, or −1 when absent. */
export type EmissionKernel = (weights: Int16Array | Float32Array, rows: Int32Array, width: number, length: number, emit: Float64Array) => void;

/** Kernels by tag count, for Int16 and Float32 weights (an array, not a string-keyed map: the tagger asks once per sentence). */
const kernels: Array<{ Int16Array?: EmissionKernel; Float32Array?: EmissionKernel }> = [];

/**
 * The kernel for `tags` tags over weights of one array type (a kernel sees one type only, so it
 * stays monomorphic: training sums Float32 weights, a shipped model Int16).
 */
export function emissionKernel(tags: number, kind: 'Int16Array' | 'Float32Array'): EmissionKernel {
  const ofCount = (kernels[tags] ??= {});
  let kernel = ofCount[kind];
  if (!kernel) {
    const locals = Array.from({ length: tags }, (_, t) => `e${t} = 0`).join(', ');
    // 16-bit weights add up in 32-bit integers (|sum| < 30 × 2^15), cheaper than doubles; Float32 ones as doubles.
    const adds = Array.from({ length: tags }, (_, t) => (kind === 'Int16Array' ? `e${t} = (e${t} + w[x + ${t}]) | 0;` : `e${t} += w[x + ${t}];`)).join(' ');
    const stores = Array.from({ length: tags }, (_, t) => `emit[o + ${t}] = e${t};`).join(' ');
    // The source is built from integers only (the tag count), never from data.
    kernel = new Function(
      'w',
      'rows',
      'width',
      'length',
      'emit',
      `"use strict"; /* ${kind} */
      for (let i = 0; i < length; i++) {
        let ${locals};
        for (let k = i * width, end = k + width; k < end; k++) {
          const x = rows[k];
          if (x < 0) continue;
          ${adds}
        }
        const o = i * ${tags};
        ${stores}
      }`,
    ) as EmissionKernel;
    ofCount[kind] = kernel;
  }
  return kernel;
}
