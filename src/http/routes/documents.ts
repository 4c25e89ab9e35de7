import { Hono, type Context } from 'hono';
import { recordAudit } from '../../audit/index.js';
import { isDossierError } from '../../domain/errors.js';
import { SEARCH_MODES, type SearchMode } from '../../domain/search.js';
import { highlightDocument } from '../../search/index.js';
import type { HttpDeps, HttpEnv } from '../context.js';
import { readDocumentView } from '../document-view.js';
import { findEmailThread } from '../email-thread.js';
import { notFound } from '../middleware/errors.js';
import { currentUser } from '../middleware/require-user.js';
import { boxesForSpans, type PageBox } from '../page-boxes.js';
import { DocumentPage } from '../views/document-page.js';
import { documentExtras } from '../views/document-extras.js';
import { DocumentEntities } from '../views/document-entities.js';
import { TranslationPanel } from '../views/translation-panel.js';
import { translationDetail } from '../../publish/index.js';
import { blobHead, sendBlob } from '../send-blob.js';
import { renderPage } from '../views/render.js';
import { documentVersions } from '../views/document-versions.js';
import { documentIfVisible, parseDocumentId, type VisibleDocument } from '../visibility.js';

/** Image types a browser shows; other page images (TIFF, BMP) fall back to the JPEG thumbnail. */
function imageType(head: Buffer): string | null {
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8) return 'image/jpeg';
  if (head.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

/** `attachment` with the original name: an ASCII fallback and the exact name in RFC 5987 form. */
export function attachmentDisposition(docPath: string): string {
  const name = docPath.split(/!\/|\//).pop() || 'document';
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const modeOf = (text: string | undefined): SearchMode => (SEARCH_MODES.includes(text as SearchMode) ? (text as SearchMode) : 'normalised');

/** The document viewer, the original file, page images, and GET /api/documents/ID. */
export function documentRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();

  const visible = (c: Context<HttpEnv>): Promise<VisibleDocument | null> => documentIfVisible(deps.records, c.get('access'), parseDocumentId(c.req.param('id')));

  app.get('/documents/:id', async (c) => {
    const doc = await visible(c);
    if (!doc) return notFound(c);
    const user = currentUser(c);
    const query = (c.req.query('q') ?? '').trim();
    const mode = modeOf(c.req.query('mode'));
    const { view, parent, children } = await readDocumentView(deps.records, c.get('access'), doc);
    const thread = await findEmailThread(deps.records, c.get('access'), view.metadata);
    const highlights = new Map<number, Array<[number, number]>>();
    const boxes = new Map<number, PageBox[]>();
    let queryError: string | undefined;
    if (query) {
      try {
        const analyser = deps.analyser();
        for (const page of view.pages) {
          const spans = highlightDocument(analyser, page.text, query, mode);
          if (spans.length === 0) continue;
          highlights.set(page.page, spans);
          if (page.ocr) boxes.set(page.page, boxesForSpans(page.text, page.ocr.words, spans));
        }
      } catch (error) {
        if (!isDossierError(error)) throw error;
        queryError = error.message;
      }
    }
    await recordAudit(deps.records, { user, action: 'view', collectionId: doc.collectionId, documentId: doc.id, detail: query ? { q: query, mode } : {} });
    const extraSections = await documentExtras(deps, c, doc.id);
    const named = DocumentEntities({ found: await deps.records.read.entities.documentMentions(doc.id) });
    const versions = await documentVersions(deps, c, doc.id);
    const translation = TranslationPanel({ documentId: doc.id, ...(await translationDetail(deps.records, doc.id)) });
    return renderPage(c, DocumentPage({ view, parent, children, thread, query, mode, highlights, boxes, queryError, lang: doc.lang, user, csrf: c.get('csrf'), nonce: c.get('nonce'), extraSections, named, translation, sidePanels: versions }));
  });

  const sendOriginal = async (c: Context<HttpEnv>) => {
    const doc = await visible(c);
    if (!doc || !doc.sha256 || !deps.blobs.has(doc.sha256)) return notFound(c);
    await recordAudit(deps.records, { user: currentUser(c), action: 'download', collectionId: doc.collectionId, documentId: doc.id, detail: { path: doc.path, sha256: doc.sha256 } });
    return sendBlob(c, deps.blobs, doc.sha256, doc.mime ?? 'application/octet-stream', { 'Content-Disposition': attachmentDisposition(doc.path) }) ?? notFound(c);
  };
  app.get('/documents/:id/file', sendOriginal);
  app.get('/api/documents/:id/file', sendOriginal);

  app.get('/documents/:id/pages/:page/image', async (c) => {
    const doc = await visible(c);
    const pageNumber = Number(c.req.param('page'));
    if (!doc || !Number.isInteger(pageNumber)) return notFound(c);
    const ocr = await deps.records.read.documentView.pageOcr(doc.id, pageNumber);
    for (const sha of [ocr?.['image'], ocr?.['thumbnail']]) {
      if (typeof sha !== 'string' || !sha || !deps.blobs.has(sha)) continue;
      const type = imageType(await blobHead(deps.blobs, sha));
      const sent = type ? sendBlob(c, deps.blobs, sha, type, { 'Cache-Control': 'private, max-age=3600' }) : null;
      if (sent) return sent;
    }
    return notFound(c);
  });

  app.get('/api/documents/:id', async (c) => {
    const doc = await visible(c);
    if (!doc) return notFound(c);
    const { view } = await readDocumentView(deps.records, c.get('access'), doc);
    await recordAudit(deps.records, { user: currentUser(c), action: 'view', collectionId: doc.collectionId, documentId: doc.id, detail: { api: true } });
    return c.json(view);
  });

  return app;
}
