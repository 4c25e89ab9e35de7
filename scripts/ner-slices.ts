/**
 * Where the training sets are cut (scripts/train-ner.ts, ner-ablation.ts, build-zh-clusters.ts;
 * bench/ner-corpora.ts cuts the same): the last 10 % of MSRA train and of CoNLL-2003 eng.train
 * are held out, never trained or tuned on; the 4,500 MSRA sentences just before are the tuning slice.
 */
export const MSRA_HELD_OUT = 0.1;
export const CONLL_HELD_OUT = 0.1;
export const TUNING_SENTENCES = 4500;
