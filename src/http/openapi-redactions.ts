/** The redaction part of the OpenAPI document (see openapi.ts). */
import type { Operation } from './openapi.js';

type Schema = Record<string, unknown>;
const json = (schema: Schema) => ({ 'application/json': { schema } });
const ok = (description: string, schema: Schema) => ({ description, content: json(schema) });
const error = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });
const id = { name: 'id', in: 'path' as const, required: true, description: 'the document id', schema: { type: 'integer', minimum: 1 } };
const markId = { name: 'mark', in: 'path' as const, required: true, description: 'the mark id', schema: { type: 'integer', minimum: 1 } };
const READ = { '401': error('not signed in'), '404': error('no such document, or not one you may see (the same answer)') };
const WRITE = { '400': error('the input is not valid: a mark outside the page, a document that failed to extract, an encrypted PDF'), '403': error('the anti-forgery token is missing, or your role may not redact (editors and admins)') };

const mark: Schema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, documentId: { type: 'integer' }, kind: { enum: ['text', 'box', 'page'] }, page: { type: ['integer', 'null'], description: 'null: a text mark on every page' },
    text: { type: 'string' }, box: { type: 'object', properties: { x: { type: 'number' }, y: { type: 'number' }, w: { type: 'number' }, h: { type: 'number' } }, description: 'page pixels: PDF pages at 300 dpi, scans in their own pixels' },
    state: { enum: ['pending', 'applied'] }, reason: { type: 'string' }, createdBy: { type: 'string' }, createdAt: { type: 'string' },
  },
};
const check: Schema = {
  type: 'object',
  properties: {
    ok: { type: 'boolean' }, leaks: { type: 'array', items: { type: 'object', properties: { page: { type: 'integer', description: '0: the metadata' }, text: { type: 'string' } } } },
    revisions: { type: 'integer' }, metadata: { type: 'array', items: { type: 'string' } }, transparentBoxes: { type: 'array', items: { type: 'object' } }, checkedAt: { type: 'string' },
  },
};
const applied: Schema = { type: 'object', properties: { derivative: { type: 'string', description: 'SHA-256 of the redacted PDF' }, pages: { type: 'integer' }, check, id: { type: 'integer' }, method: { enum: ['pdf', 'scan', 'rendition'] } } };

export const redactionPaths: Record<string, Record<string, Operation>> = {
  '/api/documents/{id}/redactions': {
    get: { summary: "A document's redaction marks and its newest derivative (pages, check)", tags: ['redaction'], parameters: [id], responses: { '200': ok('marks and derivative', { type: 'object', properties: { documentId: { type: 'integer' }, marks: { type: 'array', items: mark }, derivative: { type: ['object', 'null'] } } }), ...READ } },
    post: {
      summary: 'Mark text (every folded occurrence; allForms: every form of the entity), a box or a page',
      tags: ['redaction'],
      parameters: [id],
      requestBody: { required: true, content: json({ type: 'object', required: ['kind'], properties: { kind: { enum: ['text', 'box', 'page'] }, text: { type: 'string' }, page: { type: 'integer' }, allForms: { type: 'boolean' }, x: { type: 'integer' }, y: { type: 'integer' }, w: { type: 'integer' }, h: { type: 'integer' } } }) },
      responses: { '201': ok('the marks made', { type: 'object', properties: { marks: { type: 'array', items: mark } } }), ...WRITE, ...READ },
    },
  },
  '/api/documents/{id}/redactions/{mark}': {
    delete: { summary: 'Remove a mark not applied yet', tags: ['redaction'], parameters: [id, markId], responses: { '204': { description: 'removed' }, '409': error('the mark is applied'), ...WRITE, ...READ } },
  },
  '/api/documents/{id}/redactions/apply': {
    post: { summary: 'Apply every mark to a new redacted derivative and check it', tags: ['redaction'], parameters: [id], responses: { '201': ok('the derivative and its check', applied), '409': error('another apply of this document is running'), ...WRITE, ...READ } },
  },
  '/api/documents/{id}/redactions/check': {
    post: { summary: 'Check the newest derivative again (as publication does)', tags: ['redaction'], parameters: [id], responses: { '200': ok('the check', { type: 'object', properties: { derivative: { type: 'string' }, pages: { type: 'integer' }, check } }), ...WRITE, ...READ } },
  },
};

export const redactionTags = [{ name: 'redaction', description: 'marks, redacted derivatives and the check that proves the marked text is gone' }];
