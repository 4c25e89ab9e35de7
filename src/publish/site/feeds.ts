import type { Publication, Story } from '../../domain/story.js';
import { markdownText } from '../story/render-markdown.js';
import { xmlEscape, type SiteOptions } from './site-context.js';

const abs = (site: SiteOptions, path: string) => new URL(path, site.baseUrl).toString();

/** /feed.atom: published stories and documents, newest first. */
export function atomFeed(site: SiteOptions, stories: Story[], documents: Publication[]): string {
  const entries = [
    ...stories.map((s) => ({ id: abs(site, `stories/${s.slug}/`), title: s.title, updated: s.updatedAt, published: s.publishedAt ?? s.updatedAt, summary: s.dek ?? markdownText(s.body).slice(0, 300), author: s.byline })),
    ...documents.map((d) => ({ id: abs(site, `documents/${d.documentId}/`), title: d.title, updated: d.updatedAt, published: d.publishedAt, summary: `A document of ${d.pages.length} page(s), published in full.`, author: null as string | null })),
  ].sort((a, b) => b.updated.localeCompare(a.updated));
  const updated = entries[0]?.updated ?? new Date(0).toISOString();
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${xmlEscape(site.name)}</title>
  <id>${xmlEscape(site.baseUrl)}</id>
  <link rel="alternate" href="${xmlEscape(site.baseUrl)}"/>
  <link rel="self" href="${xmlEscape(abs(site, 'feed.atom'))}"/>
  <updated>${updated}</updated>
  <author><name>${xmlEscape(site.name)}</name></author>
${entries
  .map(
    (e) => `  <entry>
    <title>${xmlEscape(e.title)}</title>
    <id>${xmlEscape(e.id)}</id>
    <link rel="alternate" href="${xmlEscape(e.id)}"/>
    <published>${e.published}</published>
    <updated>${e.updated}</updated>
${e.author ? `    <author><name>${xmlEscape(e.author)}</name></author>\n` : ''}    <summary>${xmlEscape(e.summary)}</summary>
  </entry>`,
  )
  .join('\n')}
</feed>
`;
}

/** /sitemap.xml: the front page and every published item, with its last change. */
export function sitemap(site: SiteOptions, stories: Story[], documents: Publication[]): string {
  const urls = [
    { loc: abs(site, ''), lastmod: [...stories.map((s) => s.updatedAt), ...documents.map((d) => d.updatedAt)].sort().pop() ?? null },
    ...stories.map((s) => ({ loc: abs(site, `stories/${s.slug}/`), lastmod: s.updatedAt })),
    ...documents.map((d) => ({ loc: abs(site, `documents/${d.documentId}/`), lastmod: d.updatedAt })),
  ];
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map((u) => `  <url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod.slice(0, 10)}</lastmod>` : ''}</url>`).join('\n')}
</urlset>
`;
}

/** /robots.txt: everything may be read but the embeds and oEmbed answers; where the sitemap is. */
export function robotsTxt(site: SiteOptions): string {
  return `User-agent: *\nDisallow: /embed/\nDisallow: /oembed\nDisallow: /search/\n\nSitemap: ${abs(site, 'sitemap.xml')}\n`;
}
