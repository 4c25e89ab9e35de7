/**
 * The tagger's models and gazetteers, read from resources/ once per process on first use (a
 * process that never extracts entities never pays for them).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { readResource, resourcePath } from '../../resources.js';
import { buildEnGazetteer, type EnGazetteer } from './en-features.js';
import { masksOf, type LinearChain, type Masks } from './linear-chain.js';
import { decodeModel } from './model-file.js';
import { parseZhGazetteer, type GAZ_TYPES, type ZhGazetteer } from './zh-gazetteer.js';

export interface Tagger<G> {
  model: LinearChain;
  masks: Masks;
  gazetteer: G;
}

/** CC-CEDICT's typed names (resources/entities/zh-names.tsv), one of the sources of the Chinese gazetteer. */
export function cedictNameRows(): Array<[string, keyof typeof GAZ_TYPES]> {
  const rows: Array<[string, keyof typeof GAZ_TYPES]> = [];
  for (const [name, type] of readResource('entities/zh-names.tsv')) if (name && (type === 'PER' || type === 'LOC' || type === 'ORG')) rows.push([name, type]);
  return rows;
}

/** The Chinese gazetteer as scripts/train-ner.ts wrote it (CC-CEDICT names, regions, THUOCL places and people, surnames). */
export function loadZhGazetteer(): ZhGazetteer {
  return parseZhGazetteer(zlib.gunzipSync(fs.readFileSync(resourcePath('ner/zh-gazetteer.tsv.gz'))).toString('utf8'));
}

export function loadEnGazetteer(): EnGazetteer {
  return buildEnGazetteer(readResource('entities/en-gazetteer.tsv').map(([name, types]) => [name ?? '', (types ?? '').split(',')]));
}

let zh: Tagger<ZhGazetteer> | null = null;
let en: Tagger<EnGazetteer> | null = null;

function loadModel(name: string): { model: LinearChain; masks: Masks } {
  const model = decodeModel(fs.readFileSync(resourcePath(path.join('ner', name))));
  return { model, masks: masksOf(model.tags) };
}

export function chineseTagger(): Tagger<ZhGazetteer> {
  zh ??= { ...loadModel('zh.model.gz'), gazetteer: loadZhGazetteer() };
  return zh;
}

export function englishTagger(): Tagger<EnGazetteer> {
  en ??= { ...loadModel('en.model.gz'), gazetteer: loadEnGazetteer() };
  return en;
}
