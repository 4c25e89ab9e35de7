/**
 * The publish stage: what a newsroom does before and while publishing. verify/: re-hash the
 * stored files and check the audit chain, BagIt manifests with chain of custody, versions and
 * near-duplicates, and the comparison of two copies.
 */
export { verifyStoredFiles, mayVerify, type VerifyReport, type StoredFileProblem } from './verify/verify-stored-files.js';
export { exportManifest, type ManifestSummary } from './verify/export-manifest.js';
export { verifyManifest, type ManifestCheck } from './verify/verify-manifest.js';
export { compareDocuments, type Comparison, type ComparedDocument } from './verify/compare-documents.js';
export type { TextDifference, InvisibleDifference } from './verify/compare-text.js';
export type { MetadataDifference } from './verify/compare-metadata.js';
export { findSimilar, type SimilarDocument } from './verify/find-similar.js';
export { collapseNearDuplicates, COLLAPSE_SIMILARITY } from './verify/collapse-hits.js';
export type { BlobReader, AuditCheck } from './verify/ports.js';
/** The publish stage's entry: what http, cli and jobs may import (verify, translate, redact, story and site add theirs). */
export * from './translate/index.js';
export * from './redact/index.js';
export type { DerivativeSource, Derivative, DerivativePage, DerivativeCheck, ImageStore, TranslationSource, TranslationSegment } from './ports.js';
// Stories
/** Create or update a story from a Markdown file, publish and unpublish it, list stories with their broken quotations. */
export { applyStorySource, createStoryFromFile, listStories, publishStory, unpublishStory, quotationProblems, type StoryListing } from './story/stories.js';
export { parseStoryFile, checkSlug } from './story/front-matter.js';
/** The workbench's story editor: form fields become the same story source the CLI reads. */
export { saveStoryForm, storyFormValues, contextRows } from './story/story-form.js';
export { findQuotations, normaliseQuotation, quotationOccurs, type Quotation, type QuotationProblem } from './story/quotations.js';
export { QuoteMismatchError } from './story/quote-mismatch.js';
export { renderMarkdown, markdownText } from './story/render-markdown.js';
/** Readers' comments: submit (token, honeypot, rate limit, pre-moderation), moderate, list. */
export { submitComment, moderateComment, listComments, MAX_COMMENT_CHARS } from './story/comments.js';
/** Views counted without cookies, "popular posts" and `site stats`. */
export { countView, storyStats, popularStories, type StoryStats } from './story/views.js';
// The public site
export { publishDocument, unpublishDocument, setNotePublic } from './site/publish-document.js';
export { RedactedDerivativeSource, ReviewedTranslationSource } from './site/redacted-sources.js';
export { SITE_CSS } from './site/site-css.js';
export type { SiteOptions } from './site/site-context.js';
export type { PublicHit } from './site/index-pages.js';
/** Render the public pages, feeds and answers, reading only what is published. */
export { oembed, publicSearchCorpus, publishedFile, publishedStory, renderDocument, renderDocuments, renderEmbed, renderFeed, renderHome, renderNotice, renderSearch, renderSitemap, renderStory, robotsTxt, type OembedAnswer } from './site/site-pages.js';
