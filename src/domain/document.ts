/** A document's lifecycle: registered and waiting, or finished one way or the other. */
export type DocumentStatus = 'pending' | 'ok' | 'failed';

/**
 * Stable reason codes for a failed document. Code branches on these, never on messages;
 * the human message explains the particular case.
 */
export const FAILURE_REASONS = [
  'encrypted', // needs a password we do not have
  'corrupt', // the bytes do not parse as the type they claim
  'unsupported', // a type Dossier does not read (yet)
  'too_large', // over a configured size limit
  'timeout', // the parser ran past the per-file time limit
  'out_of_memory', // the parser ran past the per-file memory limit
  'crashed', // the parser process died for another reason
  'archive_bomb', // an archive member whose expansion ratio or size signals a bomb
  'too_deep', // containers nested deeper than the limit
  'unsafe_member', // an archive member that is a symlink or device, not content
  'empty', // zero bytes
  'unreadable', // the file could not be read from the source (permissions, I/O error)
] as const;

export type FailureReason = (typeof FAILURE_REASONS)[number];

/** The outcome of extracting one document, as the pipeline records it. */
export type Outcome =
  | { status: 'ok' }
  | { status: 'failed'; reason: FailureReason; message: string };

/** One page of text: PDF pages are pages; other formats have a single page 1. */
export interface Page {
  page: number;
  text: string;
}

/** Metadata values are kept as found: strings, numbers, string lists or dates as ISO strings. */
export type MetadataValue = string | number | boolean | string[];
export type Metadata = Record<string, MetadataValue>;

/** A document as stored: one per distinct content per collection. */
export interface DocumentRecord {
  id: number;
  collection: string;
  sha256: string | null;
  size: number;
  mime: string | null;
  status: DocumentStatus;
  reason: FailureReason | null;
  message: string | null;
  title: string | null;
  parent: number | null;
  path: string;
  needsOcr: boolean;
  metadata: Metadata;
}

/** Separator between a container's path and a member's name: `outer.zip!/inner/file.pdf`. */
export const MEMBER_SEPARATOR = '!/';

/** The path of a member inside a container, as shown to users. */
export function memberPath(containerPath: string, memberName: string): string {
  return `${containerPath}${MEMBER_SEPARATOR}${memberName}`;
}
