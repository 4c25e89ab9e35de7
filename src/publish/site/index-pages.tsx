import type { Publication, Story } from '../../domain/story.js';
import type { StoryStats } from '../story/views.js';
import type { SiteOptions } from './site-context.js';
import { SiteLayout } from './site-layout.js';
import { humanDate } from './story-page.js';

/** The front page: published stories, newest first, and the most read. */
export function HomePage({ site, stories, documents, popular }: { site: SiteOptions; stories: Story[]; documents: Publication[]; popular: StoryStats[] }) {
  return (
    <SiteLayout site={site} root="./" title={site.name} path="" description={`Stories and the documents behind them, published by ${site.name}.`}>
      <h1>{site.name}</h1>
      <section aria-labelledby="stories-h">
        <h2 id="stories-h">Stories</h2>
        {stories.length === 0 ? <p>Nothing is published yet.</p> : null}
        {stories.map((s) => (
          <article class="teaser">
            <h3><a href={`stories/${s.slug}/`}>{s.title}</a></h3>
            {s.dek ? <p class="dek">{s.dek}</p> : null}
            <p class="meta">{[s.byline, humanDate(s.date ?? s.publishedAt)].filter(Boolean).join(' · ')}</p>
          </article>
        ))}
      </section>
      {documents.length ? (
        <section aria-labelledby="docs-h">
          <h2 id="docs-h">Documents</h2>
          <ul>{documents.map((d) => <li><a href={`documents/${d.documentId}/`}>{d.title}</a> <span class="meta">({d.pages.length} page(s))</span></li>)}</ul>
        </section>
      ) : null}
      {popular.length ? (
        <aside class="popular" aria-labelledby="popular-h">
          <h2 id="popular-h">Popular posts</h2>
          <ol>{popular.map((p) => <li><a href={`stories/${p.slug}/`}>{p.title}</a></li>)}</ol>
        </aside>
      ) : null}
    </SiteLayout>
  );
}

/** /documents/: every published document. */
export function DocumentsPage({ site, documents }: { site: SiteOptions; documents: Publication[] }) {
  return (
    <SiteLayout site={site} root="../" title="Documents" path="documents/">
      <h1>Documents</h1>
      {documents.length === 0 ? <p>No document is published yet.</p> : null}
      <ul>{documents.map((d) => <li><a href={`${d.documentId}/`}>{d.title}</a> <span class="meta">({d.pages.length} page(s), published {d.publishedAt.slice(0, 10)})</span></li>)}</ul>
    </SiteLayout>
  );
}

export interface PublicHit {
  kind: 'story' | 'document';
  title: string;
  /** Relative to the site's root: stories/x/ or documents/12/#p3. */
  href: string;
  /** The snippet, split into [text, marked?] runs. */
  snippet: Array<[string, boolean]>;
  lang: string;
}

/** /search/?q=…: stories and published documents (their published text only). */
export function SearchPage({ site, query, hits }: { site: SiteOptions; query: string; hits: PublicHit[] }) {
  return (
    <SiteLayout site={site} root="../" title={query ? `Search: ${query}` : 'Search'} path="search/">
      <h1>Search</h1>
      <form method="get" action="./" role="search" aria-label="Search again">
        <label for="q">Words in Chinese or English (names match across scripts: Xi Jinping finds 习近平)</label>{' '}
        <input id="q" type="search" name="q" value={query} />{' '}
        <button type="submit">Search</button>
      </form>
      {query ? <p role="status">{hits.length === 0 ? 'Nothing matched.' : `${hits.length} result(s)`}</p> : null}
      <ol class="hits">
        {hits.map((h) => (
          <li>
            <a href={`../${h.href}`}>{h.title}</a> <span class="meta">({h.kind})</span>
            <p lang={h.lang}>{h.snippet.map(([text, marked]) => (marked ? <mark>{text}</mark> : text))}</p>
          </li>
        ))}
      </ol>
    </SiteLayout>
  );
}

/** A short page for "not found" and refusals, at a known depth. */
export function NoticePage({ site, root, title, text }: { site: SiteOptions; root: string; title: string; text: string }) {
  return (
    <SiteLayout site={site} root={root} title={title} path="">
      <h1>{title}</h1>
      <p>{text}</p>
      <p><a href={root}>Back to the front page</a></p>
    </SiteLayout>
  );
}
