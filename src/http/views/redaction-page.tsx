import type { RedactionDerivative, RedactionMark } from '../../domain/redaction.js';
import type { SessionUser } from '../context.js';
import { assetUrl } from '../routes/assets.js';
import { Layout } from './layout.js';

export interface RedactionPageProps {
  doc: { id: number; title: string | null; path: string };
  pages: Array<{ page: number; text: string; hasImage: boolean }>;
  marks: RedactionMark[];
  derivative: RedactionDerivative | null;
  canEdit: boolean;
  user: SessionUser;
  csrf: string | null;
  nonce?: string;
  error?: string;
}

function describe(m: RedactionMark): string {
  if (m.kind === 'text') return `“${m.text}” ${m.page ? `on page ${m.page}` : 'on every page'}`;
  if (m.kind === 'box') return `page ${m.page}: box ${m.box.x},${m.box.y} ${m.box.w}×${m.box.h} px`;
  return `the whole of page ${m.page}`;
}

const Csrf = ({ csrf }: { csrf: string | null }) => <input type="hidden" name="csrf" value={csrf ?? ''} />;

function MarkForms({ id, csrf, pages }: { id: number; csrf: string | null; pages: number }) {
  const action = `/documents/${id}/redactions`;
  return (
    <section aria-labelledby="mark-h" id="mark-forms">
      <h2 id="mark-h">Mark</h2>
      <form id="redact-text" method="post" action={action}>
        <Csrf csrf={csrf} />
        <input type="hidden" name="kind" value="text" />
        <p class="hint" id="redact-hint">Select a passage in the text to mark it, or type it. Every occurrence is marked, folded as normalised search folds.</p>
        <p>
          <label for="redact-text-field">Text</label> <input id="redact-text-field" name="text" required maxlength={2000} aria-describedby="redact-hint" />{' '}
          <label for="redact-text-page">Page (empty: every page)</label> <input id="redact-text-page" name="page" type="number" min={1} max={pages} inputmode="numeric" />
        </p>
        <p>
          <label><input type="checkbox" name="allForms" value="1" /> every form of the entity (陈全国 → Chen Quanguo)</label>
        </p>
        <p id="redact-selection" class="hint" role="status" aria-live="polite"></p>
        <button type="submit">Mark text</button>
      </form>
      <form id="redact-box" method="post" action={action}>
        <Csrf csrf={csrf} />
        <input type="hidden" name="kind" value="box" />
        <fieldset>
          <legend>A box, in the page image's pixels (PDF pages at 300 dpi)</legend>
          {(['page', 'x', 'y', 'w', 'h'] as const).map((f) => (
            <>
              <label for={`box-${f}`}>{f}</label> <input id={`box-${f}`} name={f} type="number" min={f === 'page' ? 1 : 0} required inputmode="numeric" />{' '}
            </>
          ))}
          <button type="submit">Mark box</button>
        </fieldset>
      </form>
      <form id="redact-page" method="post" action={action}>
        <Csrf csrf={csrf} />
        <input type="hidden" name="kind" value="page" />
        <label for="page-page">Whole page</label> <input id="page-page" name="page" type="number" min={1} max={pages} required inputmode="numeric" />{' '}
        <button type="submit">Mark page</button>
      </form>
    </section>
  );
}

/** GET /documents/:id/redact: marks, the original's text beside the newest derivative, and the check's report. */
export function RedactionPage({ doc, pages, marks, derivative, canEdit, user, csrf, nonce, error }: RedactionPageProps) {
  const check = derivative?.check;
  return (
    <Layout title={`Redact ${doc.title ?? doc.path}`} user={user} csrf={csrf} nonce={nonce}>
      <h1>Redact: {doc.title ?? doc.path}</h1>
      <p>
        <a href={`/documents/${doc.id}`}>Back to the document</a>. The original is never changed; it stays downloadable only here in the workbench.
      </p>
      {error ? <p class="error" role="alert">{error}</p> : null}
      <section aria-labelledby="marks-h" id="marks">
        <h2 id="marks-h">Marks ({marks.length})</h2>
        {marks.length === 0 ? <p>No marks yet.</p> : null}
        <ul>
          {marks.map((m) => (
            <li data-mark={m.id} data-state={m.state}>
              {describe(m)} · {m.state} · {m.createdBy}
              {canEdit && m.state === 'pending' ? (
                <form class="inline" method="post" action={`/documents/${doc.id}/redactions/${m.id}/delete`}>
                  <Csrf csrf={csrf} /> <button type="submit">Remove</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
        {canEdit ? (
          <form method="post" action={`/documents/${doc.id}/redactions/apply`} id="redact-apply">
            <Csrf csrf={csrf} />
            <button type="submit">Apply: make the redacted derivative and check it</button>
          </form>
        ) : null}
      </section>
      {canEdit ? <MarkForms id={doc.id} csrf={csrf} pages={pages.length} /> : null}
      <section aria-labelledby="check-h" id="check">
        <h2 id="check-h">Derivative and check</h2>
        {derivative && check ? (
          <>
            <p id="check-result" data-ok={String(check.ok)}>
              <strong>{check.ok ? 'Check passed' : 'Check FAILED: publication is blocked'}</strong> · {check.revisions} revision{check.revisions === 1 ? '' : 's'} · metadata: {check.metadata.length ? check.metadata.join(', ') : 'none'} · checked {check.checkedAt}
            </p>
            {check.leaks.length ? (
              <ul id="check-leaks">
                {check.leaks.map((l) => (
                  <li>page {l.page}: {l.text}</li>
                ))}
              </ul>
            ) : null}
            <p>
              Derivative {derivative.id} ({derivative.method}), {derivative.pages.length} pages, SHA-256 <code>{derivative.sha256}</code>.{' '}
              <a href={`/documents/${doc.id}/redacted.pdf`}>Download the redacted PDF</a>
            </p>
            {canEdit ? (
              <form method="post" action={`/documents/${doc.id}/redactions/check`}>
                <Csrf csrf={csrf} /> <button type="submit">Check again</button>
              </form>
            ) : null}
          </>
        ) : (
          <p>No derivative yet: apply the marks to make one.</p>
        )}
      </section>
      <div class="redact-side-by-side">
        <section aria-labelledby="original-h">
          <h2 id="original-h">Original</h2>
          {pages.map((p) => (
            <section class="page" id={`page-${p.page}`}>
              <h3>Page {p.page}</h3>
              {p.hasImage ? <img src={`/documents/${doc.id}/pages/${p.page}/image`} alt={`Original page ${p.page}`} loading="lazy" width={400} /> : null}
              <pre class="page-text">{p.text}</pre>
            </section>
          ))}
        </section>
        <section aria-labelledby="derivative-h">
          <h2 id="derivative-h">Redacted derivative</h2>
          {derivative
            ? derivative.pages.map((p) => (
                <figure>
                  <img src={`/documents/${doc.id}/redacted/pages/${p.page}/image`} alt={`Redacted page ${p.page}`} loading="lazy" width={400} />
                  <figcaption>Page {p.page}</figcaption>
                </figure>
              ))
            : null}
        </section>
      </div>
      <script src={assetUrl('redact.js')} defer></script>
    </Layout>
  );
}
