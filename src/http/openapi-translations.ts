/** The translation part of the OpenAPI document (see openapi.ts). */
import type { Operation } from './openapi.js';

type Schema = Record<string, unknown>;
const json = (schema: Schema) => ({ 'application/json': { schema } });
const ok = (description: string, schema: Schema) => ({ description, content: json(schema) });
const error = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });
const id = { name: 'id', in: 'path' as const, required: true, description: 'the original document', schema: { type: 'integer', minimum: 1 } };
const seg = { name: 'seg', in: 'path' as const, required: true, description: "PAGE.INDEX of the original's sentence, e.g. 3.0", schema: { type: 'string', pattern: '^\\d+\\.\\d+$' } };
const READ = { '401': error('not signed in'), '404': error('no such document, or not one you may see (the same answer)') };
const WRITE = { '400': error('the input is not valid'), '403': error('the anti-forgery token is missing, or your role may not translate (editors and admins)'), '409': error('the document could not be read, the segment no longer exists, or the machine translation service failed (nothing written)') };

const segments: Schema = {
  type: 'object',
  properties: {
    segments: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          page: { type: 'integer' }, index: { type: ['integer', 'null'], description: 'null for a translated sentence with no original' }, source: { type: 'string' },
          target: { type: ['string', 'null'], description: "the group's translation, on its first segment" }, status: { enum: ['untranslated', 'machine', 'draft', 'reviewed'] }, group: { type: 'integer' },
        },
      },
    },
  },
};

export const translationPaths: Record<string, Record<string, Operation>> = {
  '/api/documents/{id}/translation': {
    get: { summary: "A document's translation, segment by segment", tags: ['translations'], parameters: [id], responses: { '200': ok('segments', segments), ...READ } },
    post: {
      summary: 'Import a translated document of the workspace: aligned sentence by sentence; editors\' corrections replayed', tags: ['translations'], parameters: [id],
      requestBody: { required: true, content: json({ type: 'object', required: ['from'], properties: { from: { type: 'integer', description: 'the translated document' } } }) },
      responses: { '201': ok('imported', { type: 'object', additionalProperties: true }), ...WRITE, ...READ },
    },
  },
  '/api/documents/{id}/translation/machine': {
    post: { summary: 'Machine-translate the untranslated segments through DOSSIER_MT_URL (400 when unset); every call audited', tags: ['translations'], parameters: [id], responses: { '200': ok('translated', { type: 'object', additionalProperties: true }), ...WRITE, ...READ } },
  },
  '/api/documents/{id}/translation/segments/{seg}': {
    post: {
      summary: "Correct a segment: edit, status, split, merge or relink (kept across re-imports)", tags: ['translations'], parameters: [id, seg],
      requestBody: { required: true, content: json({ type: 'object', required: ['op'], properties: { op: { enum: ['edit', 'status', 'split', 'merge', 'relink'] }, target: { type: 'string' }, status: { enum: ['draft', 'reviewed', 'machine', 'untranslated'] }, first: { type: 'string' }, second: { type: 'string' }, to: { enum: ['previous', 'next'] } } }) },
      responses: { '200': ok('the segments after the correction', segments), ...WRITE, ...READ },
    },
  },
};
