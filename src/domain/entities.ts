/** Names and patterns found in a text: what entity extraction produces and the workbench shows. */

/** Named entities: people, places and organisations. */
export const ENTITY_TYPES = ['PERSON', 'LOCATION', 'ORGANIZATION'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Things found by their shape rather than by name. */
export const PATTERN_TYPES = ['ID_NUMBER', 'PHONE', 'EMAIL', 'URL', 'DATE', 'DOC_NUMBER', 'CLASSIFICATION'] as const;
export type PatternType = (typeof PATTERN_TYPES)[number];

export type MentionType = EntityType | PatternType;

/**
 * One occurrence in a text. `start`/`end` are UTF-16 offsets into the analysed string (JavaScript
 * string indices); the command line converts them to code points for its users.
 */
export interface Mention {
  text: string;
  type: MentionType;
  start: number;
  end: number;
  /** What the text means, when it can be decoded: an ISO date, a resident ID's birth date and region, a phone in E.164 … */
  value?: Record<string, string | number | boolean>;
  /** 0..1, how sure the extractor is. */
  confidence?: number;
}
