import { raw } from 'hono/html';
import type { SessionUser } from '../context.js';
import { totalText } from '../../domain/search.js';
import type { SearchResult } from '../../search/index.js';
import { Layout } from './layout.js';

export interface SearchPageProps {
  params: { q: string; mode: string; match: string; limit: number; offset: number; collapse?: boolean };
  result: SearchResult | null;
  error?: string;
  user: SessionUser;
  csrf: string | null;
  nonce?: string;
}

const MODES: Array<[string, string, string]> = [
  ['normalised', 'Normalised', 'case, accents, traditional and simplified Chinese folded'],
  ['exact', 'Exact', 'as typed, in its script'],
  ['cross-script', 'Cross-script', 'also pinyin and aliases: Xi Jinping finds 习近平'],
];

const FACET_NAMES: Record<string, string> = { type: 'Type', lang: 'Language', collection: 'Collection', year: 'Year', sender: 'Sender', tag: 'Tag' };

/** The query-language filter a facet value adds to the query. */
function facetFilter(facet: string, value: string): string {
  const quote = (v: string) => (/[\s"():]/.test(v) ? `"${v.replace(/"/g, '')}"` : v);
  if (facet === 'year') return `date:${value}`;
  if (facet === 'sender') {
    const address = /<([^>]+)>/.exec(value)?.[1] ?? value;
    return `from:${quote(address)}`;
  }
  return `${facet}:${quote(value)}`;
}

function searchUrl(q: string, mode: string, match: string, offset = 0): string {
  const params = new URLSearchParams({ q, mode });
  if (match !== 'all') params.set('match', match);
  if (offset) params.set('offset', String(offset));
  return `/search?${params.toString()}`;
}

/** /search: the query form (works without JavaScript), counts, facets as links, hits with marked snippets, pages. */
export function SearchPage({ params, result, error, user, csrf, nonce }: SearchPageProps) {
  const { q, mode, match, limit, offset } = params;
  const total = result?.total ?? 0;
  const pages = Math.ceil(total / limit);
  const current = Math.floor(offset / limit);
  const pageLinks = Array.from({ length: pages }, (_, i) => i).filter((i) => i === 0 || i === pages - 1 || Math.abs(i - current) <= 3);
  return (
    <Layout title={q ? `Search: ${q}` : 'Search'} user={user} csrf={csrf} nonce={nonce} headerSearch={false}>
      <h1>Search</h1>
      <form method="get" action="/search" class="search-form" role="search" id="search-form">
        <div class="search-row">
          <label for="q">Words, "phrases", filters</label>
          <input id="q" name="q" type="search" value={q} autofocus={!q} aria-describedby="q-help" />
          <button type="submit">Search</button>
        </div>
        <fieldset class="modes">
          <legend>Mode</legend>
          {MODES.map(([value, name, help]) => (
            <label class="mode">
              <input type="radio" name="mode" value={value} checked={mode === value} /> {name} <span class="muted">— {help}</span>
            </label>
          ))}
        </fieldset>
        <label class="match-any">
          <input type="checkbox" name="match" value="any" checked={match === 'any'} /> Rank by any word (for a pasted paragraph)
        </label>
        <label class="match-any">
          <input type="checkbox" name="collapse" value="1" checked={Boolean(params.collapse)} /> Collapse near-duplicates
        </label>
        <details id="q-help">
          <summary>Query language</summary>
          <ul class="plain small">
            <li><code>新疆 Chen</code> both must match · <code>"closed management"</code> a phrase · <code>train*</code> a prefix</li>
            <li><code>新疆 AND (培训 OR 教育) NOT 旅游</code> · <code>-word</code> excludes</li>
            <li><code>title:通知</code> <code>from:li.wen</code> <code>to:tips</code> · <code>type:pdf</code> <code>lang:zh</code> <code>collection:NAME</code> <code>date:2017-01..2017-06</code></li>
          </ul>
        </details>
      </form>

      {error ? <div class="alert" role="alert"><p>The query could not be read:</p><pre>{error}</pre></div> : null}

      {result ? (
        <div class="results-layout">
          <section class="results" aria-labelledby="results-h">
            <h2 id="results-h" aria-live="polite">
              {totalText(total, result?.totalIsLowerBound)} document{total === 1 ? '' : 's'} match “{q}”
              {total > limit ? <span class="muted"> · {offset + 1}–{Math.min(offset + limit, total)}</span> : null}
            </h2>
            <ol class="hits" start={offset + 1}>
              {result.hits.map((hit) => {
                const href = `/documents/${hit.id}?${new URLSearchParams({ q, mode }).toString()}#page-${hit.page}`;
                const why = hit.matched.filter((m) => m.via === 'pinyin' || m.via === 'syllables' || m.via === 'alias');
                return (
                  <li class="hit">
                    <h3><a href={href}>{hit.title || hit.path.split(/!\/|\//).pop()}</a></h3>
                    <p class="hit-meta muted">
                      {hit.collection} · page {hit.page}{hit.mime ? ` · ${hit.mime}` : ''}{hit.date ? ` · ${hit.date.slice(0, 10)}` : ''} · <span class="path">{hit.path}</span>
                    </p>
                    {hit.matchedIn === 'translation' ? <p class="matched-in">Matched in translation (the reviewed English translation of page {hit.page})</p> : null}
                    {hit.snippet ? <p class="snippet">{raw(hit.snippet)}</p> : null}
                    {'duplicates' in hit && Array.isArray(hit.duplicates) && hit.duplicates.length ? <p class="duplicates muted">+ {hit.duplicates.length} near-duplicate{hit.duplicates.length === 1 ? '' : 's'}: {hit.duplicates.map((id: number) => <a href={`/documents/${id}`}>{id} </a>)}</p> : null}
                    {why.length ? <p class="why muted">matched {why.map((m) => `“${m.term}” by ${m.via} (${m.as})`).join('; ')}</p> : null}
                  </li>
                );
              })}
            </ol>
            {pages > 1 ? (
              <nav aria-label="Result pages" class="pagination">
                <ul>
                  {current > 0 ? <li><a href={searchUrl(q, mode, match, (current - 1) * limit)} rel="prev">Previous</a></li> : null}
                  {pageLinks.map((i) => (
                    <li>{i === current ? <span aria-current="page">{i + 1}</span> : <a href={searchUrl(q, mode, match, i * limit)}>{i + 1}</a>}</li>
                  ))}
                  {current < pages - 1 ? <li><a href={searchUrl(q, mode, match, (current + 1) * limit)} rel="next">Next</a></li> : null}
                </ul>
              </nav>
            ) : null}
          </section>
          {result.facets ? (
            <aside class="facets" aria-labelledby="facets-h">
              <h2 id="facets-h">Narrow down</h2>
              {Object.entries(result.facets).filter(([, counts]) => Object.keys(counts).length > 0).map(([facet, counts]) => (
                <section class="facet">
                  <h3>{FACET_NAMES[facet] ?? facet}</h3>
                  <ul class="plain">
                    {Object.entries(counts).slice(0, 10).map(([value, n]) => (
                      <li><a href={searchUrl(`${q} ${facetFilter(facet, value)}`, mode, match)}>{value}</a> <span class="count">{n}</span></li>
                    ))}
                  </ul>
                </section>
              ))}
            </aside>
          ) : null}
        </div>
      ) : null}
    </Layout>
  );
}
