import { formatBytes } from '../../domain/format-bytes.js';
import type { Child } from 'hono/jsx';
import type { SessionUser } from '../context.js';
import type { DocumentView, RelatedDocument } from '../document-view.js';
import type { ThreadMessage } from '../email-thread.js';
import type { PageBox } from '../page-boxes.js';
import { Layout } from './layout.js';
import { MarkedText } from './marked-text.js';
import { assetUrl } from '../routes/assets.js';

export interface DocumentPageProps {
  view: DocumentView;
  parent: RelatedDocument | null;
  children: RelatedDocument[];
  thread: ThreadMessage[];
  query: string;
  mode: string;
  /** Highlighted spans per page number. */
  highlights: Map<number, Array<[number, number]>>;
  /** Highlight boxes per page number, on the page image (OCR'd pages). */
  boxes: Map<number, PageBox[]>;
  /** The document's dominant language (zh, en, …), for screen readers and fonts. */
  lang?: string | null;
  /** Why the query could not be highlighted (a malformed query), if so. */
  queryError?: string;
  user: SessionUser;
  csrf: string | null;
  nonce?: string;
  /** Sections other parts of the workbench add (notes, tags …), after the text. */
  extraSections?: Child;
  /** Who and what the document names (entities and patterns), shown before its text. */
  named?: Child;
  /** The translation's status (publish/translate), in the side panel. */
  translation?: Child;
  /** More sections of the side panel (versions and near-duplicates, redactions …): each a <section>. */
  sidePanels?: Child;
}

const label = (d: { title: string | null; path: string }) => d.title || d.path.split(/!\/|\//).pop() || d.path;

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (value && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}


function PageImage({ id, page, ocr, boxes }: { id: number; page: number; ocr: Record<string, unknown>; boxes: PageBox[] }) {
  const width = Number(ocr.width);
  const height = Number(ocr.height);
  if (!ocr.image || !(width > 0) || !(height > 0)) return null;
  const src = `/documents/${id}/pages/${page}/image`;
  // A lazy <img> (a 400-page document loads only the scans near the reader), its width and height
  // reserving the space; the match boxes are an SVG laid over it in the same coordinates.
  return (
    <figure class="page-image">
      <div class="page-scan">
        <img src={src} loading="lazy" decoding="async" width={String(width)} height={String(height)} alt={`Scan of page ${page}${boxes.length ? `, ${boxes.length} match${boxes.length === 1 ? '' : 'es'} outlined` : ''}`} />
        {boxes.length ? (
          <svg class="page-boxes" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true">
            {boxes.map((b) => <rect class="hl-box" x={String(b.x - 2)} y={String(b.y - 2)} width={String(b.w + 4)} height={String(b.h + 4)} />)}
          </svg>
        ) : null}
      </div>
      <figcaption>
        Scan of page {page}
        {typeof ocr.meanConfidence === 'number' ? `, read by OCR (${String(ocr.engine ?? '')}, mean confidence ${ocr.meanConfidence})` : ''}
        {' · '}
        <a href={src}>open the image</a>
      </figcaption>
    </figure>
  );
}

/** /documents/ID: metadata, paths, family, thread, then the text page by page with the query marked. */
export function DocumentPage(props: DocumentPageProps) {
  const { view, parent, children, thread, query, mode, highlights, boxes } = props;
  const q = query ? `?q=${encodeURIComponent(query)}&mode=${encodeURIComponent(mode)}` : '';
  const matchCount = [...highlights.values()].reduce((n, s) => n + s.length, 0);
  const metadata = Object.entries(view.metadata).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return (
    <Layout title={label(view)} user={props.user} csrf={props.csrf} nonce={props.nonce} query={query}>
      <article class="document" data-document-id={String(view.id)}>
        <header class="document-header">
          <p class="breadcrumb"><a href="/">Collections</a> › <a href={`/search?q=${encodeURIComponent(`collection:${view.collection.includes(' ') ? `"${view.collection}"` : view.collection}`)}`}>{view.collection}</a></p>
          <h1>{label(view)}</h1>
          <p class="document-actions">
            {view.sha256 ? <a class="button" href={`/documents/${view.id}/file`} download>Download the original</a> : null}
            {view.status === 'ok' ? <a class="button" href={`/documents/${view.id}/redact`}>Redact</a> : null}
            {query ? <span class="match-count">{matchCount} match{matchCount === 1 ? '' : 'es'} of “{query}” ({mode}) · <a href={`/search${q}`}>back to the results</a></span> : null}
          </p>
          {props.queryError ? <p class="alert">The query could not be highlighted: {props.queryError}</p> : null}
          {view.status === 'failed' ? <p class="alert">This file could not be read ({view.reason}): {view.message}</p> : null}
        </header>

        <div class="reader">
          <div class="reader-main">
        <section aria-labelledby="text-h" class="document-text">
          <h2 id="text-h">Text</h2>
          {view.pages.length > 1 ? (
            <nav class="reader-nav" aria-label="Pages">
              <p>
                {view.pages.length} pages{matchCount ? ` · ${matchCount} match${matchCount === 1 ? '' : 'es'}` : ''} · keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous page{matchCount ? <>, <kbd>n</kbd>/<kbd>p</kbd> next/previous match</> : null}
              </p>
              <p class="reader-jump">
                {view.pages.slice(0, 1).map((p) => <a href={`#page-${p.page}`}>First page</a>)}
                {' · '}
                {[...highlights.keys()].slice(0, 1).map((page) => <a href={`#page-${page}`}>First match (page {page})</a>)}
                {view.pages.slice(-1).map((p) => <>{' · '}<a href={`#page-${p.page}`}>Last page</a></>)}
              </p>
            </nav>
          ) : null}
          {view.pages.length === 0 ? <p class="muted">No text was read from this file.</p> : null}
          {view.pages.map((p) => {
            const spans = highlights.get(p.page) ?? [];
            return (
              <section id={`page-${p.page}`} class="page" data-page={String(p.page)} aria-labelledby={`page-${p.page}-h`}>
                <h3 id={`page-${p.page}-h`}>
                  Page {p.page}
                  {spans.length ? <span class="muted"> · {spans.length} match{spans.length === 1 ? '' : 'es'}</span> : null}
                </h3>
                {p.ocr && !p.ocr.error ? <PageImage id={view.id} page={p.page} ocr={p.ocr} boxes={boxes.get(p.page) ?? []} /> : null}
                {p.ocr?.error ? <p class="muted">OCR could not read this page: {String(p.ocr.message ?? p.ocr.error)}</p> : null}
                <div class="page-text" lang={props.lang && props.lang !== 'und' ? props.lang : undefined}><MarkedText text={p.text} spans={spans} /></div>
              </section>
            );
          })}
        </section>
          </div>
          <aside class="reader-panel" aria-label="About this document">
        <section aria-labelledby="about-h" class="document-about">
          <h2 id="about-h">About this document</h2>
          <table class="metadata">
            <tbody>
              <tr><th scope="row">Path</th><td>{view.path}</td></tr>
              {view.paths.length > 1 ? <tr><th scope="row">Also seen at</th><td><ul class="plain">{view.paths.slice(1).map((p) => <li>{p}</li>)}</ul></td></tr> : null}
              <tr><th scope="row">Collection</th><td>{view.collection}</td></tr>
              <tr><th scope="row">Type</th><td>{view.mime ?? 'unknown'}</td></tr>
              <tr><th scope="row">Size</th><td>{formatBytes(view.size)}</td></tr>
              <tr><th scope="row">SHA-256</th><td><code class="hash">{view.sha256 ?? '—'}</code></td></tr>
              <tr><th scope="row">Status</th><td>{view.status}{view.needsOcr ? ' (waiting for OCR)' : ''}</td></tr>
              {metadata.map(([k, v]) => <tr><th scope="row">{k}</th><td>{formatValue(v)}</td></tr>)}
            </tbody>
          </table>
        </section>

        {parent || children.length ? (
          <section aria-labelledby="family-h" class="document-family">
            <h2 id="family-h">Found with</h2>
            {parent ? <p>Inside <a href={`/documents/${parent.id}${q}`}>{label(parent)}</a></p> : null}
            {children.length ? (
              <>
                <h3>Contains {children.length} file{children.length === 1 ? '' : 's'}</h3>
                <ul class="children">
                  {children.map((c) => <li><a href={`/documents/${c.id}${q}`}>{c.path.split('!/').pop()}</a> <span class="muted">{c.mime ?? ''}{c.status === 'failed' ? ' · could not be read' : ''}</span></li>)}
                </ul>
              </>
            ) : null}
          </section>
        ) : null}

        {thread.length > 1 ? (
          <section aria-labelledby="thread-h" class="email-thread">
            <h2 id="thread-h">Email thread ({thread.length} messages)</h2>
            <ol class="thread">
              {thread.map((m) => (
                <li class={m.id === view.id ? 'current' : undefined}>
                  {m.id === view.id ? <strong aria-current="page">{m.title ?? m.path}</strong> : <a href={`/documents/${m.id}${q}`}>{m.title ?? m.path}</a>}
                  <span class="muted"> {m.from ?? ''}{m.date ? ` · ${m.date.slice(0, 16).replace('T', ' ')}` : ''}</span>
                </li>
              ))}
            </ol>
          </section>
        ) : null}

        {props.named ?? null}

            {props.translation ?? null}
            {props.extraSections ?? null}
            {props.sidePanels ?? null}
          </aside>
        </div>
      </article>
      <script src={assetUrl('reader.js')} defer></script>
    </Layout>
  );
}
