import { type Command, type Option } from 'commander';
import { operator } from '../domain/actor.js';
import { DossierError } from '../domain/errors.js';
import { listComments, moderateComment } from '../publish/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';
import { cliActor } from './user.js';

type WithApp = <A extends unknown[]>(fn: (app: App, ...args: A) => Promise<unknown>) => (...args: A) => Promise<void>;

/** `dossier comments ls|approve|reject|spam`: the moderation queue, from the command line. */
export function registerCommentCommands(program: Command, withApp: WithApp, workspace: () => Option): void {
  const comments = program.command('comments').description("readers' comments on stories: pre-moderated, nothing shows until approved");
  comments
    .command('ls')
    .description('list comments (all, or only those awaiting moderation)')
    .option('--pending', 'only comments awaiting moderation')
    .option('--json', 'print JSON: [{id, storySlug, name, body, status, reason, createdAt}]')
    .addOption(workspace())
    .action(
      withApp(async (app, opts: { pending?: boolean; json?: boolean }) => {
        const list = await listComments(app.records, { pending: opts.pending });
        if (opts.json) return printJson(list);
        if (list.length === 0) console.log(opts.pending ? 'No comment is awaiting moderation.' : 'No comments.');
        for (const c of list) console.log(`${c.id}\t${c.status}${c.reason ? ` (${c.reason})` : ''}\t${c.storySlug}\t${c.name}: ${c.body.replace(/\s+/g, ' ').slice(0, 100)}`);
      }),
    );
  for (const decision of ['approve', 'reject', 'spam'] as const) {
    comments
      .command(decision)
      .description(decision === 'approve' ? 'show a comment on its story' : decision === 'reject' ? 'refuse a comment (never shown)' : 'mark a comment as spam (never shown)')
      .argument('<id>', 'the comment (from comments ls)')
      .option('--json', 'print JSON: the comment')
      .addOption(workspace())
      .action(
        withApp(async (app, idText: string, opts: { json?: boolean }) => {
          if (!/^\d{1,9}$/.test(idText)) throw new DossierError('invalid_argument', `a comment id is a whole number, got "${idText}"`);
          const c = await moderateComment(app.records, { actor: operator(cliActor()), id: Number(idText), decision });
          if (opts.json) printJson(c);
          else console.log(`Comment ${c.id} on ${c.storySlug}: ${c.status}.`);
        }),
      );
  }
}
