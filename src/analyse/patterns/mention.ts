import type { Mention, PatternType } from '../../domain/entities.js';

/** A pattern mention of text[start, end), with its decoded value and confidence. */
export function mentionOf(
  text: string,
  type: PatternType,
  start: number,
  end: number,
  value: Record<string, string | number | boolean>,
  confidence: number,
): Mention {
  return { text: text.slice(start, end), type, start, end, value, confidence };
}
