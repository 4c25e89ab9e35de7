/**
 * Redaction (issue 12): marks by text (every folded occurrence, optionally every form of an
 * entity), box and page; derivatives burned with MuPDF and fully rewritten; the check that
 * proves, with poppler, that the marked text is gone. The public site publishes only derivatives
 * whose check passes (checkDerivative again before publication).
 */
export { listMarks, markBox, markPage, markText, unmark } from './mark-commands.js';
export { checkDerivative, latestDerivative, produceDerivative, redactedStrings, type DerivativeResult } from './produce-derivative.js';
export { checkPdf, type SearchedString } from './check-pdf.js';
export { foldForMatch } from './fold-match.js';
export type { RedactBlobs, RedactDeps } from './ports.js';
