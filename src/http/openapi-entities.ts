/** The entity and watch-list part of the OpenAPI document (see openapi.ts). */
import type { Operation } from './openapi.js';

type Schema = Record<string, unknown>;
const json = (schema: Schema) => ({ 'application/json': { schema } });
const ok = (description: string, schema: Schema) => ({ description, content: json(schema) });
const error = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });
const id = (description: string) => ({ name: 'id', in: 'path' as const, required: true, description, schema: { type: 'integer', minimum: 1 } });
const READ = { '401': error('not signed in') };
const WRITE = { '400': error('the input is not valid'), '403': error('the anti-forgery token is missing, or your role may not do this (editors and admins)') };

const entity: Schema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, type: { enum: ['PERSON', 'LOCATION', 'ORGANIZATION'] }, name: { type: 'string', description: 'the Han form when there is one' },
    aliases: { type: 'array', items: { type: 'string' }, description: 'every form seen, most frequent first' }, confidence: { type: 'number' },
    documents: { type: 'integer' }, mentions: { type: 'integer' },
  },
};
const result: Schema = {
  type: 'object',
  properties: {
    name: { type: 'string' }, documents: { type: 'integer' }, hits: { type: 'integer' }, newDocuments: { type: 'integer' }, error: { type: 'string' },
    top: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, title: { type: ['string', 'null'] }, path: { type: 'string' }, collection: { type: 'string' }, date: { type: ['string', 'null'] }, hits: { type: ['integer', 'null'] }, isNew: { type: 'boolean' } } } },
  },
};
const progress: Schema = { type: ['object', 'null'], properties: { state: { enum: ['running', 'done', 'failed'] }, done: { type: 'integer' }, total: { type: 'integer' }, eta: { type: ['integer', 'null'], description: 'seconds left' }, error: { type: 'string' } } };

export const entityPaths: Record<string, Record<string, Operation>> = {
  '/api/entities': {
    get: {
      summary: 'People, places and organisations in the documents you may see, most documents first', tags: ['entities'],
      parameters: [
        { name: 'type', in: 'query', description: 'PERSON, LOCATION or ORGANIZATION', schema: { type: 'string' } },
        { name: 'q', in: 'query', description: 'a name or form contains this', schema: { type: 'string' } },
        { name: 'limit', in: 'query', description: 'at most this many (1–1000, default 50)', schema: { type: 'integer' } },
        { name: 'offset', in: 'query', description: 'skip this many', schema: { type: 'integer' } },
      ],
      responses: { '200': ok('entities', { type: 'object', properties: { total: { type: 'integer' }, entities: { type: 'array', items: entity } } }), ...READ },
    },
  },
  '/api/entities/{id}': {
    get: {
      summary: 'An entity: mentions in context, documents, entities that appear with it, timeline by month', tags: ['entities'], parameters: [id('the entity id')],
      responses: { '200': ok('the entity', { ...entity, additionalProperties: true }), '404': error('no such entity, or none of its documents is one you may see'), ...READ },
    },
  },
  '/api/entities/merge': {
    post: {
      summary: 'These entities are one: the others join the first (kept when documents are analysed again)', tags: ['entities'],
      requestBody: { required: true, content: json({ type: 'object', required: ['ids'], properties: { ids: { type: 'array', items: { type: 'integer' }, minItems: 2 } } }) },
      responses: { '200': ok('merged', { type: 'object', properties: { into: { type: 'integer' } }, additionalProperties: true }), '404': error('an entity is missing or not one you may see'), ...WRITE, ...READ },
    },
  },
  '/api/entities/{id}/split': {
    post: {
      summary: "One form of the entity's name is someone else: it becomes an entity of its own (kept when documents are analysed again)", tags: ['entities'], parameters: [id('the entity id')],
      requestBody: { required: true, content: json({ type: 'object', required: ['form'], properties: { form: { type: 'string' } } }) },
      responses: { '200': ok('split', { type: 'object', properties: { entity: { type: ['integer', 'null'] } }, additionalProperties: true }), '404': error('no such entity, or not one you may see'), ...WRITE, ...READ },
    },
  },
  '/api/documents/{id}/entities': {
    get: {
      summary: 'Who and what a document names: its entities with mention counts and pages, and the patterns found (IDs, phones, dates, document numbers …)', tags: ['entities'], parameters: [id('the document id')],
      responses: { '200': ok('what the document names', { type: 'object', properties: { entities: { type: 'array', items: { type: 'object', additionalProperties: true } }, patterns: { type: 'array', items: { type: 'object', additionalProperties: true } } } }), '404': error('no such document, or not one you may see (the same answer)'), ...READ },
    },
  },
  '/api/watchlists': {
    get: { summary: 'Your watch-lists (admins: all)', tags: ['watchlists'], responses: { '200': ok('lists', { type: 'object', properties: { watchlists: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, names: { type: 'integer' }, ranAt: { type: ['string', 'null'] }, createdAt: { type: 'string' } } } } } }), ...READ } },
    post: {
      summary: 'Save a list of names and start searching each across scripts in the collections you may see', tags: ['watchlists'],
      requestBody: { required: true, content: json({ type: 'object', required: ['name'], properties: { name: { type: 'string' }, names: { type: 'array', items: { type: 'string' } }, csv: { type: 'string', description: 'a CSV with a "name" column, or one name per line' } } }) },
      responses: { '202': ok('started', { type: 'object', properties: { id: { type: 'integer' }, progress } }), ...WRITE, ...READ },
    },
  },
  '/api/watchlists/{id}': {
    get: { summary: "A list's progress and its last results", tags: ['watchlists'], parameters: [id('the watch-list id')], responses: { '200': ok('the list', { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, names: { type: 'array', items: { type: 'string' } }, ranAt: { type: ['string', 'null'] }, progress, results: { type: ['array', 'null'], items: result } } }), '404': error('no such list, or not yours'), ...READ } },
  },
  '/api/watchlists/{id}/csv': {
    get: { summary: 'The last results as CSV (recorded in the audit log as an export)', tags: ['watchlists'], parameters: [id('the watch-list id')], responses: { '200': { description: 'CSV: name, documents, hits, new_documents, document_id, title, path, collection, date, document_hits, new, error', content: { 'text/csv': { schema: { type: 'string' } } } }, '404': error('no such list, not yours, or not run yet'), ...READ } },
  },
  '/api/watchlists/{id}/rerun': {
    post: { summary: 'Search the list again; documents added since the last run are marked new', tags: ['watchlists'], parameters: [id('the watch-list id')], responses: { '202': ok('started', { type: 'object', properties: { id: { type: 'integer' }, progress } }), '404': error('no such list, or not yours'), ...WRITE, ...READ } },
  },
};

export const entityTags = [
  { name: 'entities', description: 'people, places and organisations, one entity for every form of a name' },
  { name: 'watchlists', description: 'batch search of a list of names, with hit counts and CSV results' },
];
