import { Hono, type Context } from 'hono';
import type { Actor } from '../../domain/actor.js';
import { DossierError } from '../../domain/errors.js';
import { SEGMENT_STATUSES, type SegmentStatus } from '../../domain/translation.js';
import { translationIndex } from '../../jobs/index.js';
import {
  applyMachineTranslation, applySegmentCorrection, applyTranslationImport, machineServiceFrom, readingAid, translationDetail, translationSegments, type CorrectionInput,
} from '../../publish/index.js';
import type { HttpDeps, HttpEnv, SessionUser } from '../context.js';
import { errorResponse } from '../middleware/errors.js';
import { currentUser, requireUser } from '../middleware/require-user.js';
import { visibleDocument } from '../route-guards.js';
import { renderPage } from '../views/render.js';
import { TranslationPage } from '../views/translation-page.js';
import { documentIfVisible } from '../visibility.js';

const EDITORS = ['admin', 'editor'];
const actorOf = (u: SessionUser): Actor => ({ kind: 'user', id: u.id, name: u.name, role: u.role as 'admin' | 'editor' | 'reporter' | 'viewer' });

function segmentParam(text: string | undefined): { page: number; index: number } {
  const m = /^(\d{1,7})\.(\d{1,7})$/.exec(text ?? '');
  if (!m) throw new DossierError('invalid_argument', 'a segment is PAGE.INDEX, e.g. 3.0');
  return { page: Number(m[1]), index: Number(m[2]) };
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A correction from form or JSON fields: op = edit | status | split | merge | relink. */
function correctionOf(body: Record<string, unknown>, at: { page: number; index: number }): CorrectionInput {
  const status = (s: unknown, fallback: SegmentStatus): SegmentStatus => {
    const text = str(s) || fallback;
    if (!(SEGMENT_STATUSES as readonly string[]).includes(text)) throw new DossierError('invalid_argument', `status is one of ${SEGMENT_STATUSES.join(', ')}`);
    return text as SegmentStatus;
  };
  switch (str(body.op)) {
    case 'edit':
      return { kind: 'edit', ...at, target: str(body.target), status: status(body.status, 'draft') };
    case 'status':
      return { kind: 'status', ...at, status: status(body.status, 'reviewed') };
    case 'split':
      return { kind: 'split', ...at, targets: [str(body.first), str(body.second)] };
    case 'merge':
      return { kind: 'merge', ...at };
    case 'relink': {
      const to = str(body.to);
      if (to !== 'previous' && to !== 'next') throw new DossierError('invalid_argument', 'to is previous or next');
      return { kind: 'relink', ...at, move: to === 'previous' ? 'to-previous' : 'to-next' };
    }
    default:
      throw new DossierError('invalid_argument', 'op is one of edit, status, split, merge, relink');
  }
}

/**
 * Translations beside their originals. Pages: GET /documents/:id/translation (?pinyin=1), POST
 * …/translation/import (field `from`), …/translation/machine, …/translation/segments/:seg (field
 * `op`). API: GET /api/documents/:id/translation, POST /api/documents/:id/translation ({from}),
 * POST …/translation/machine, POST …/translation/segments/:seg ({op, …}). Reading needs the
 * document's access; writing the role editor or admin.
 */
export function translationRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  for (const path of ['/documents/:id/translation', '/documents/:id/translation/*', '/api/documents/:id/translation', '/api/documents/:id/translation/*']) app.use(path, requireUser());
  const index = translationIndex(deps.db, deps.searchIndex, () => deps.analyser(), deps.records);
  const service = () => machineServiceFrom(process.env);

  /** The visible document and an editor, else the refusal. */
  const guard = async (c: Context<HttpEnv>) => {
    const doc = await visibleDocument(deps, c);
    if (!doc.ok) return { response: await doc.response };
    const user = currentUser(c);
    if (!EDITORS.includes(user.role)) return { response: await errorResponse(c, 403, 'forbidden', 'translating needs the role editor or admin') };
    return { doc: doc.value, actor: actorOf(user) };
  };

  /** The translated document must be visible too (the same 404 as a missing one). */
  const fromDocument = async (c: Context<HttpEnv>, text: string) => {
    const id = /^[1-9]\d{0,15}$/.test(text.trim()) ? Number(text.trim()) : NaN;
    if (Number.isNaN(id)) throw new DossierError('invalid_argument', 'from is the id of the translated document');
    if (!(await documentIfVisible(deps.records, c.get('access'), id))) throw new DossierError('not_found', `no document ${id}`);
    return id;
  };

  app.get('/documents/:id/translation', async (c) => {
    const doc = await visibleDocument(deps, c);
    if (!doc.ok) return doc.response;
    const user = currentUser(c);
    const { translation, segments } = await translationDetail(deps.records, doc.value.id);
    const aid = c.req.query('pinyin') === '1' ? new Map(segments.map((s, i) => [i, readingAid(s.source)])) : null;
    const title = doc.value.title || doc.value.path.split(/!\/|\//).pop() || doc.value.path;
    return renderPage(c, TranslationPage({ document: { id: doc.value.id, title }, translation, segments, aid, canEdit: EDITORS.includes(user.role), machineAvailable: service() !== null, user, csrf: c.get('csrf'), nonce: c.get('nonce') }));
  });

  app.post('/documents/:id/translation/import', async (c) => {
    const g = await guard(c);
    if ('response' in g) return g.response;
    const from = await fromDocument(c, str((await c.req.parseBody())['from']));
    await applyTranslationImport(deps.records, { actor: g.actor, documentId: g.doc.id, from: { kind: 'document', documentId: from }, index });
    return c.redirect(`/documents/${g.doc.id}/translation`, 303);
  });

  app.post('/documents/:id/translation/machine', async (c) => {
    const g = await guard(c);
    if ('response' in g) return g.response;
    await applyMachineTranslation(deps.records, { actor: g.actor, documentId: g.doc.id, service: service(), index });
    return c.redirect(`/documents/${g.doc.id}/translation`, 303);
  });

  app.post('/documents/:id/translation/segments/:seg', async (c) => {
    const g = await guard(c);
    if ('response' in g) return g.response;
    const at = segmentParam(c.req.param('seg'));
    await applySegmentCorrection(deps.records, { actor: g.actor, documentId: g.doc.id, correction: correctionOf(await c.req.parseBody(), at), index });
    return c.redirect(`/documents/${g.doc.id}/translation#seg-${at.page}-${at.index}`, 303);
  });

  app.get('/api/documents/:id/translation', async (c) => {
    const doc = await visibleDocument(deps, c);
    if (!doc.ok) return doc.response;
    return c.json({ segments: await translationSegments(deps.records, doc.value.id) });
  });

  const jsonBody = async (c: Context<HttpEnv>) => {
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object') throw new DossierError('invalid_argument', 'send a JSON object');
    return body;
  };

  app.post('/api/documents/:id/translation', async (c) => {
    const g = await guard(c);
    if ('response' in g) return g.response;
    const body = await jsonBody(c);
    const from = await fromDocument(c, String(body.from ?? ''));
    return c.json(await applyTranslationImport(deps.records, { actor: g.actor, documentId: g.doc.id, from: { kind: 'document', documentId: from }, index }), 201);
  });

  app.post('/api/documents/:id/translation/machine', async (c) => {
    const g = await guard(c);
    if ('response' in g) return g.response;
    return c.json(await applyMachineTranslation(deps.records, { actor: g.actor, documentId: g.doc.id, service: service(), index }));
  });

  app.post('/api/documents/:id/translation/segments/:seg', async (c) => {
    const g = await guard(c);
    if ('response' in g) return g.response;
    const segments = await applySegmentCorrection(deps.records, { actor: g.actor, documentId: g.doc.id, correction: correctionOf(await jsonBody(c), segmentParam(c.req.param('seg'))), index });
    return c.json({ segments });
  });

  return app;
}
