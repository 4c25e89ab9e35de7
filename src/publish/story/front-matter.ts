import { parseDocument } from 'yaml';
import { DossierError } from '../../domain/errors.js';
import type { ContextLink, StoryFields } from '../../domain/story.js';

/** The fields a story file's front matter may hold; anything else is refused. */
const FIELDS = ['title', 'slug', 'dek', 'byline', 'date', 'image', 'image_alt', 'image_credit', 'takeaways', 'context', 'comments', 'tags'] as const;
const CONTEXT_FIELDS = ['label', 'title', 'url', 'source'] as const;

export interface ParsedStoryFile {
  fields: StoryFields;
  /** The feature image's path as written (relative to the story file). */
  image: string | null;
}

const bad = (message: string) => new DossierError('invalid_argument', message);

function text(value: unknown, field: string, max = 500): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' && typeof value !== 'number') throw bad(`front matter: "${field}" must be text`);
  const out = String(value).trim();
  if (out.length > max) throw bad(`front matter: "${field}" is longer than ${max} characters`);
  return out === '' ? null : out;
}

function list(value: unknown, field: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw bad(`front matter: "${field}" must be a list`);
  return value;
}

/** A slug: lower-case letters, digits and dashes, as it appears in the story's address. */
export function checkSlug(slug: string): string {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) || slug.length > 120) throw bad(`slug "${slug}" must be lower-case letters, digits and single dashes (at most 120), e.g. "xinjiang-police-files"`);
  return slug;
}

function slugOf(title: string): string {
  return title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

function contextLink(value: unknown, n: number): ContextLink {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad(`front matter: context item ${n} must be {label, title, url, source}`);
  const entry = value as Record<string, unknown>;
  for (const key of Object.keys(entry)) if (!(CONTEXT_FIELDS as readonly string[]).includes(key)) throw bad(`front matter: context item ${n} has an unknown field "${key}" (allowed: ${CONTEXT_FIELDS.join(', ')})`);
  const label = text(entry.label, `context[${n}].label`, 120);
  const title = text(entry.title, `context[${n}].title`);
  const url = text(entry.url, `context[${n}].url`, 2000);
  const source = text(entry.source, `context[${n}].source`, 200) ?? '';
  if (!label || !title || !url) throw bad(`front matter: context item ${n} needs a label, a title and a url`);
  if (!/^https?:\/\/[^\s/]+/i.test(url)) throw bad(`front matter: context item ${n}'s url must start with http:// or https://, got "${url}"`);
  return { label, title, url, source };
}

/**
 * Split a story file into its YAML front matter and Markdown body and check every field:
 * an unknown field, a missing title or a malformed value is an error naming the field.
 */
export function parseStoryFile(source: string): ParsedStoryFile {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) throw bad('a story file starts with front matter between two "---" lines (title: …, slug: …), then the Markdown body');
  const doc = parseDocument(match[1]!, { schema: 'core', uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) throw bad(`front matter is not valid YAML: ${doc.errors[0]!.message}`);
  const data: unknown = doc.toJS();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw bad('front matter must be a set of "field: value" lines');
  const fm = data as Record<string, unknown>;
  for (const key of Object.keys(fm)) if (!(FIELDS as readonly string[]).includes(key)) throw bad(`front matter: unknown field "${key}" (allowed: ${FIELDS.join(', ')})`);
  const title = text(fm.title, 'title');
  if (!title) throw bad('front matter: "title" is missing');
  const slug = checkSlug(text(fm.slug, 'slug', 120) ?? slugOf(title));
  const date = text(fm.date, 'date', 40);
  if (date !== null && (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))) throw bad(`front matter: "date" must be YYYY-MM-DD, got "${date}"`);
  const comments = text(fm.comments, 'comments', 10) ?? 'closed';
  if (comments !== 'open' && comments !== 'closed') throw bad(`front matter: "comments" is open or closed, got "${comments}"`);
  const image = text(fm.image, 'image', 1000);
  const imageAlt = text(fm.image_alt, 'image_alt', 1000);
  if (image && !imageAlt) throw bad('front matter: "image_alt" (a description of the image for readers who cannot see it) is required with "image"');
  const body = match[2]!.trim();
  if (body.length > 1_000_000) throw bad('the story body is longer than 1,000,000 characters');
  return {
    image,
    fields: {
      title,
      slug,
      dek: text(fm.dek, 'dek', 1000),
      byline: text(fm.byline, 'byline', 200),
      date,
      imageAlt,
      imageCredit: text(fm.image_credit, 'image_credit'),
      takeaways: list(fm.takeaways, 'takeaways').map((t, i) => text(t, `takeaways[${i + 1}]`, 2000) ?? ''),
      context: list(fm.context, 'context').map((c, i) => contextLink(c, i + 1)),
      comments,
      tags: list(fm.tags, 'tags').map((t, i) => text(t, `tags[${i + 1}]`, 64) ?? ''),
      body,
    },
  };
}
