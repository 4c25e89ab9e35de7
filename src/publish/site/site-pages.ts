import { DossierError } from '../../domain/errors.js';
import type { Story } from '../../domain/story.js';
import type { Records } from '../../platform/db/records.js';
import { commentFormToken } from '../story/comments.js';
import { findQuotations } from '../story/quotations.js';
import { markdownText } from '../story/render-markdown.js';
import { popularStories } from '../story/views.js';
import { DocumentPage, EmbedPage, pagePassages } from './document-page.js';
import { atomFeed, robotsTxt, sitemap } from './feeds.js';
import { DocumentsPage, HomePage, NoticePage, SearchPage, type PublicHit } from './index-pages.js';
import type { SiteOptions } from './site-context.js';
import { StoryPage } from './story-page.js';

type Read = Pick<Records, 'read'>;

/** A JSX element as an HTML document. */
const html = async (element: unknown) => `<!DOCTYPE html>${String(await element)}`;

const idOf = (text: string) => (/^\d{1,9}$/.test(text) ? Number(text) : null);

/** The published stories and documents (the only records any public page reads). */
async function published(records: Read) {
  return { stories: await records.read.stories.list({ status: 'published' }), documents: await records.read.publications.list() };
}

export async function renderHome(records: Read, site: SiteOptions): Promise<string> {
  const { stories, documents } = await published(records);
  return html(HomePage({ site, stories, documents, popular: await popularStories(records, null) }));
}

export async function renderDocuments(records: Read, site: SiteOptions): Promise<string> {
  return html(DocumentsPage({ site, documents: await records.read.publications.list() }));
}

/** A published story, or null (drafts are as absent as a story that never was). */
export async function publishedStory(records: Read, slug: string): Promise<Story | null> {
  const story = await records.read.stories.bySlug(slug);
  return story?.status === 'published' ? story : null;
}

/** The story page; the comment form carries a fresh signed token unless the site is a static export. */
export async function renderStory(records: Read, site: SiteOptions, story: Story, notice: { kind: 'ok' | 'error'; text: string } | null = null): Promise<string> {
  const cited = [];
  for (const id of new Set(findQuotations(story.body).map((q) => q.documentId).concat([...story.body.matchAll(/\]\(doc:(\d+)/g)].map((m) => Number(m[1]))))) {
    const doc = await records.read.publications.byDocument(id);
    if (doc) cited.push({ id, title: doc.title });
  }
  const token = site.static || story.comments !== 'open' ? null : await commentFormToken(records, story.id);
  const comments = await records.read.comments.list({ storyId: story.id, status: 'approved' });
  return html(StoryPage({ site, model: { story, comments, popular: await popularStories(records, story), cited, token, notice } }));
}

export async function renderDocument(records: Read, site: SiteOptions, idText: string): Promise<string | null> {
  const id = idOf(idText);
  const doc = id === null ? null : await records.read.publications.byDocument(id);
  if (!doc) return null;
  const stories = await records.read.stories.list({ status: 'published' });
  const citedBy = stories.filter((s) => new RegExp(`\\]\\(doc:${doc.documentId}[#)]`).test(s.body)).map((s) => ({ slug: s.slug, title: s.title }));
  return html(DocumentPage({ site, model: { doc, notes: await records.read.publications.publicNotes(doc.documentId), citedBy } }));
}

export async function renderEmbed(records: Read, site: SiteOptions, idText: string, pageText: string | undefined): Promise<string | null> {
  const id = idOf(idText);
  const doc = id === null ? null : await records.read.publications.byDocument(id);
  if (!doc) return null;
  const page = pageText === undefined || pageText === '' ? null : idOf(pageText);
  if (page !== null && !doc.pages.some((p) => p.page === page)) return null;
  if (pageText && page === null) return null;
  return html(EmbedPage({ site, doc, page }));
}

export const renderNotice = (site: SiteOptions, root: string, title: string, text: string) => html(NoticePage({ site, root, title, text }));
export const renderSearch = (site: SiteOptions, query: string, hits: PublicHit[]) => html(SearchPage({ site, query, hits }));

export async function renderFeed(records: Read, site: SiteOptions): Promise<string> {
  const { stories, documents } = await published(records);
  return atomFeed(site, stories, documents);
}

export async function renderSitemap(records: Read, site: SiteOptions): Promise<string> {
  const { stories, documents } = await published(records);
  return sitemap(site, stories, documents);
}

export { robotsTxt };

/** The blob of a published document's file: the derivative PDF or one page's image (never the original). */
export async function publishedFile(records: Read, idText: string, what: { pdf: true } | { page: string }): Promise<string | null> {
  const id = idOf(idText);
  const doc = id === null ? null : await records.read.publications.byDocument(id);
  if (!doc) return null;
  if ('pdf' in what) return doc.derivativeSha256;
  const page = idOf(what.page);
  return doc.pages.find((p) => p.page === page)?.image ?? null;
}

export interface OembedAnswer {
  version: '1.0';
  type: 'rich';
  title: string;
  provider_name: string;
  provider_url: string;
  html: string;
  width: number;
  height: number;
}

/**
 * oEmbed for a published document (or one of its passages): `url` must be this site's
 * /documents/ID/ address; anything else is not_found, a missing url invalid_argument.
 */
export async function oembed(records: Read, site: SiteOptions, url: string | undefined, options: { maxwidth?: string; maxheight?: string } = {}): Promise<OembedAnswer> {
  if (!url) throw new DossierError('invalid_argument', 'url is required: the address of a published document on this site');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DossierError('invalid_argument', `url is not an address: "${url}"`);
  }
  const base = new URL(site.baseUrl);
  const match = /^\/documents\/(\d{1,9})\/?$/.exec(parsed.pathname.slice(base.pathname.length - 1));
  if (parsed.origin !== base.origin || !parsed.pathname.startsWith(base.pathname) || !match) throw new DossierError('not_found', 'that address is not a published document of this site');
  const doc = await records.read.publications.byDocument(Number(match[1]));
  if (!doc) throw new DossierError('not_found', 'that address is not a published document of this site');
  const page = /^#p(\d+)/.exec(parsed.hash)?.[1];
  const width = Math.min(Number(options.maxwidth) || 800, 800);
  const height = Math.min(Number(options.maxheight) || 600, 600);
  const src = new URL(`embed/documents/${doc.documentId}/${page ? `?page=${page}` : ''}`, site.baseUrl).toString();
  const title = doc.title.replace(/[<>&"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[ch]!);
  return {
    version: '1.0',
    type: 'rich',
    title: doc.title,
    provider_name: site.name,
    provider_url: site.baseUrl,
    html: `<iframe src="${src}" width="${width}" height="${height}" title="${title}" style="border:1px solid #ccc" loading="lazy"></iframe>`,
    width,
    height,
  };
}

/** What the public search looks through: each story's text and each published page's passages (derivative text and reviewed translation only). */
export async function publicSearchCorpus(records: Read): Promise<Array<{ kind: 'story' | 'document'; title: string; href: string; text: string }>> {
  const { stories, documents } = await published(records);
  const out: Array<{ kind: 'story' | 'document'; title: string; href: string; text: string }> = [];
  for (const s of stories) out.push({ kind: 'story', title: s.title, href: `stories/${s.slug}/`, text: [s.title, s.dek ?? '', ...s.takeaways, markdownText(s.body)].join('\n') });
  for (const d of documents) {
    for (const page of d.pages) {
      const passages = pagePassages(page, d.translation);
      out.push({ kind: 'document', title: `${d.title}, page ${page.page}`, href: `documents/${d.documentId}/#p${page.page}`, text: [page.text, ...passages.map((p) => p.target ?? '')].join('\n') });
    }
  }
  return out;
}
