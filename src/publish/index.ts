/**
 * The publish stage: what the newsroom puts in public. story/ holds stories (Markdown with front
 * matter, quotations bound to passages), comments and cookie-less view counts; site/ renders the
 * public site (pages, feeds, oEmbed) from published records only, and publishes documents from
 * their checked redacted derivative.
 */
export type { DerivativeSource, Derivative, DerivativePage, DerivativeCheck, ImageStore, TranslationSource, TranslationSegment } from './ports.js';
// Stories
/** Create or update a story from a Markdown file, publish and unpublish it, list stories with their broken quotations. */
export { applyStorySource, createStoryFromFile, listStories, publishStory, unpublishStory, quotationProblems, type StoryListing } from './story/stories.js';
export { parseStoryFile, checkSlug } from './story/front-matter.js';
export { findQuotations, normaliseQuotation, quotationOccurs, type Quotation, type QuotationProblem } from './story/quotations.js';
export { QuoteMismatchError } from './story/quote-mismatch.js';
export { renderMarkdown, markdownText } from './story/render-markdown.js';
/** Readers' comments: submit (token, honeypot, rate limit, pre-moderation), moderate, list. */
export { submitComment, moderateComment, listComments, MAX_COMMENT_CHARS } from './story/comments.js';
/** Views counted without cookies, "popular posts" and `site stats`. */
export { countView, storyStats, popularStories, type StoryStats } from './story/views.js';
// The public site
export { publishDocument, unpublishDocument, setNotePublic } from './site/publish-document.js';
export { StrippedDerivativeSource } from './site/stripped-derivative.js';
export { SITE_CSS } from './site/site-css.js';
export type { SiteOptions } from './site/site-context.js';
export type { PublicHit } from './site/index-pages.js';
/** Render the public pages, feeds and answers, reading only what is published. */
export { oembed, publicSearchCorpus, publishedFile, publishedStory, renderDocument, renderDocuments, renderEmbed, renderFeed, renderHome, renderNotice, renderSearch, renderSitemap, renderStory, robotsTxt, type OembedAnswer } from './site/site-pages.js';
