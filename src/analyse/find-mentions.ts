import type { Mention } from '../domain/entities.js';
import type { TextAnalyser } from './analyse-text.js';
import { findEntities } from './entities/find-entities.js';
import { findPatterns } from './patterns/find-patterns.js';

/** Patterns whose text is never part of a name: a name found inside one is a misreading. */
const OPAQUE = new Set(['ID_NUMBER', 'PHONE', 'EMAIL', 'URL', 'DOC_NUMBER']);

/**
 * Everything found in a text, in order: people, places and organisations, and patterns. A name
 * that overlaps a document number, an address or a number (新党 inside 新党办发〔2017〕12号, a
 * capitalised word inside a URL) is dropped: the pattern is the better reading.
 */
export function findMentions(text: string, analyser?: TextAnalyser): Mention[] {
  const patterns = findPatterns(text);
  const opaque = patterns.filter((p) => OPAQUE.has(p.type));
  const names = findEntities(text, analyser).filter((n) => !opaque.some((p) => p.start < n.end && n.start < p.end));
  return [...names, ...patterns].sort((a, b) => a.start - b.start || b.end - a.end);
}
