/**
 * node --import tsx scripts/train-ner.ts [zh|en|all] — trains the entity tagger's models from
 * shared/corpus/ner-train and writes resources/ner/{zh,en}.model.gz (+ zh-gazetteer.tsv.gz).
 * Structured averaged perceptron over hashed features, Viterbi under BIOES in training as at run
 * time; sentences shuffled each epoch by a fixed seed, so a run reproduces the shipped files.
 *  - zh: MSRA train, first 90 % of its sentences (the last 10 % is the held-out news slice that
 *    npm run eval:ner reports)
 *  - en: CoNLL-2003 eng.train, first 90 % of its sentences (the last 10 % is the English held-out
 *    slice npm run eval:ner reports beside CoNLL valid; eng.testa, the valid set, is never read)
 * NER_OUT writes the models elsewhere than resources/ner (for experiments).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { findEnglishEntities } from '../src/analyse/entities/english.js';
import { EN_WIDTH, enFeatures, ruleCodes, type EnToken } from '../src/analyse/entities/tagger/en-features.js';
import { masksOf, spansOfTags, tagsOf, viterbi, type LinearChain } from '../src/analyse/entities/tagger/linear-chain.js';
import { encodeModel } from '../src/analyse/entities/tagger/model-file.js';
import { cedictNameRows, loadEnGazetteer } from '../src/analyse/entities/tagger/ner-resources.js';
import { buildZhGazetteer, serializeZhGazetteer, ZH_WIDTH, zhFeatures } from '../src/analyse/entities/tagger/zh-features.js';
import { defaultAnalyser } from '../src/analyse/analyse-text.js';
import { readResource, resourcePath } from '../src/analyse/resources.js';
import { readConllTrain, readMsra, zhGazetteerFromCorpus, type Sentence } from './ner-training-data.js';

const corpus = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'ner-train');
const SEED = 17;
export const MSRA_HELD_OUT = 0.1;
export const CONLL_HELD_OUT = 0.1;
const out = process.env.NER_OUT ?? resourcePath('ner');

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Example {
  features: Int32Array;
  gold: Int32Array;
}

function train(name: string, types: string[], bits: number, width: number, examples: Example[], epochs: number, held: Example[]): LinearChain & { weights: Float32Array } {
  const tags = tagsOf(types);
  const T = tags.length;
  const buckets = 1 << bits;
  const W = new Float32Array(buckets * T);
  const U = new Float64Array(buckets * T);
  const Wt = new Float32Array((T + 1) * T);
  const Ut = new Float64Array((T + 1) * T);
  const model: LinearChain & { weights: Float32Array } = { types, tags, buckets, width, weights: W, transitions: Wt };
  const masks = masksOf(tags);
  const rand = random(SEED);
  const order = examples.map((_, i) => i);
  let c = 1;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const started = Date.now();
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let wrong = 0;
    for (const idx of order) {
      const { features, gold } = examples[idx]!;
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
    const avg: LinearChain = { ...model, weights: Float32Array.from(W, (w, i) => w - U[i]! / c), transitions: Float32Array.from(Wt, (w, i) => w - Ut[i]! / c) };
    console.log(`${name} epoch ${epoch}: ${wrong} wrong tokens, held-out F1 ${heldOutF1(avg, held).toFixed(4)}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  for (let i = 0; i < W.length; i++) W[i] = W[i]! - U[i]! / c;
  for (let i = 0; i < Wt.length; i++) Wt[i] = Wt[i]! - Ut[i]! / c;
  return model;
}

function heldOutF1(model: LinearChain, held: Example[]): number {
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

function save(name: string, model: LinearChain & { weights: Float32Array }, prune: number): void {
  const { bytes, kept } = encodeModel(model, prune);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, `${name}.model.gz`), bytes);
  console.log(`${name}: ${kept} non-zero weights of ${model.weights.length}, ${(bytes.length / 1e6).toFixed(1)} MB`);
}

function examplesOf(sentences: Sentence[], tags: string[], featuresOf: (s: Sentence) => Int32Array): Example[] {
  const index = new Map(tags.map((t, i) => [t, i]));
  return sentences.map((s) => ({ features: featuresOf(s), gold: Int32Array.from(s.tags, (t) => index.get(t) ?? 0) }));
}

const which = process.argv[2] ?? 'all';
const epochs = Number(process.env.NER_EPOCHS ?? 0);

if (which === 'zh' || which === 'all') {
  const rows = zhGazetteerFromCorpus(path.join(corpus, 'gazetteer-zh'));
  const gaz = buildZhGazetteer([...cedictNameRows(), ...rows], readResource('entities/zh-surnames.tsv').map((r) => r[0] ?? ''));
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'zh-gazetteer.tsv.gz'), zlib.gzipSync(serializeZhGazetteer(gaz), { level: 9 }));
  const all = readMsra(path.join(corpus, 'msra', 'msra_train_bio.tsv.gz'));
  const cut = Math.round(all.length * (1 - MSRA_HELD_OUT));
  const types = ['PER', 'LOC', 'ORG'];
  const bits = 21;
  const segmenter = defaultAnalyser().segmenter;
  const featuresOf = (s: Sentence) => {
    const text = s.tokens.join('');
    return zhFeatures(text, gaz, (1 << bits) - 1, (folded) => segmenter.tag(folded, true));
  };
  const tags = tagsOf(types);
  console.log(`zh: ${cut} training sentences, ${all.length - cut} held out, ${rows.length} gazetteer names from the corpus`);
  const model = train('zh', types, bits, ZH_WIDTH, examplesOf(all.slice(0, cut), tags, featuresOf), epochs || 6, examplesOf(all.slice(cut), tags, featuresOf));
  save('zh', model, 0.05);
}

if (which === 'en' || which === 'all') {
  const gaz = loadEnGazetteer();
  const sentences = readConllTrain(path.join(corpus, 'conll2003', 'eng.train.gz'));
  const types = ['PER', 'LOC', 'ORG', 'MISC'];
  const bits = 20;
  // The rules read the sentence as the tagger will see it: tokens joined by spaces.
  const featuresOf = (s: Sentence) => {
    const tokens: EnToken[] = [];
    let at = 0;
    for (const t of s.tokens) {
      tokens.push({ text: t, start: at, end: at + t.length });
      at += t.length + 1;
    }
    return enFeatures(s.tokens, gaz, (1 << bits) - 1, ruleCodes(tokens, findEnglishEntities(s.tokens.join(' '), 0)));
  };
  const tags = tagsOf(types);
  // The last 10 % of eng.train is held out (never trained on): its F1 is printed per epoch for
  // information and reported by npm run eval:ner beside CoNLL valid.
  const cut = Math.round(sentences.length * (1 - CONLL_HELD_OUT));
  console.log(`en: ${cut} training sentences, ${sentences.length - cut} held out`);
  const model = train('en', types, bits, EN_WIDTH, examplesOf(sentences.slice(0, cut), tags, featuresOf), epochs || 10, examplesOf(sentences.slice(cut), tags, featuresOf));
  save('en', model, 0.05);
}
