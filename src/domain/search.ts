/**
 * The vocabulary shared by the search stage and the search backends: which fields exist, a
 * backend-neutral match expression, and the filters on document records.
 */

/**
 * Full-text columns: title and body in exact and folded form, stems, pinyin, email parties, and
 * (last, b_boiler) the folded lines the collection repeats everywhere — menus, footers,
 * signatures — kept apart from the body so they rank low (index/boilerplate-lines.ts).
 */
export const SEARCH_COLUMNS = ['t_exact', 't_norm', 'b_exact', 'b_norm', 'b_stem', 'py', 'pys', 'm_from', 'm_to', 'flags', 'b_boiler'] as const;
export type SearchColumn = (typeof SEARCH_COLUMNS)[number];

/**
 * A search row is a page, keyed by its document and page number together: id × 2^20 + page.
 * Counting documents, finding a page and deleting a document then need only the key.
 */
export const PAGE_BITS = 20;
const PAGE_SPAN = 2 ** PAGE_BITS;
export const MAX_INDEXED_PAGE = PAGE_SPAN - 1;
export const searchRowId = (documentId: number, page: number): number => documentId * PAGE_SPAN + page;
export const rowDocument = (rowId: number): number => Math.floor(rowId / PAGE_SPAN);
export const rowPage = (rowId: number): number => rowId % PAGE_SPAN;

/** A search's count as shown: "10,000+" when counting stopped there (more documents match), else the number. */
export const totalText = (total: number, isLowerBound = false): string => (isLowerBound ? `${total.toLocaleString('en')}+` : String(total));

/** Marks a page whose exact text equals its folded text; its b_exact is left empty. */
export const SAME_AS_NORM_FLAG = 'same';

/** What a part of a query matches, for telling the reader why a hit matched. */
export type MatchVia = 'exact' | 'normalised' | 'stem' | 'pinyin' | 'syllables' | 'alias';

export type MatchExpr =
  | { op: 'and' | 'or'; items: MatchExpr[] }
  | { op: 'not'; include: MatchExpr; exclude: MatchExpr }
  | { op: 'phrase'; columns: SearchColumn[]; tokens: string[]; prefix: boolean; via: MatchVia; term: string; label?: string; bonus?: boolean };
// bonus: a phrase that only ranks (two query words side by side in --match any); never shown as a reason or highlight.

/** Conditions on document records rather than on text. */
export interface SearchFilters {
  mimes?: string[];
  notMimes?: string[];
  langs?: string[];
  notLangs?: string[];
  collections?: string[];
  notCollections?: string[];
  /** Normalised tag names: a document must carry every one of `tags` and none of `notTags`. */
  tags?: string[];
  notTags?: string[];
  /** ISO dates (inclusive start, exclusive end). */
  dateFrom?: string;
  dateTo?: string;
  /** Only documents in these collections (access control); undefined means all. */
  allowedCollections?: string[];
}

export type SearchMode = 'exact' | 'normalised' | 'cross-script';
export const SEARCH_MODES: SearchMode[] = ['exact', 'normalised', 'cross-script'];

/** Friendly document types for the type: filter and facet, by media type. */
export const DOCUMENT_TYPES: Record<string, (mime: string) => boolean> = {
  pdf: (m) => m === 'application/pdf',
  email: (m) => m === 'message/rfc822' || m === 'application/vnd.ms-outlook',
  word: (m) => m.includes('wordprocessingml') || m === 'application/msword' || m === 'application/vnd.oasis.opendocument.text' || m === 'application/rtf',
  spreadsheet: (m) => m.includes('spreadsheetml') || m === 'application/vnd.ms-excel' || m === 'application/vnd.oasis.opendocument.spreadsheet' || m === 'text/csv' || m === 'application/vnd.ms-excel.sheet.binary.macroenabled.12' || m === 'application/x-dbf',
  presentation: (m) => m.includes('presentationml') || m === 'application/vnd.ms-powerpoint' || m === 'application/vnd.oasis.opendocument.presentation',
  html: (m) => m === 'text/html' || m === 'application/xhtml+xml',
  text: (m) => m.startsWith('text/') && m !== 'text/html' && m !== 'text/csv',
  image: (m) => m.startsWith('image/'),
  archive: (m) => ['application/zip', 'application/x-tar', 'application/gzip', 'application/mbox', 'application/x-7z-compressed', 'application/x-rar-compressed', 'application/vnd.ms-outlook-pst'].includes(m),
};

/** The friendly type of a media type ('other' when none fits). */
export function documentType(mime: string | null): string {
  if (!mime) return 'other';
  for (const [name, test] of Object.entries(DOCUMENT_TYPES)) if (test(mime)) return name;
  return 'other';
}
