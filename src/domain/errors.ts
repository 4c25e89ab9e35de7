/**
 * The one error type for failures a caller must handle (bad command-line input, a missing
 * workspace, a malformed query). `code` is stable; `message` is for people. Expected
 * per-document failures are data (see Outcome), not errors. Where a code maps to an HTTP
 * status is decided only in http/.
 */
export type ErrorCode =
  | 'invalid_argument'
  | 'not_found'
  | 'invalid_query'
  | 'io_error'
  | 'conflict'
  // A command's permission check refused the actor (HTTP 403).
  | 'forbidden'
  // The public site (publish/story, publish/site).
  | 'quote_mismatch'
  | 'redaction_leak'
  | 'rate_limited';

export class DossierError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DossierError';
    this.code = code;
  }
}

export function isDossierError(error: unknown): error is DossierError {
  return error instanceof DossierError;
}
