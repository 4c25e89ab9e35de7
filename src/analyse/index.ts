/**
 * The analysis chain shared by indexing and querying: whatever turns text into tokens must be
 * the same on both sides, so index/ and search/ import it from here (see
 * docs/decisions/0002-analysis-is-shared.md).
 */
export { analyserWithNames, defaultAnalyser, streamOf, TextAnalyser, WORD_BOUNDARY, type AnalysedText, type Token } from './analyse-text.js';
export { bundledNames, NamesDictionary, type NameEntry } from './dictionary/names-dictionary.js';
export { foldText } from './normalise/normalise.js';
export { BoilerplateCounter, boilerplateFingerprint, boilerplateMatches, boilerplateRanges, boilerplateThreshold, lineHash, lineKey, linesOf, MIN_COLLECTION, type BoilerplateBlock, type CountedLine } from './boilerplate/boilerplate-lines.js';
export { languageOf, scriptOf } from './script/script.js';
export { pinyinSyllables } from './pinyin/pinyin.js';
export { syllabify } from './pinyin/syllables.js';
export { entityKey, foldLatinName, isNamedType, pinyinKeyOfHan, pinyinKeyOfLatin, type EntityKey } from './resolve/entity-key.js';
export { segmentWords, type Word } from './segment/words.js';
export { findPatterns } from './patterns/find-patterns.js';
export { findEntities } from './entities/find-entities.js';
export { findMentions } from './find-mentions.js';
export { estimateJaccard, LSH_BANDS, SIGNATURE_HASHES, signatureBuckets, signatureCharacters, signatureSimilarity, similaritySignature, type SimilaritySignature } from './dedupe/similarity-signature.js';
