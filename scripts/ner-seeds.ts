/**
 * node --import tsx scripts/ner-seeds.ts RECIPE… — compares Chinese training recipes over several
 * seeds, for choosing one without looking at the held-out slice. RECIPE is `dropout:epochs` (e.g.
 * `0:10 0.1:10 0.25:15`). Each recipe trains one model a seed (NER_SEEDS, default 17,18,19: the
 * per-epoch shuffle and the dropout draws) on the MSRA sentences before the tuning slice and scores
 * it on the tuning slice and on the train splits of Weibo and Resume — sets never trained on and
 * never reported, so usable for choosing; their dev splits stay the reported out-of-domain figures.
 * Prints each model's F1 and each recipe's mean and spread: one seed's F1 on the tuning slice moves
 * by up to 0.4 points with the seed alone, more than several of the changes MODEL.md weighs.
 */
import path from 'node:path';
import { zhFeatures } from '../src/analyse/entities/tagger/zh-features.js';
import { defaultAnalyser } from '../src/analyse/analyse-text.js';
import { readResume, readWeibo, type NerDoc } from '../bench/ner-corpora.js';
import { readMsra, trainingZhGazetteer, type Sentence } from './ner-training-data.js';
import { examplesOf, heldOutF1, tagsOf, train } from './ner-perceptron.js';
import { MSRA_HELD_OUT, TUNING_SENTENCES } from './ner-slices.js';
import { ZH_TEMPLATES } from './zh-templates.js';

const recipes = process.argv.slice(2).map((arg) => {
  const m = /^([\d.]+):(\d+)$/.exec(arg);
  if (!m) throw new Error(`recipe "${arg}": expected dropout:epochs, e.g. 0.1:10`);
  return { dropout: Number(m[1]), epochs: Number(m[2]) };
});
if (recipes.length === 0) throw new Error('usage: scripts/ner-seeds.ts dropout:epochs …');
const seeds = (process.env.NER_SEEDS ?? '17,18,19').split(',').map(Number);

/** A document with gold spans as one sentence of BIOES tags, one a UTF-16 character as the tagger sees it. */
function sentenceOf(doc: NerDoc): Sentence {
  const tags = new Array<string>(doc.text.length).fill('O');
  for (const { start, end, type } of doc.gold) {
    if (end - start === 1) tags[start] = `S-${type}`;
    else {
      tags[start] = `B-${type}`;
      for (let i = start + 1; i < end - 1; i++) tags[i] = `I-${type}`;
      tags[end - 1] = `E-${type}`;
    }
  }
  return { tokens: doc.text.split(''), tags };
}

const corpus = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'ner-train');
const gaz = trainingZhGazetteer(corpus).gazetteer;
const segmenter = defaultAnalyser().segmenter;
const types = ['PER', 'LOC', 'ORG'];
const tags = tagsOf(types);
const featuresOf = (s: Sentence) => zhFeatures(s.tokens.join(''), gaz, (1 << 21) - 1, ZH_TEMPLATES, (f) => segmenter.tagWords(f));
const all = readMsra(path.join(corpus, 'msra', 'msra_train_bio.tsv.gz'));
const tuneFrom = Math.round(all.length * (1 - MSRA_HELD_OUT)) - TUNING_SENTENCES;
const training = examplesOf(all.slice(0, tuneFrom), tags, featuresOf);
const scored = {
  tuning: examplesOf(all.slice(tuneFrom, tuneFrom + TUNING_SENTENCES), tags, featuresOf),
  'Weibo train': examplesOf(readWeibo(path.join(corpus, 'weibo', 'weiboNER_2nd_conll.train')).map(sentenceOf), tags, featuresOf),
  'Resume train': examplesOf(readResume(path.join(corpus, 'resume', 'train.char.bmes')).map(sentenceOf), tags, featuresOf),
};
console.log(`${training.length} training sentences; scored: ${Object.entries(scored).map(([k, v]) => `${k} ${v.length}`).join(', ')}; seeds ${seeds.join(', ')}`);

const f = (x: number) => x.toFixed(4);
for (const { dropout, epochs } of recipes) {
  const figures: Record<string, number[]> = Object.fromEntries(Object.keys(scored).map((k) => [k, []]));
  for (const seed of seeds) {
    const model = train(`dropout ${dropout}, seed ${seed}`, types, 21, ZH_TEMPLATES.length, training, epochs, [], 'none', dropout, seed);
    const line = Object.entries(scored).map(([name, examples]) => {
      const score = heldOutF1(model, examples);
      figures[name]!.push(score);
      return `${name} ${f(score)}`;
    });
    console.log(`dropout ${dropout}, ${epochs} epochs, seed ${seed}: ${line.join(', ')}`);
  }
  const summary = Object.entries(figures).map(([name, xs]) => `${name} ${f(xs.reduce((a, b) => a + b, 0) / xs.length)} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`);
  console.log(`== dropout ${dropout}, ${epochs} epochs, mean of ${seeds.length} seeds: ${summary.join(', ')}`);
}
