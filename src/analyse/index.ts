/**
 * The analysis chain shared by indexing and querying: whatever turns text into tokens must be
 * the same on both sides, so index/ and search/ import it from here (see
 * docs/decisions/0002-analysis-is-shared.md).
 */
export { foldText, tokenize, tokenStream } from './tokens.js';
