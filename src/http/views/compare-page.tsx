import type { Comparison, InvisibleDifference, TextDifference } from '../../publish/index.js';
import type { SessionUser } from '../context.js';
import { assetUrl } from '../routes/assets.js';
import { Layout } from './layout.js';

export interface ComparePageProps {
  comparison: Comparison;
  user: SessionUser;
  csrf: string | null;
  nonce?: string;
}

interface Span {
  start: number;
  end: number;
  cls: string;
  title: string;
  /** Shown in place of an invisible character, which has no glyph of its own. */
  badge?: string;
}

/** A page's text with its differences marked (JSX escapes the text). */
function MarkedPage({ text, spans }: { text: string; spans: Span[] }) {
  const parts: unknown[] = [];
  let cursor = 0;
  for (const s of [...spans].sort((x, y) => x.start - y.start || x.end - y.end)) {
    if (s.start < cursor || s.end > text.length) continue;
    if (s.start > cursor) parts.push(text.slice(cursor, s.start));
    const inner = text.slice(s.start, s.end);
    parts.push(
      <mark class={s.cls} title={s.title}>
        {s.badge ?? inner}
        {s.badge ? inner : null}
      </mark>,
    );
    cursor = s.end;
  }
  parts.push(text.slice(cursor));
  return <pre class="compare-page-text">{parts}</pre>;
}

function spansOf(side: 'a' | 'b', page: number, text: TextDifference[], invisible: InvisibleDifference[]): Span[] {
  const spans: Span[] = [];
  for (const d of text) {
    const [p, start, end] = side === 'a' ? [d.pageA, d.startA, d.endA] : [d.pageB, d.startB, d.endB];
    if (p !== page || start === end) continue;
    const cls = d.kind === 'changed' ? 'diff-changed' : side === 'a' ? 'diff-deleted' : 'diff-inserted';
    spans.push({ start, end, cls, title: `${d.kind}: ${JSON.stringify(d.a)} → ${JSON.stringify(d.b)}` });
  }
  for (const d of invisible) {
    if (d.side !== side || d.page !== page) continue;
    // A whole file's CRLF (read from the stored bytes) marks the first line break; other marks are one character.
    const end = d.kind === 'line-break' && d.char.includes(' ') ? d.start : d.start + 1;
    spans.push({ start: d.start, end, cls: 'diff-invisible', title: `${d.kind} ${d.char}; the other copy has ${JSON.stringify(d.other)}`, badge: d.kind === 'zero-width' || d.kind === 'line-break' ? `⟨${d.char}⟩` : undefined });
  }
  return spans;
}

function Column({ side, comparison }: { side: 'a' | 'b'; comparison: Comparison }) {
  const doc = comparison[side];
  return (
    <section aria-labelledby={`copy-${side}`}>
      <h2 id={`copy-${side}`}>
        {side.toUpperCase()}: <a href={`/documents/${doc.id}`}>{doc.title ?? doc.path}</a>
      </h2>
      <p class="muted">{doc.path}</p>
      {doc.pages.map((p) => (
        <div class="compare-page" id={`${side}-page-${p.page}`}>
          <h3>Page {p.page}</h3>
          <MarkedPage text={p.text} spans={spansOf(side, p.page, comparison.text, comparison.invisible)} />
        </div>
      ))}
    </section>
  );
}

/** GET /compare?a=ID&b=ID: two copies side by side, text, invisible and metadata differences marked and listed. */
export function ComparePage({ comparison, user, csrf, nonce }: ComparePageProps) {
  const { text, invisible, metadata } = comparison;
  return (
    <Layout title={`Compare ${comparison.a.id} and ${comparison.b.id}`} user={user} csrf={csrf} nonce={nonce}>
      <link rel="stylesheet" href={assetUrl('verify.css')} />
      <h1>
        Compare documents {comparison.a.id} and {comparison.b.id}
      </h1>
      <p id="compare-summary">
        {text.length} text difference{text.length === 1 ? '' : 's'}, {invisible.length} invisible, {metadata.length} in metadata.
      </p>
      <p class="diff-legend">
        <span class="diff-deleted">only in A</span> <span class="diff-inserted">only in B</span> <span class="diff-changed">changed</span> <span class="diff-invisible">invisible mark</span>
      </p>
      {invisible.length > 0 ? (
        <section aria-labelledby="invisible-heading">
          <h2 id="invisible-heading">Invisible differences</h2>
          <table id="invisible-differences">
            <thead><tr><th scope="col">Kind</th><th scope="col">Copy</th><th scope="col">Page</th><th scope="col">Offset</th><th scope="col">Character</th><th scope="col">Other copy</th></tr></thead>
            <tbody>
              {invisible.map((d) => (
                <tr><td>{d.kind}</td><td>{d.side.toUpperCase()}</td><td>{d.page}</td><td>{d.start}</td><td>{d.char}</td><td>{JSON.stringify(d.other)}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {metadata.length > 0 ? (
        <section aria-labelledby="metadata-heading">
          <h2 id="metadata-heading">Metadata differences</h2>
          <table id="metadata-differences">
            <thead><tr><th scope="col">Field</th><th scope="col">A</th><th scope="col">B</th></tr></thead>
            <tbody>
              {metadata.map((d) => (
                <tr><td>{d.field}</td><td>{d.a ?? '—'}</td><td>{d.b ?? '—'}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <div class="compare-columns">
        <Column side="a" comparison={comparison} />
        <Column side="b" comparison={comparison} />
      </div>
    </Layout>
  );
}
