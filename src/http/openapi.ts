/**
 * The JSON API described as OpenAPI 3.1: served at /api/openapi.json and rendered as the
 * /api/docs page. A test compares it with the routes the app registers, so a route without a
 * description here fails the build's tests.
 */

import { entityPaths, entityTags } from './openapi-entities.js';
import { redactionPaths, redactionTags } from './openapi-redactions.js';
import { verifyPaths, verifyTags } from './openapi-verify.js';
import { translationPaths } from './openapi-translations.js';

type Schema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  description: string;
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  summary: string;
  description?: string;
  tags: string[];
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: Schema }>; description?: string };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
  security?: Array<Record<string, string[]>>;
}

export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Schema> };
  security: Array<Record<string, string[]>>;
  tags: Array<{ name: string; description: string }>;
};

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema) => ({ 'application/json': { schema } });
const ok = (description: string, schema: Schema) => ({ description, content: json(schema) });
const error = (description: string) => ({ description, content: json(ref('Error')) });
const pathParam = (name: string, description: string, schema: Schema = { type: 'integer', minimum: 1 }): Parameter => ({ name, in: 'path', required: true, description, schema });
const query = (name: string, description: string, schema: Schema = { type: 'string' }): Parameter => ({ name, in: 'query', description, schema });

const DOC_ID = pathParam('id', 'the document id');
const COLLECTION = pathParam('name', 'the collection name', { type: 'string' });
/** Signed in, and (for writes) the session's anti-forgery token in X-CSRF-Token. */
const READ = { '401': error('not signed in') };
const SEEN = { ...READ, '404': error('no such document, or not one you may see (the same answer)') };
const WRITE = { '400': error('the input is not valid'), '403': error('the anti-forgery token is missing, or your role may not do this') };

const schemas: Record<string, Schema> = {
  Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', description: 'stable: unauthenticated, forbidden, not_found, invalid_argument, invalid_query, too_large, …' }, message: { type: 'string' } } } } },
  User: { type: 'object', required: ['id', 'name', 'role'], properties: { id: { type: 'integer' }, name: { type: 'string' }, role: { enum: ['admin', 'editor', 'reporter', 'viewer'] } } },
  GrantRequest: { type: 'object', required: ['user', 'collection'], properties: { user: { type: 'string' }, collection: { type: 'string' } } },
  Collection: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, documents: { type: 'integer' } }, additionalProperties: true },
  SearchHit: {
    type: 'object',
    properties: {
      id: { type: 'integer' }, path: { type: 'string' }, title: { type: ['string', 'null'] }, collection: { type: 'string' }, mime: { type: ['string', 'null'] }, date: { type: ['string', 'null'] },
      page: { type: 'integer' }, start: { type: ['integer', 'null'] }, end: { type: ['integer', 'null'] }, highlights: { type: 'array', items: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 } },
      score: { type: 'number' }, snippet: { type: 'string', description: 'HTML-escaped, matches in <mark>' },
      matched: { type: 'array', items: { type: 'object', properties: { term: { type: 'string' }, via: { enum: ['exact', 'normalised', 'stem', 'pinyin', 'syllables', 'alias'] }, as: { type: 'string' } } } },
    },
  },
  SearchResult: { type: 'object', required: ['query', 'mode', 'total', 'hits'], properties: { query: { type: 'string' }, mode: { enum: ['exact', 'normalised', 'cross-script'] }, total: { type: 'integer' }, hits: { type: 'array', items: ref('SearchHit') }, facets: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } }, description: 'type, lang, collection, year, sender, and tag when hits carry tags' } } },
  Document: { type: 'object', description: "a document's record, metadata, paths, parent and children, and its text by page", properties: { id: { type: 'integer' }, path: { type: 'string' }, collection: { type: 'string' }, mime: { type: ['string', 'null'] }, status: { enum: ['ok', 'failed', 'pending'] }, reason: { type: ['string', 'null'] }, title: { type: ['string', 'null'] }, pages: { type: 'array', items: { type: 'object', properties: { page: { type: 'integer' }, text: { type: 'string' } } } } }, additionalProperties: true },
  AuditEntry: { type: 'object', properties: { id: { type: 'integer' }, at: { type: 'string', format: 'date-time' }, username: { type: 'string' }, action: { type: 'string' }, collection_id: { type: ['integer', 'null'] }, document_id: { type: ['integer', 'null'] }, detail: { type: 'object' }, hash: { type: 'string' } }, additionalProperties: true },
  Note: {
    type: 'object', required: ['id', 'documentId', 'author', 'body', 'createdAt'],
    properties: {
      id: { type: 'integer' }, documentId: { type: 'integer' }, collection: { type: 'string' }, documentTitle: { type: ['string', 'null'] }, author: { type: 'string' },
      page: { type: ['integer', 'null'] }, start: { type: ['integer', 'null'], description: "character offset in the page's text" }, end: { type: ['integer', 'null'] }, quote: { type: ['string', 'null'] },
      body: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, url: { type: 'string', description: '/documents/ID#note-N: the passage in the viewer' }, mayDelete: { type: 'boolean' },
    },
  },
  NewNote: { type: 'object', required: ['body'], properties: { page: { type: 'integer', minimum: 1 }, start: { type: 'integer', minimum: 0 }, end: { type: 'integer', minimum: 1 }, quote: { type: 'string', description: 'the passage; the server finds it on the page near start (or anywhere on the page without offsets)' }, body: { type: 'string', minLength: 1, maxLength: 10000 } } },
  Tag: { type: 'object', required: ['tag'], properties: { tag: { type: 'string', description: 'normalised: trimmed, Latin lower-cased, spaces as dashes, 1–64 characters' }, author: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } } },
  TagCount: { type: 'object', required: ['tag', 'documents'], properties: { tag: { type: 'string' }, documents: { type: 'integer' } } },
  Upload: {
    type: 'object', required: ['id', 'state', 'collection', 'files', 'bytes', 'progress'],
    properties: {
      id: { type: 'integer' }, state: { enum: ['queued', 'running', 'done', 'failed'] }, collection: { type: 'string' }, user: { type: 'string' }, files: { type: 'integer' }, bytes: { type: 'integer' },
      createdAt: { type: 'string', format: 'date-time' }, finishedAt: { type: ['string', 'null'] },
      progress: ref('UploadProgress'),
      documents: { type: 'object', properties: { ok: { type: 'integer' }, failed: { type: 'integer' }, pending: { type: 'integer' } } },
      failed: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, path: { type: 'string' }, reason: { type: ['string', 'null'] }, message: { type: ['string', 'null'] } } } },
      url: { type: 'string', description: 'the progress page' },
    },
  },
  UploadProgress: {
    type: 'object', description: "the ingest's last progress snapshot; after it ends, its summary (or the error)",
    properties: {
      phase: { enum: ['scanning', 'storing', 'extracting', 'done'] }, filesTotal: { type: 'integer' }, filesDone: { type: 'integer' }, bytesTotal: { type: 'integer' }, bytesDone: { type: 'integer' },
      extracted: { type: 'integer' }, queued: { type: 'integer' }, failed: { type: 'integer' }, ocrPages: { type: 'integer' }, ocrQueued: { type: 'integer' },
      elapsed: { type: 'number' }, eta: { type: ['number', 'null'], description: 'seconds left, null while unknown' }, rate: { type: 'number', description: 'documents read per second' },
      summary: { type: 'object', additionalProperties: true }, error: { type: 'string' },
    },
  },
};

const paths: OpenApiDocument['paths'] = {
  '/api/session': {
    post: {
      summary: 'Sign in', tags: ['session'], security: [],
      description: 'Sets the session cookie; the answer holds the anti-forgery token to send as X-CSRF-Token with every write.',
      requestBody: { required: true, content: json({ type: 'object', required: ['username', 'password'], properties: { username: { type: 'string' }, password: { type: 'string' } } }) },
      responses: { '200': ok('signed in', { type: 'object', properties: { user: ref('User'), csrf: { type: 'string' } } }), '400': error('not {username, password}'), '401': error('wrong name or password'), '429': error('too many failed attempts; see Retry-After') },
    },
    delete: { summary: 'Sign out', tags: ['session'], responses: { '204': { description: 'signed out' }, ...READ } },
  },
  '/api/me': { get: { summary: 'The signed-in user, the collections they may see and their anti-forgery token', tags: ['session'], responses: { '200': ok('you', { type: 'object', properties: { user: ref('User'), collections: { type: 'array', items: { type: 'string' } }, csrf: { type: 'string' } } }), ...READ } } },
  '/api/account/password': { post: { summary: 'Change your password', tags: ['session'], requestBody: { required: true, content: json({ type: 'object', required: ['oldPassword', 'newPassword'], properties: { oldPassword: { type: 'string' }, newPassword: { type: 'string' } } }) }, responses: { '204': { description: 'changed' }, ...WRITE, ...READ } } },
  '/api/users': { get: { summary: 'Every account with its role and granted collections (admins)', tags: ['users'], responses: { '200': ok('users', { type: 'object', properties: { users: { type: 'array', items: { type: 'object', additionalProperties: true, properties: { id: { type: 'integer' }, name: { type: 'string' }, role: { type: 'string' }, disabled: { type: 'boolean' }, collections: { type: 'array', items: { type: 'string' } } } } } } }), ...READ, '403': error('admins only') } } },
  '/api/grants': {
    post: { summary: 'Let a user see a collection (admins)', tags: ['users'], requestBody: { required: true, content: json(ref('GrantRequest')) }, responses: { '200': ok('granted', { type: 'object', properties: { user: { type: 'string' }, collection: { type: 'string' }, added: { type: 'boolean' } } }), ...WRITE, '404': error('no such user or collection'), ...READ } },
    delete: { summary: 'Take a collection away from a user (admins)', tags: ['users'], requestBody: { required: true, content: json(ref('GrantRequest')) }, responses: { '200': ok('revoked', { type: 'object', properties: { user: { type: 'string' }, collection: { type: 'string' }, removed: { type: 'boolean' } } }), ...WRITE, '404': error('no such user or collection'), ...READ } },
  },
  '/api/collections': { get: { summary: 'The collections you may see', tags: ['collections'], responses: { '200': ok('collections', { type: 'object', additionalProperties: true, properties: { collections: { type: 'array', items: ref('Collection') } } }), ...READ } } },
  '/api/search': {
    get: {
      summary: 'Search the collections you may see (the same JSON as `dossier search --json`)', tags: ['search'],
      parameters: [query('q', 'the query, in the query language (tag:NAME and -tag:NAME included)'), query('mode', 'exact | normalised | cross-script', { enum: ['exact', 'normalised', 'cross-script'] }), query('match', 'all | any', { enum: ['all', 'any'] }), query('limit', 'hits per page', { type: 'integer' }), query('offset', 'hits to skip', { type: 'integer' }), query('facets', 'also count by type, language, collection, year, sender, tag', { type: 'boolean' })],
      responses: { '200': ok('hits', ref('SearchResult')), '400': error('a malformed query; the message points at the problem'), ...READ },
    },
  },
  '/api/documents/{id}': { get: { summary: 'A document: record, metadata, paths, family and text by page', tags: ['documents'], parameters: [DOC_ID], responses: { '200': ok('the document', ref('Document')), ...SEEN } } },
  '/api/documents/{id}/file': { get: { summary: 'The original bytes', tags: ['documents'], parameters: [DOC_ID], responses: { '200': { description: 'the file, as an attachment', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, ...SEEN } } },
  '/api/documents/{id}/notes': {
    get: { summary: "A document's notes, in page and passage order", tags: ['notes'], parameters: [DOC_ID], responses: { '200': ok('notes', { type: 'object', properties: { notes: { type: 'array', items: ref('Note') } } }), ...SEEN } },
    post: { summary: 'Add a note, on a passage or on the whole document (admin, editor, reporter)', tags: ['notes'], parameters: [DOC_ID], requestBody: { required: true, content: json(ref('NewNote')) }, responses: { '201': ok('the note', { type: 'object', properties: { note: ref('Note') } }), ...WRITE, ...SEEN } },
  },
  '/api/documents/{id}/notes/{noteId}': { delete: { summary: 'Delete a note: your own, or any as admin or editor', tags: ['notes'], parameters: [DOC_ID, pathParam('noteId', 'the note id')], responses: { '204': { description: 'deleted' }, ...WRITE, ...SEEN } } },
  '/api/collections/{name}/notes': { get: { summary: "A collection's notes, newest first", tags: ['notes'], parameters: [COLLECTION, query('limit', 'at most this many (default 200)', { type: 'integer' }), query('offset', 'skip this many', { type: 'integer' })], responses: { '200': ok('notes', { type: 'object', properties: { collection: { type: 'string' }, total: { type: 'integer' }, notes: { type: 'array', items: ref('Note') } } }), '404': error('no such collection, or not one you may see'), ...READ } } },
  '/api/documents/{id}/tags': {
    get: { summary: "A document's tags", tags: ['tags'], parameters: [DOC_ID], responses: { '200': ok('tags', { type: 'object', properties: { tags: { type: 'array', items: ref('Tag') } } }), ...SEEN } },
    post: { summary: 'Tag a document (admin, editor, reporter)', tags: ['tags'], parameters: [DOC_ID], requestBody: { required: true, content: json({ type: 'object', required: ['tag'], properties: { tag: { type: 'string' } } }) }, responses: { '201': ok('the tag as stored', { type: 'object', properties: { tag: { type: 'string' }, added: { type: 'boolean' } } }), ...WRITE, ...SEEN } },
  },
  '/api/documents/{id}/tags/{tag}': { delete: { summary: 'Remove a tag from a document (admin, editor, reporter)', tags: ['tags'], parameters: [DOC_ID, pathParam('tag', 'the tag', { type: 'string' })], responses: { '204': { description: 'removed (or was not there)' }, ...WRITE, ...SEEN } } },
  '/api/collections/{name}/tags': { get: { summary: "A collection's tags with how many documents carry each", tags: ['tags'], parameters: [COLLECTION], responses: { '200': ok('tags', { type: 'object', properties: { collection: { type: 'string' }, tags: { type: 'array', items: ref('TagCount') } } }), '404': error('no such collection, or not one you may see'), ...READ } } },
  '/api/uploads': {
    get: { summary: 'Your uploads (every upload, for admins), newest first', tags: ['uploads'], responses: { '200': ok('uploads', { type: 'object', properties: { uploads: { type: 'array', items: ref('Upload') } } }), ...READ } },
    post: {
      summary: 'Upload files or ZIPs into a collection and ingest them (admin, editor, reporter)', tags: ['uploads'],
      description: 'multipart/form-data: a `collection` field (one you may see, or a new name for admins and editors), then one or more `files` parts. Send X-CSRF-Token, or a `csrf` field before the files. File names must be plain names (no folders). The ingest runs in the server, one upload at a time; poll GET /api/uploads/{id}.',
      requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: ['collection', 'files'], properties: { collection: { type: 'string' }, csrf: { type: 'string' }, files: { type: 'array', items: { type: 'string', format: 'binary' } } } } } } },
      responses: { '202': ok('queued', { type: 'object', properties: { upload: ref('Upload') } }), ...WRITE, '413': error('larger than the upload limit'), ...READ },
    },
  },
  '/api/uploads/{id}': { get: { summary: "An upload's state and live progress, with the failed documents and why", tags: ['uploads'], parameters: [pathParam('id', 'the upload id')], responses: { '200': ok('the upload', { type: 'object', properties: { upload: ref('Upload') } }), '404': error('no such upload, or not one you may see'), ...READ } } },
  '/api/audit': { get: { summary: 'The audit log, newest first (admins)', tags: ['audit'], parameters: [query('user', 'only this user'), query('action', 'only this action'), query('collection', 'only this collection'), query('document', 'only this document', { type: 'integer' }), query('limit', 'rows per page', { type: 'integer' }), query('offset', 'rows to skip', { type: 'integer' })], responses: { '200': ok('entries', { type: 'object', additionalProperties: true, properties: { entries: { type: 'array', items: ref('AuditEntry') } } }), ...READ, '403': error('admins only') } } },
  ...redactionPaths,
  '/api/audit/verify': { get: { summary: 'Check the audit chain: the first edited, deleted or reordered row, if any (admins)', tags: ['audit'], responses: { '200': ok('the verdict', { type: 'object', additionalProperties: true, properties: { ok: { type: 'boolean' } } }), ...READ, '403': error('admins only') } } },
  ...entityPaths,
  ...verifyPaths,
  ...translationPaths,
  '/api/openapi.json': { get: { summary: 'This description', tags: ['meta'], responses: { '200': ok('OpenAPI 3.1', { type: 'object' }), ...READ } } },
  '/api/docs': { get: { summary: 'This description as a page to read', tags: ['meta'], responses: { '200': { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } }, ...READ } } },
};

/** The OpenAPI 3.1 description of the JSON API. */
export function openApiDocument(version = '0.1.0'): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dossier workbench API',
      version,
      description:
        'The JSON API of the Dossier workbench. Sign in with POST /api/session; the session cookie then identifies you and every write carries the anti-forgery token in X-CSRF-Token. ' +
        'An anonymous request answers 401; a document or collection you may not see answers 404, exactly like one that does not exist. Errors are {"error": {"code", "message"}} with stable codes.',
    },
    paths,
    components: { schemas, securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'dossier_session' }, csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'required on POST, PUT, PATCH and DELETE' } } },
    security: [{ session: [] }],
    tags: [
      { name: 'session', description: 'signing in and out' },
      { name: 'users', description: 'accounts and grants (admins)' },
      { name: 'collections', description: 'what you may see' },
      { name: 'search', description: 'the query language of `dossier search`' },
      { name: 'documents', description: 'records, text and original files' },
      { name: 'notes', description: "notes on passages, read by the collection's team" },
      ...redactionTags,
      { name: 'tags', description: 'labels on documents, usable as tag:NAME in searches' },
      { name: 'uploads', description: 'files sent from the browser or a script, and their ingest' },
      { name: 'audit', description: 'who searched, viewed and downloaded what' },
      ...entityTags,
      ...verifyTags,
      { name: 'translations', description: 'Translations beside their originals, segment by segment' },
      { name: 'meta', description: 'this description' },
    ],
  };
}

/** `/api/documents/:id` → `/api/documents/{id}`, as OpenAPI writes paths. */
export const toOpenApiPath = (honoPath: string) => honoPath.replace(/:([A-Za-z_]\w*)/g, '{$1}');
