/**
 * node --import tsx scripts/ner-ablation.ts VARIANT… — compares Chinese feature template sets
 * (zh-features.ts) on a subset, for choosing them without looking at the held-out slice: trains on
 * the first NER_SUBSET (default 20,000) sentences of MSRA train and scores on the tuning slice, the
 * 4,500 sentences just before the held-out slice (train-ner.ts never reports on them, and the final
 * model is trained on them too). Features are computed once with every template and cut per variant.
 * VARIANT: a name from VARIANTS below, optionally ":bits" for the hash size (default 21).
 */
import path from 'node:path';
import { ZH_TEMPLATE_COUNT, zhFeatures } from '../src/analyse/entities/tagger/zh-features.js';
import { defaultAnalyser } from '../src/analyse/analyse-text.js';
import { bucket } from '../src/analyse/entities/tagger/hash.js';
import { readMsra, readPfr, trainingZhGazetteer } from './ner-training-data.js';
import { ZH_TEMPLATES } from './zh-templates.js';
import { tagsOf, train, type Example } from './ner-perceptron.js';
import { MSRA_HELD_OUT, TUNING_SENTENCES } from './ner-slices.js';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
export const VARIANTS: Record<string, number[]> = {
  current: range(0, 24),
  nojieba: range(0, 19),
  nojiebaPlus: [...range(0, 19), 25, 26, 27, 28],
  plus: [...range(0, 28)],
  words: [...range(0, 24), 29, 30],
  suffixes: [...range(0, 24), 31, 32],
  wordlen: [...range(0, 24), 33],
  triples: [...range(0, 24), 25, 26],
  gazchar: [...range(0, 24), 27],
  all: range(0, ZH_TEMPLATE_COUNT - 1),
  new5: [...ZH_TEMPLATES],
};

const corpus = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'ner-train');
const all = readMsra(path.join(corpus, 'msra', 'msra_train_bio.tsv.gz'));
const cut = Math.round(all.length * (1 - MSRA_HELD_OUT));
const tuneFrom = cut - TUNING_SENTENCES;
const subset = Number(process.env.NER_SUBSET ?? 20000);
const epochs = Number(process.env.NER_EPOCHS ?? 3);
// NER_GAZ=more adds CLUENER's and the PFR substitute's names to the gazetteer.
const gaz = trainingZhGazetteer(corpus, process.env.NER_GAZ === 'more').gazetteer;
const segmenter = defaultAnalyser().segmenter;
const types = ['PER', 'LOC', 'ORG'];
const tags = tagsOf(types);
const index = new Map(tags.map((t, i) => [t, i]));
// Unbucketed hashes: bucket() is applied per variant, so the hash size can vary too.
const FULL = range(0, ZH_TEMPLATE_COUNT - 1);
const raw = (s: (typeof all)[number]) => ({ features: zhFeatures(s.tokens.join(''), gaz, -1 >>> 0, FULL, (f) => segmenter.tagWords(f)), gold: Int32Array.from(s.tags, (t) => index.get(t) ?? 0) });
const started = Date.now();
// NER_EXTRA=pfr adds the People's Daily 1998 substitute to the training sentences.
const extra = (process.env.NER_EXTRA ?? '').split(',').includes('pfr') ? readPfr(path.join(corpus, 'peoples-daily-1998-pfr', 'train.fixed.bmes.gz')) : [];
const trainRaw = [...all.slice(0, subset), ...extra].map(raw);
const tuneRaw = all.slice(tuneFrom, cut).map(raw);
console.log(`features of ${trainRaw.length} + ${tuneRaw.length} sentences in ${((Date.now() - started) / 1000).toFixed(1)} s`);
// Distinct features per template in the training subset: how crowded a hash table of 2^bits is.
{
  const seen = Array.from({ length: ZH_TEMPLATE_COUNT }, () => new Set<number>());
  for (const { features, gold } of trainRaw) for (let i = 0; i < gold.length; i++) for (let k = 0; k < ZH_TEMPLATE_COUNT; k++) seen[k]!.add(features[i * ZH_TEMPLATE_COUNT + k]!);
  console.log(`distinct features per template: ${seen.map((s, k) => `${k}:${s.size}`).join(' ')}; total ${seen.reduce((n, s) => n + s.size, 0)}`);
}

function select(examples: Array<{ features: Int32Array; gold: Int32Array }>, templates: number[], bits: number): Example[] {
  const mask = (1 << bits) - 1;
  const W = ZH_TEMPLATE_COUNT;
  return examples.map(({ features, gold }) => {
    const n = gold.length;
    const out = new Int32Array(n * templates.length);
    for (let i = 0; i < n; i++) for (let k = 0; k < templates.length; k++) out[i * templates.length + k] = bucket(features[i * W + templates[k]!]!, mask);
    return { features: out, gold };
  });
}

for (const arg of process.argv.slice(2)) {
  const [name, bitsText] = arg.split(':');
  const templates = VARIANTS[name!];
  if (!templates) throw new Error(`unknown variant ${name}`);
  const bits = Number(bitsText ?? 21);
  train(`${arg}`, types, bits, templates.length, select(trainRaw, templates, bits), epochs, select(tuneRaw, templates, bits), 'tuning', Number(process.env.NER_DROPOUT ?? 0));
}
