import { stringify } from 'yaml';
import type { Actor } from '../../domain/actor.js';
import type { Story } from '../../domain/story.js';
import type { Records } from '../../platform/db/records.js';
import type { ImageStore } from '../ports.js';
import { applyStorySource } from './stories.js';

/**
 * The workbench's story editor posts form fields; they become the same Markdown-with-front-matter
 * text that `dossier story create` reads, so one parser checks both and answers the same errors
 * (a posted field the form does not know goes into the front matter and is refused by name).
 */

/** Form fields that are not front matter: the anti-forgery token, buttons, the image controls. */
const NOT_FRONT_MATTER = new Set(['csrf', 'action', 'remove_image', 'image']);
const CONTEXT_FIELD = /^context_(\d{1,3})_(label|title|url|source)$/;
/** How many empty context rows the editor offers below the filled ones. */
export const EMPTY_CONTEXT_ROWS = 2;

const lines = (value: string | undefined): string[] => (value ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

/** The story source for posted form fields; `imageName` is the uploaded file's name, if one came. */
export function storySourceFromForm(form: Record<string, string>, imageName: string | null): string {
  const front: Record<string, unknown> = {};
  const context = new Map<number, Record<string, string>>();
  for (const [key, raw] of Object.entries(form)) {
    const value = raw.trim();
    const ctx = CONTEXT_FIELD.exec(key);
    if (ctx) {
      const row = context.get(Number(ctx[1])) ?? {};
      if (value) row[ctx[2]!] = value;
      context.set(Number(ctx[1]), row);
      continue;
    }
    if (NOT_FRONT_MATTER.has(key) || key === 'body' || value === '') continue;
    if (key === 'takeaways') front.takeaways = lines(raw);
    else if (key === 'tags') front.tags = value.split(',').map((t) => t.trim()).filter(Boolean);
    else front[key] = value;
  }
  const links = [...context.entries()].sort(([a], [b]) => a - b).map(([, row]) => row).filter((row) => Object.keys(row).length > 0);
  if (links.length > 0) front.context = links;
  if (imageName) front.image = imageName.replace(/^[a-z]+:/i, '') || 'upload';
  return `---\n${stringify(front, { lineWidth: 0 })}---\n${form.body ?? ''}\n`;
}

/** A story's fields as the editor's form shows them (the inverse of storySourceFromForm). */
export function storyFormValues(story: Story | null): Record<string, string> {
  if (!story) return { comments: 'closed' };
  const values: Record<string, string> = {
    title: story.title,
    slug: story.slug,
    dek: story.dek ?? '',
    byline: story.byline ?? '',
    date: story.date ?? '',
    image_alt: story.imageAlt ?? '',
    image_credit: story.imageCredit ?? '',
    takeaways: story.takeaways.join('\n'),
    comments: story.comments,
    tags: story.tags.join(', '),
    body: story.body,
  };
  story.context.forEach((link, i) => {
    for (const field of ['label', 'title', 'url', 'source'] as const) values[`context_${i + 1}_${field}`] = link[field];
  });
  return values;
}

/** How many context rows the form shows for these values. */
export function contextRows(values: Record<string, string>): number {
  let last = 0;
  for (const key of Object.keys(values)) {
    const m = CONTEXT_FIELD.exec(key);
    if (m && Number(m[1]) <= 100) last = Math.max(last, Number(m[1]));
  }
  return last + EMPTY_CONTEXT_ROWS;
}

/**
 * Save the editor's form: the same command as `dossier story create` (applyStorySource), with the
 * uploaded feature image (if any) and, when none came, the image the story already has unless
 * `remove_image` was ticked.
 */
export async function saveStoryForm(records: Pick<Records, 'transact'>, blobs: ImageStore, input: { actor: Actor; form: Record<string, string>; upload: { name: string; bytes: Buffer } | null }): Promise<{ story: Story; created: boolean }> {
  const source = storySourceFromForm(input.form, input.upload ? input.upload.name || 'upload' : null);
  return applyStorySource(records, blobs, { actor: input.actor, source, baseDir: '.', upload: input.upload, keepImage: !input.upload && input.form.remove_image !== 'on' });
}
