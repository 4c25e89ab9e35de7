/** The verify part of the OpenAPI document (see openapi.ts): near-duplicates, compare, verify. */
import type { Operation } from './openapi.js';

type Schema = Record<string, unknown>;
const json = (schema: Schema) => ({ 'application/json': { schema } });
const ok = (description: string, schema: Schema) => ({ description, content: json(schema) });
const error = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });
const query = (name: string, description: string, schema: Schema = { type: 'string' }, required = false) => ({ name, in: 'query' as const, required, description, schema });
const READ = { '401': error('not signed in') };
const SEEN = { '404': error('no such document, or not one you may see (the same answer)'), ...READ };

const problem: Schema = { type: 'object', properties: { id: { type: 'integer' }, path: { type: 'string' }, expected: { type: 'string' }, actual: { type: 'string' } } };
const comparison: Schema = {
  type: 'object',
  properties: {
    a: { type: 'object', properties: { id: { type: 'integer' }, path: { type: 'string' } } },
    b: { type: 'object', properties: { id: { type: 'integer' }, path: { type: 'string' } } },
    text: { type: 'array', items: { type: 'object', properties: { kind: { enum: ['inserted', 'deleted', 'changed'] }, pageA: { type: 'integer' }, startA: { type: 'integer' }, endA: { type: 'integer' }, pageB: { type: 'integer' }, startB: { type: 'integer' }, endB: { type: 'integer' }, a: { type: 'string' }, b: { type: 'string' } } } },
    invisible: { type: 'array', items: { type: 'object', properties: { kind: { enum: ['zero-width', 'homoglyph', 'full-width', 'space', 'line-break'] }, side: { enum: ['a', 'b'] }, page: { type: 'integer' }, start: { type: 'integer' }, char: { type: 'string', description: 'U+200B …' }, other: { type: 'string', description: 'what the other copy has there' } } } },
    metadata: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, a: { type: ['string', 'null'] }, b: { type: ['string', 'null'] } } } },
  },
};

export const verifyTags = [{ name: 'verify', description: 'Stored files re-hashed, near-duplicates, two copies compared' }];

export const verifyPaths: Record<string, Record<string, Operation>> = {
  '/api/documents/{id}/similar': {
    get: {
      summary: 'Versions and near-duplicates of a document among those you may see, best first (MinHash, banded LSH)', tags: ['verify'],
      parameters: [{ name: 'id', in: 'path', required: true, description: 'the document id', schema: { type: 'integer', minimum: 1 } }, query('min', 'the least similarity, 0–1 (default 0.5)', { type: 'number' })],
      responses: { '200': ok('similar documents', { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, path: { type: 'string' }, similarity: { type: 'number' } } } }), '400': error('min is not between 0 and 1'), ...SEEN },
    },
  },
  '/api/compare': {
    get: {
      summary: 'What differs between two copies: text by page and offset, invisible marks, metadata (recorded in the audit log)', tags: ['verify'],
      parameters: [query('a', 'the first document id', { type: 'integer' }, true), query('b', 'the second document id', { type: 'integer' }, true)],
      responses: { '200': ok('the differences', comparison), '400': error('not two ids, or a document compared with itself'), '409': error('a document failed to extract or is not read yet: no text to compare'), ...SEEN },
    },
  },
  '/api/verify': {
    get: {
      summary: 'Re-hash every stored file (of a collection) and check the audit chain (admins; recorded as verify.run)', tags: ['verify'],
      parameters: [query('collection', 'only this collection')],
      responses: {
        '200': ok('the report', { type: 'object', properties: { collection: { type: ['string', 'null'] }, checked: { type: 'integer' }, ok: { type: 'integer' }, mismatched: { type: 'array', items: problem }, missing: { type: 'array', items: problem }, audit: { type: 'object', properties: { entries: { type: 'integer' }, intact: { type: 'boolean' }, problem: { type: 'string' } } } } }),
        '404': error('no such collection'), ...READ, '403': error('admins only'),
      },
    },
  },
};
