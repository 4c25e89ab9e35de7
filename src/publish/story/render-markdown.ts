import MarkdownIt from 'markdown-it';

/**
 * A story body's Markdown as HTML, safely: raw HTML is shown as text (html: false), images in the
 * body are off (the feature image is the one image, served by the site: no third-party request),
 * links to other sites get rel="noopener noreferrer", and a passage link `doc:12#p3` becomes the
 * relative address of the published passage.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
md.disable(['image']);

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));

md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const root = String((env as RenderEnv | undefined)?.root ?? '');
  const href = String(token.attrGet('href') ?? '');
  const passage = /^doc:(\d+)#(p\d+(?:-s\d+)?)$/.exec(href);
  if (passage) {
    token.attrSet('href', `${root}documents/${passage[1]}/#${passage[2]}`);
    token.attrSet('class', 'quotation');
  } else if (/^doc:/.test(href)) {
    token.attrSet('href', `${root}documents/${href.slice(4).replace(/[^0-9].*$/, '')}/`);
  } else if (/^https?:/i.test(href)) {
    token.attrSet('rel', 'noopener noreferrer');
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

interface RenderEnv {
  root: string;
}

/** Rendered bodies by root and source: a story page is served far more often than it changes. */
const rendered = new Map<string, string>();
const CACHE_ENTRIES = 200;

/** Markdown → HTML; `root` is the relative path from the page to the site's root ("../../"). */
export function renderMarkdown(markdown: string, root: string): string {
  const key = `${root}\u0000${markdown}`;
  const hit = rendered.get(key);
  if (hit !== undefined) return hit;
  const html = md.render(markdown, { root } satisfies RenderEnv);
  if (rendered.size >= CACHE_ENTRIES) rendered.delete(rendered.keys().next().value!);
  rendered.set(key, html);
  return html;
}

/** The body as plain text (for search, the feed's summary and the description). */
export function markdownText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
