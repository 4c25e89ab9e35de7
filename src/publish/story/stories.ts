import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { auditUser, mayEdit, type Actor } from '../../domain/actor.js';
import { DossierError } from '../../domain/errors.js';
import type { Publication, Story } from '../../domain/story.js';
import type { Records, Repositories } from '../../platform/db/records.js';
import type { ImageStore } from '../ports.js';
import { parseStoryFile } from './front-matter.js';
import { checkQuotations, findQuotations, type QuotationProblem } from './quotations.js';
import { QuoteMismatchError } from './quote-mismatch.js';

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/avif'];
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

function requireEditor(actor: Actor): void {
  if (!mayEdit(actor)) throw new DossierError('invalid_argument', 'only editors and administrators write and publish stories');
}

/** Check a feature image by its content: only PNG, JPEG, WebP, GIF and AVIF. */
async function checkImage(bytes: Buffer, name: string): Promise<{ bytes: Buffer; mime: string }> {
  if (bytes.length > MAX_IMAGE_BYTES) throw new DossierError('invalid_argument', `image ${name} is larger than 20 MB`);
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !IMAGE_TYPES.includes(type.mime)) throw new DossierError('invalid_argument', `image ${name} is not an image (PNG, JPEG, WebP, GIF or AVIF); its content is ${type?.mime ?? 'unknown'}`);
  return { bytes, mime: type.mime };
}

/** Read and check the feature image of a story file. */
async function readImage(file: string): Promise<{ bytes: Buffer; mime: string }> {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    if (stat.size > MAX_IMAGE_BYTES) throw new DossierError('invalid_argument', `image ${file} is larger than 20 MB`);
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof DossierError) throw error;
    throw new DossierError('invalid_argument', `image ${file} cannot be read: no such file`);
  }
  return checkImage(bytes, file);
}

/** The quotations of a body that do not match their published passage. */
export async function quotationProblems(repos: Pick<Repositories, 'publications'>, body: string): Promise<QuotationProblem[]> {
  const quotations = findQuotations(body);
  const publications = new Map<number, Publication | null>();
  for (const id of new Set(quotations.map((q) => q.documentId))) publications.set(id, await repos.publications.byDocument(id));
  return checkQuotations(quotations, (id) => publications.get(id) ?? null);
}

/**
 * Create a story from the text of a Markdown file with front matter (or replace the one with
 * its slug). The image is read relative to `baseDir`, or is `upload` (the workbench editor's
 * file, named by `image` in the front matter); with `keepImage` and no image named, an edited
 * story keeps the one it has. A published story stays published only if its quotations still
 * match; otherwise nothing changes.
 */
export async function applyStorySource(records: Pick<Records, 'transact'>, blobs: ImageStore, input: { actor: Actor; source: string; baseDir: string; upload?: { bytes: Buffer } | null; keepImage?: boolean }): Promise<{ story: Story; created: boolean }> {
  requireEditor(input.actor);
  const { fields, image } = parseStoryFile(input.source);
  let stored: { sha256: string; mime: string } | null = null;
  if (image) {
    if (/^[a-z]+:/i.test(image)) throw new DossierError('invalid_argument', `image "${image}" must be a file path: the site serves its own copy (no third-party request)`);
    const { bytes, mime } = input.upload ? await checkImage(input.upload.bytes, image) : await readImage(path.resolve(input.baseDir, image));
    stored = { sha256: (await blobs.putBuffer(bytes)).sha256, mime };
  }
  return records.transact(async (tx) => {
    const existing = await tx.stories.bySlug(fields.slug);
    if (!image && input.keepImage && existing?.image) {
      if (!fields.imageAlt) throw new DossierError('invalid_argument', 'front matter: "image_alt" (a description of the image for readers who cannot see it) is required with "image"');
      stored = existing.image;
    }
    if (existing?.status === 'published') {
      const problems = await quotationProblems(tx, fields.body);
      if (problems.length > 0) throw new QuoteMismatchError(problems);
    }
    const saved = await tx.stories.save(fields, stored);
    await tx.audit.append({ ...auditUser(input.actor), action: saved.created ? 'story.create' : 'story.edit', detail: { slug: fields.slug, id: saved.story.id } });
    return saved;
  });
}

/** `dossier story create FILE.md`: the file's story, as a draft (or updated in place). */
export async function createStoryFromFile(records: Pick<Records, 'transact'>, blobs: ImageStore, input: { actor: Actor; file: string }): Promise<{ story: Story; created: boolean }> {
  let source: string;
  try {
    source = fs.readFileSync(input.file, 'utf8');
  } catch {
    throw new DossierError('invalid_argument', `cannot read ${input.file}: no such file`);
  }
  return applyStorySource(records, blobs, { actor: input.actor, source, baseDir: path.dirname(path.resolve(input.file)) });
}

/** Publish a story: refused (quote_mismatch) when a quotation does not occur in its published passage. */
export async function publishStory(records: Pick<Records, 'transact'>, input: { actor: Actor; slug: string }): Promise<Story> {
  requireEditor(input.actor);
  return records.transact(async (tx) => {
    const story = await tx.stories.bySlug(input.slug);
    if (!story) throw new DossierError('not_found', `no story with the slug "${input.slug}"`);
    const problems = await quotationProblems(tx, story.body);
    if (problems.length > 0) throw new QuoteMismatchError(problems);
    await tx.stories.setStatus(story.id, 'published');
    await tx.audit.append({ ...auditUser(input.actor), action: 'story.publish', detail: { slug: story.slug, id: story.id } });
    return (await tx.stories.bySlug(input.slug))!;
  });
}

/** Take a story off the public site (it stays as a draft). */
export async function unpublishStory(records: Pick<Records, 'transact'>, input: { actor: Actor; slug: string }): Promise<Story> {
  requireEditor(input.actor);
  return records.transact(async (tx) => {
    const story = await tx.stories.bySlug(input.slug);
    if (!story) throw new DossierError('not_found', `no story with the slug "${input.slug}"`);
    await tx.stories.setStatus(story.id, 'draft');
    await tx.audit.append({ ...auditUser(input.actor), action: 'story.unpublish', detail: { slug: story.slug, id: story.id } });
    return (await tx.stories.bySlug(input.slug))!;
  });
}

export interface StoryListing {
  slug: string;
  title: string;
  status: Story['status'];
  publishedAt: string | null;
  comments: Story['comments'];
  /** Quotations of the story that no longer match their published passage. */
  brokenQuotes: QuotationProblem[];
}

/** Every story with its status and, for published ones, the quotations that no longer match. */
export async function listStories(records: Pick<Records, 'read'>): Promise<StoryListing[]> {
  const stories = await records.read.stories.list();
  const out: StoryListing[] = [];
  for (const s of stories) {
    out.push({ slug: s.slug, title: s.title, status: s.status, publishedAt: s.publishedAt, comments: s.comments, brokenQuotes: s.status === 'published' ? await quotationProblems(records.read, s.body) : [] });
  }
  return out;
}
