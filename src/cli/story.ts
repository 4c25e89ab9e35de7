import type { Command, Option } from 'commander';
import { operator } from '../domain/actor.js';
import { isDossierError } from '../domain/errors.js';
import { createStoryFromFile, listStories, publishStory, QuoteMismatchError, unpublishStory } from '../publish/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';
import { cliActor } from './user.js';

type WithApp = <A extends unknown[]>(fn: (app: App, ...args: A) => Promise<unknown>) => (...args: A) => Promise<void>;

/** With --json, a refusal is printed as {error: {code, message, quotes?}} on stdout (exit 2) as well as thrown. */
async function answer<T>(json: boolean | undefined, run: () => Promise<T>, print: (value: T) => void): Promise<void> {
  try {
    print(await run());
  } catch (error) {
    if (json && isDossierError(error)) {
      printJson({ error: { code: error.code, message: error.message, ...(error instanceof QuoteMismatchError ? { quotes: error.quotes } : {}) } });
    }
    throw error;
  }
}

/** `dossier story create|publish|unpublish|ls`. */
export function registerStoryCommands(program: Command, withApp: WithApp, workspace: () => Option): void {
  const story = program.command('story').description('stories of the public site, written as Markdown files with front matter');
  story
    .command('create')
    .description('create a story (a draft) from a Markdown file, or update the story with its slug')
    .argument('<file>', 'the Markdown file: front matter between --- lines, then the body')
    .option('--json', 'print JSON: {slug, title, status, created, url}')
    .addOption(workspace())
    .addHelpText(
      'after',
      `
Front matter fields (any other field is refused):
  title (required), slug (default: from the title), dek, byline, date (YYYY-MM-DD),
  image (a path to a PNG/JPEG/WebP/GIF/AVIF, relative to the file), image_alt (required with image),
  image_credit, takeaways (a list), context (a list of {label, title, url, source}),
  comments (open | closed, default closed), tags (a list)
A quotation bound to a passage is a link to doc:ID#pN (a page) or doc:ID#pN-sK (a segment):
  Officials were told to [“show absolutely no mercy”](doc:12#p3).
Example:
  dossier story create stories/xinjiang.md && dossier story publish xinjiang-police-files`,
    )
    .action(
      withApp((app, file: string, opts: { json?: boolean }) =>
        answer(opts.json, () => createStoryFromFile(app.records, app.blobs, { actor: operator(cliActor()), file }), ({ story: s, created }) => {
          if (opts.json) printJson({ slug: s.slug, title: s.title, status: s.status, created, url: `/stories/${s.slug}/` });
          else console.log(`${created ? 'Created' : 'Updated'} story "${s.title}" (${s.slug}, ${s.status}). Publish it with: dossier story publish ${s.slug}`);
        }),
      ),
    );
  story
    .command('publish')
    .description('publish a story; refused (exit 2, quote_mismatch) when a quotation is not on its published page')
    .argument('<slug>', 'the story')
    .option('--json', 'print JSON: {slug, status, url} or {error: {code, message, quotes}}')
    .addOption(workspace())
    .action(
      withApp((app, slug: string, opts: { json?: boolean }) =>
        answer(opts.json, () => publishStory(app.records, { actor: operator(cliActor()), slug }), (s) => {
          if (opts.json) printJson({ slug: s.slug, status: s.status, url: `/stories/${s.slug}/` });
          else console.log(`Published "${s.title}" at /stories/${s.slug}/`);
        }),
      ),
    );
  story
    .command('unpublish')
    .description('take a story off the public site (it stays as a draft)')
    .argument('<slug>', 'the story')
    .option('--json', 'print JSON: {slug, status}')
    .addOption(workspace())
    .action(
      withApp((app, slug: string, opts: { json?: boolean }) =>
        answer(opts.json, () => unpublishStory(app.records, { actor: operator(cliActor()), slug }), (s) => {
          if (opts.json) printJson({ slug: s.slug, status: s.status });
          else console.log(`Unpublished "${s.title}"; it is a draft again.`);
        }),
      ),
    );
  story
    .command('ls')
    .description('list stories: slug, status, title, and quotations that no longer match their published passage')
    .option('--json', 'print JSON: [{slug, title, status, publishedAt, comments, brokenQuotes}]')
    .addOption(workspace())
    .action(
      withApp(async (app, opts: { json?: boolean }) => {
        const stories = await listStories(app.records);
        if (opts.json) return printJson(stories);
        if (stories.length === 0) console.log('No stories yet: dossier story create FILE.md');
        for (const s of stories) {
          console.log(`${s.slug}\t${s.status}\t${s.title}`);
          for (const q of s.brokenQuotes) console.log(`  broken quotation "${q.text}" (doc:${q.documentId}#p${q.page}: ${q.problem})`);
        }
      }),
    );
}
