/**
 * Sentence alignment after Gale & Church (1993): dynamic programming over links of 1-1, 1-0,
 * 0-1, 2-1, 1-2 and 2-2 sentences, each costed by how far the translation's length strays from
 * the original's length times the language pair's ratio (a normal model of the difference),
 * plus the link type's prior. Anchors lower the cost of a link by what its two sides share:
 * numbers, Latin words, and CC-CEDICT words whose gloss the translation uses; a number on one
 * side only raises it. The search keeps to a band around the diagonal, so a 400-page document
 * costs memory in proportion to its length, not its square.
 */
import { sourceFeatures, targetFeatures, type SourceFeatures, type TargetFeatures } from './anchors.js';

export interface AlignmentLink {
  /** Indexes of the original's sentences (0, 1 or 2). */
  source: number[];
  /** Indexes of the translation's sentences (0, 1 or 2). */
  target: number[];
}

export interface AlignOptions {
  /** Translation characters per original character (spaces left out); zh → en about 3. */
  ratio?: number;
  /** Variance of that difference per original character. */
  variance?: number;
  /** Use anchors (numbers, names, dictionary words); false gives plain length-based Gale–Church. */
  anchors?: boolean;
}

/** Measured on the TED talks of parallel-zh-en-ted (see bench/eval-align.ts): en chars per zh char and its variance. */
export const ZH_EN = { ratio: 2.57, variance: 7.8 };

const LINKS: Array<[number, number, number]> = [
  // [sources, targets, prior probability]
  [1, 1, 0.89],
  [1, 0, 0.005],
  [0, 1, 0.005],
  [2, 1, 0.045],
  [1, 2, 0.045],
  [2, 2, 0.011],
];
const PRIOR_COST = LINKS.map(([, , p]) => -Math.log(p));
/** Reward per matched dictionary word and per shared number; penalty per number on one side only. */
const WORD_REWARD = 3;
const NUMBER_REWARD = 2;
const NUMBER_PENALTY = 1.5;

/** Two-sided tail probability of a standard normal beyond |z| (Abramowitz–Stegun 26.2.17). */
function tail(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989423 * Math.exp((-z * z) / 2);
  const p = d * t * (0.3193815 + t * (-0.3565638 + t * (1.781478 + t * (-1.821256 + t * 1.330274))));
  return 2 * p;
}

function lengthCost(ls: number, lt: number, ratio: number, variance: number): number {
  if (ls === 0 && lt === 0) return 0;
  const mean = (ls + lt / ratio) / 2;
  const delta = (lt - ls * ratio) / Math.sqrt(Math.max(mean, 1) * variance);
  return -Math.log(Math.max(tail(delta), 1e-12));
}

/**
 * Anchors as a share, not a count: the part of the original's dictionary words whose gloss the
 * translation uses. A count would favour big links (two sentences always share more than one);
 * a share does not, so the link-type priors still decide between 2-2 and two 1-1.
 */
function anchorCost(sources: SourceFeatures[], targets: TargetFeatures[]): number {
  if (sources.length === 0 || targets.length === 0) return 0;
  let matched = 0;
  let total = 0;
  for (const s of sources) {
    for (const word of s.words) {
      total += word.weight;
      if (targets.some((t) => [...word.stems].some((x) => t.stems.has(x)))) matched += word.weight;
    }
  }
  const sNums = sources.flatMap((s) => s.numbers);
  const tNums = new Set(targets.flatMap((t) => t.numbers));
  const sSet = new Set(sNums);
  // Rewards only: a link that shares nothing costs what its length says, no more, so that
  // dropping a sentence (1-0, 0-1) never becomes the cheaper way round a poor dictionary.
  let cost = total > 0 ? -WORD_REWARD * (matched / total) : 0;
  const shared = [...sSet].filter((n) => tNums.has(n)).length;
  cost -= NUMBER_REWARD * shared;
  // Numbers on both sides that disagree (Chinese writes many in words, so one side alone says little).
  if (sSet.size && tNums.size && shared === 0) cost += NUMBER_PENALTY;
  return cost;
}

/** Align the original's sentences with the translation's; links cover both, in order. */
export function alignSentences(source: string[], target: string[], options: AlignOptions = {}): AlignmentLink[] {
  const ratio = options.ratio ?? ZH_EN.ratio;
  const variance = options.variance ?? ZH_EN.variance;
  const anchors = options.anchors ?? true;
  const sf = source.map((s) => sourceFeatures(s, anchors));
  const tf = target.map((t) => targetFeatures(t));
  const n = source.length;
  const m = target.length;
  // Band: rows follow the diagonal; wide enough for the length difference plus slack.
  const width = Math.max(20, Math.ceil(Math.abs(n - m) + 0.1 * Math.max(n, m)));
  const lo = (i: number) => Math.max(0, Math.floor((i * m) / Math.max(n, 1)) - width);
  const hi = (i: number) => Math.min(m, Math.ceil((i * m) / Math.max(n, 1)) + width);
  const rowStart: number[] = [];
  let size = 0;
  for (let i = 0; i <= n; i++) {
    rowStart.push(size - lo(i));
    size += hi(i) - lo(i) + 1;
  }
  const cost = new Float64Array(size).fill(Infinity);
  const back = new Int8Array(size).fill(-1);
  const at = (i: number, j: number) => (j < lo(i) || j > hi(i) ? -1 : rowStart[i]! + j);
  cost[at(0, 0)] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = lo(i); j <= hi(i); j++) {
      if (i === 0 && j === 0) continue;
      let best = Infinity;
      let bestK = -1;
      for (let k = 0; k < LINKS.length; k++) {
        const [ds, dt] = LINKS[k]!;
        if (i < ds || j < dt) continue;
        const prev = at(i - ds, j - dt);
        if (prev < 0 || cost[prev] === Infinity) continue;
        const ss = sf.slice(i - ds, i);
        const ts = tf.slice(j - dt, j);
        const ls = ss.reduce((a, s) => a + s.length, 0);
        const lt = ts.reduce((a, t) => a + t.length, 0);
        const c = cost[prev]! + PRIOR_COST[k]! + lengthCost(ls, lt, ratio, variance) + (anchors ? anchorCost(ss, ts) : 0);
        if (c < best) {
          best = c;
          bestK = k;
        }
      }
      const here = at(i, j);
      cost[here] = best;
      back[here] = bestK;
    }
  }
  const links: AlignmentLink[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const k = back[at(i, j)]!;
    if (k < 0) throw new Error(`alignment found no path at ${i}, ${j}`);
    const [ds, dt] = LINKS[k]!;
    links.push({ source: range(i - ds, i), target: range(j - dt, j) });
    i -= ds;
    j -= dt;
  }
  return links.reverse();
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
