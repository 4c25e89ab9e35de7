/**
 * The Viterbi recursion, generated once per tag set: the BIOES constraint is known when the code
 * is written, so each tag's allowed predecessors are spelled out (61 of the 169 pairs for 13 tags),
 * the previous position's scores and the transitions live in local variables, and nothing is
 * read through a predecessor list or a mask. The source is built from tag indices only, never
 * from data; the transitions are read from the model's array when the kernel runs. Same result
 * as the loops it replaced (decodeByLoops, checked by test/entity-tagger.test.ts): predecessors
 * are tried in index order and a later one wins only when strictly better.
 */
import type { Masks } from './linear-chain.js';

/** Fills back[i * tags + t] (the best predecessor of t at i) and returns the best last tag. */
export type ViterbiKernel = (emit: Float64Array, transitions: Float32Array, length: number, back: Int32Array) => number;

const kernels = new Map<string, ViterbiKernel>();
/** The last tag set's kernel, found without joining its tags (the decoder asks once per sentence). */
let last: { tags: readonly string[]; kernel: ViterbiKernel } | null = null;

export function viterbiKernel(tags: readonly string[], masks: Masks): ViterbiKernel {
  if (last?.tags === tags) return last.kernel;
  const kernel = kernelOf(tags, masks);
  last = { tags, kernel };
  return kernel;
}

function kernelOf(tags: readonly string[], masks: Masks): ViterbiKernel {
  const key = tags.join(' ');
  let kernel = kernels.get(key);
  if (kernel) return kernel;
  const n = tags.length;
  const lines: string[] = ['"use strict";'];
  const used = new Set<string>();
  const tr = (a: number, b: number) => {
    const name = `t${a}_${b}`;
    if (!used.has(name)) {
      used.add(name);
      lines.push(`const ${name} = transitions[${a * n + b}];`);
    }
    return name;
  };
  const predsOf = (t: number) => Array.from(masks.preds.subarray(masks.predStart[t]!, masks.predStart[t + 1]!));
  for (let t = 0; t < n; t++) for (const a of predsOf(t)) tr(a, t);
  for (let t = 0; t < n; t++) if (masks.trans[n * n + t]) tr(n, t);
  // Position 0: from the start.
  for (let t = 0; t < n; t++) lines.push(`let p${t} = ${masks.trans[n * n + t] ? `emit[${t}] + ${tr(n, t)}` : '-1e300'}; back[${t}] = -1;`);
  lines.push('let best = 0, arg = 0, v = 0;');
  lines.push('for (let i = 1, o = ' + n + '; i < length; i++, o += ' + n + ') {');
  for (let t = 0; t < n; t++) {
    const preds = predsOf(t);
    if (preds.length === 0) {
      lines.push(`const q${t} = -1e300; back[o + ${t}] = 0;`);
      continue;
    }
    lines.push(`best = p${preds[0]} + ${tr(preds[0]!, t)}; arg = ${preds[0]};`);
    for (const a of preds.slice(1)) lines.push(`v = p${a} + ${tr(a, t)}; if (v > best) { best = v; arg = ${a}; }`);
    lines.push(`const q${t} = best + emit[o + ${t}]; back[o + ${t}] = arg;`);
  }
  for (let t = 0; t < n; t++) lines.push(`p${t} = q${t};`);
  lines.push('}');
  lines.push('best = -Infinity; arg = 0;');
  for (let t = 0; t < n; t++) if (masks.end[t]) lines.push(`if (p${t} > best) { best = p${t}; arg = ${t}; }`);
  lines.push('return arg;');
  kernel = new Function('emit', 'transitions', 'length', 'back', lines.join('\n')) as ViterbiKernel;
  kernels.set(key, kernel);
  return kernel;
}
