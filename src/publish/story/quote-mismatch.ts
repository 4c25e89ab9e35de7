import { DossierError } from '../../domain/errors.js';
import type { QuotationProblem } from './quotations.js';

/** Publishing refused: quotations that do not occur in their published passage. */
export class QuoteMismatchError extends DossierError {
  readonly quotes: QuotationProblem[];

  constructor(quotes: QuotationProblem[]) {
    super('quote_mismatch', `${quotes.length} quotation(s) do not match their published passage: ${quotes.map((q) => `"${q.text}" (doc:${q.documentId}#p${q.page}: ${q.problem.replace('_', ' ')})`).join('; ')}`);
    this.quotes = quotes;
  }
}
