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
import { tagsOf, type LinearChain } from '../src/analyse/entities/tagger/linear-chain.js';
import { encodeModel } from '../src/analyse/entities/tagger/model-file.js';
import { loadEnGazetteer } from '../src/analyse/entities/tagger/ner-resources.js';
import { zhFeatures } from '../src/analyse/entities/tagger/zh-features.js';
import { serializeZhGazetteer } from '../src/analyse/entities/tagger/zh-gazetteer.js';
import { defaultAnalyser } from '../src/analyse/analyse-text.js';
import { resourcePath } from '../src/analyse/resources.js';
import { readConllTrain, readMsra, trainingZhGazetteer, type Sentence } from './ner-training-data.js';
import { examplesOf, train } from './ner-perceptron.js';
import { CONLL_HELD_OUT, MSRA_HELD_OUT, TUNING_SENTENCES } from './ner-slices.js';
import { ZH_TEMPLATES } from './zh-templates.js';

const corpus = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'ner-train');
const out = process.env.NER_OUT ?? resourcePath('ner');

function save(name: string, model: LinearChain & { weights: Float32Array }, prune: number): void {
  const { bytes, kept } = encodeModel(model, prune);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, `${name}.model.gz`), bytes);
  console.log(`${name}: ${kept} non-zero weights of ${model.weights.length}, ${(bytes.length / 1e6).toFixed(1)} MB`);
}

/**
 * Feature dropout of the Chinese model (ner-perceptron.ts), chosen on the tuning slice and on the
 * train splits of Weibo and Resume (never trained on, never reported), three seeds each (MODEL.md):
 * tuning F1 mean 0.8889 without dropout, 0.8908 with 0.1 (10 epochs), 0.8924 with 0.25 (15 epochs);
 * Weibo train 0.486 / 0.477 / 0.436, Resume train 0.623 / 0.625 / 0.611 (scripts/ner-seeds.ts). 0.25's
 * in-domain edge over 0.1 is smaller than one seed's spread (0.37 points); its loss out of domain is not.
 */
const ZH_DROPOUT = Number(process.env.NER_DROPOUT ?? 0.1);
const ZH_EPOCHS = 10;

const which = process.argv[2] ?? 'all';
const epochs = Number(process.env.NER_EPOCHS ?? 0);

if (which === 'zh' || which === 'all') {
  // CLUENER's and the PFR substitute's names are gazetteer entries only (not training sentences:
  // their conventions differ from MSRA's; as sentences PFR lowered tuning F1 0.8596 → 0.8456, as
  // names they raised it 0.8554 → 0.8599, scripts/ner-ablation.ts, 3 epochs on 20,000 sentences).
  const { gazetteer: gaz, corpusNames } = trainingZhGazetteer(corpus);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'zh-gazetteer.tsv.gz'), zlib.gzipSync(serializeZhGazetteer(gaz), { level: 9 }));
  const all = readMsra(path.join(corpus, 'msra', 'msra_train_bio.tsv.gz'));
  const cut = Math.round(all.length * (1 - MSRA_HELD_OUT));
  const types = ['PER', 'LOC', 'ORG'];
  const bits = 21;
  const segmenter = defaultAnalyser().segmenter;
  const featuresOf = (s: Sentence) => {
    const text = s.tokens.join('');
    return zhFeatures(text, gaz, (1 << bits) - 1, ZH_TEMPLATES, (folded) => segmenter.tagWords(folded));
  };
  const tags = tagsOf(types);
  // Experiments only: NER_SLICE=tuning trains on the sentences before the tuning slice and reports
  // on it, so post-passes can be chosen with a model that never saw it; NER_SLICE=fold:K/N
  // (cross-validation) cuts the training part (never the held-out slice) into N contiguous folds,
  // trains on all but fold K and reports on fold K.
  const slice = process.env.NER_SLICE ?? '';
  const fold = /^fold:(\d+)\/(\d+)$/.exec(slice);
  let training = all.slice(0, cut);
  let report = all.slice(cut);
  let reportName = 'held-out';
  if (slice === 'tuning') {
    training = all.slice(0, cut - TUNING_SENTENCES);
    report = all.slice(cut - TUNING_SENTENCES, cut);
    reportName = 'tuning';
  } else if (fold) {
    const [k, n] = [Number(fold[1]), Number(fold[2])];
    const from = Math.round(((k - 1) * cut) / n);
    const to = Math.round((k * cut) / n);
    training = [...all.slice(0, from), ...all.slice(to, cut)];
    report = all.slice(from, to);
    reportName = `fold ${k}/${n} (sentences ${from}–${to - 1})`;
  } else if (slice !== '') throw new Error('NER_SLICE: tuning or fold:K/N');
  console.log(`zh: ${training.length} training sentences, ${report.length} reported (${reportName}), ${corpusNames} gazetteer names from the corpus`);
  const model = train('zh', types, bits, ZH_TEMPLATES.length, examplesOf(training, tags, featuresOf), epochs || ZH_EPOCHS, examplesOf(report, tags, featuresOf), reportName, ZH_DROPOUT);
  save('zh', { ...model, templates: ZH_TEMPLATES }, 0.05);
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
