import { type Command, type Option } from 'commander';
import { operator } from '../domain/actor.js';
import { DossierError, isDossierError } from '../domain/errors.js';
import { publishDocument, RedactedDerivativeSource, ReviewedTranslationSource, setNotePublic, unpublishDocument } from '../publish/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';
import { cliActor } from './user.js';

type WithApp = <A extends unknown[]>(fn: (app: App, ...args: A) => Promise<unknown>) => (...args: A) => Promise<void>;

const documentId = (text: string) => {
  if (!/^\d{1,9}$/.test(text)) throw new DossierError('invalid_argument', `a document id is a whole number, got "${text}"`);
  return Number(text);
};

/** `dossier publish ID` / `dossier unpublish ID`. */
export function registerPublishCommands(program: Command, withApp: WithApp, workspace: () => Option): void {
  program
    .command('publish')
    .description("publish a document's redacted derivative on the public site (made afresh, metadata stripped, checked); a failed check refuses (exit 2)")
    .argument('<id>', 'the document')
    .option('--json', 'print JSON: {id, url, pages, derivative} or {error: {code, message}}')
    .addOption(workspace())
    .action(
      withApp(async (app, idText: string, opts: { json?: boolean }) => {
        const id = documentId(idText);
        try {
          const derivatives = new RedactedDerivativeSource({ records: app.records, blobs: app.blobs });
          const translations = new ReviewedTranslationSource(app.records);
          const result = await publishDocument(app.records, { derivatives, translations }, { actor: operator(cliActor()), documentId: id });
          if (opts.json) printJson({ id: result.id, url: result.url, pages: result.publication.pages.length, derivative: result.publication.derivativeSha256, reviewedSegments: result.publication.translation.length });
          else console.log(`Published document ${id} (${result.publication.pages.length} page(s), redacted derivative ${result.publication.derivativeSha256.slice(0, 12)}…) at ${result.url}`);
        } catch (error) {
          if (opts.json && isDossierError(error)) printJson({ error: { code: error.code, message: error.message } });
          throw error;
        }
      }),
    );
  program
    .command('unpublish')
    .description('take a document off the public site: page, search, feed, sitemap, oEmbed and embeds')
    .argument('<id>', 'the document')
    .option('--json', 'print JSON: {id, unpublished}')
    .addOption(workspace())
    .action(
      withApp(async (app, idText: string, opts: { json?: boolean }) => {
        const result = await unpublishDocument(app.records, { actor: operator(cliActor()), documentId: documentId(idText) });
        if (opts.json) printJson(result);
        else console.log(`Document ${result.id} is no longer published.`);
      }),
    );
  const note = program.command('note').description("make an editor's note on a document public (shown on its published page) or private again");
  for (const visibility of ['public', 'private'] as const) {
    note
      .command(visibility)
      .description(visibility === 'public' ? 'show the note on the public page of its document (refused when it spells a redacted string)' : 'take the note off the public page')
      .argument('<document>', 'the document')
      .argument('<note>', "the note's id (as the workbench's API lists them)")
      .addOption(workspace())
      .action(
        withApp(async (app, docText: string, noteText: string) => {
          await setNotePublic(app.records, { actor: operator(cliActor()), documentId: documentId(docText), noteId: documentId(noteText), public: visibility === 'public' });
          console.log(`Note ${noteText} on document ${docText} is now ${visibility}.`);
        }),
      );
  }
}
