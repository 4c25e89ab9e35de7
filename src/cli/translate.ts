import fs from 'node:fs';
import type { Command, Option } from 'commander';
import { operator } from '../domain/actor.js';
import { DossierError } from '../domain/errors.js';
import { SEGMENT_STATUSES, type SegmentStatus } from '../domain/translation.js';
import { translationIndex } from '../jobs/index.js';
import { applyMachineTranslation, applySegmentCorrection, applyTranslationImport, machineServiceFrom, translationDetail, translationSegments, type CorrectionInput, type TranslationFrom } from '../publish/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';

type WithApp = <A extends unknown[]>(fn: (app: App, ...args: A) => Promise<unknown>) => (...args: A) => Promise<void>;

function documentId(text: string): number {
  if (!/^[1-9]\d{0,15}$/.test(text)) throw new DossierError('invalid_argument', `a document id is a positive whole number, got "${text}"`);
  return Number(text);
}

/** "3.12" → page 3, index 12. */
function segmentId(text: string): { page: number; index: number } {
  const m = /^(\d+)\.(\d+)$/.exec(text);
  if (!m) throw new DossierError('invalid_argument', `a segment is PAGE.INDEX (page from 1, index from 0), e.g. 3.0; got "${text}"`);
  return { page: Number(m[1]), index: Number(m[2]) };
}

function statusOf(text: string): SegmentStatus {
  if (!(SEGMENT_STATUSES as readonly string[]).includes(text)) throw new DossierError('invalid_argument', `status is one of ${SEGMENT_STATUSES.join(', ')}, got "${text}"`);
  return text as SegmentStatus;
}

const indexOf = (app: App) => translationIndex(app.db, app.searchIndex, () => app.analyser(), app.records);

/** A document id, unless a file of that name exists; else a file, read here. */
function translationFrom(text: string): TranslationFrom {
  if (/^[1-9]\d{0,15}$/.test(text) && !fs.existsSync(text)) return { kind: 'document', documentId: Number(text) };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(text);
  } catch (error) {
    throw new DossierError('invalid_argument', `cannot read the translation file ${text}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return { kind: 'file', name: text.split(/[\\/]/).pop() ?? text, bytes };
}

async function translateCommand(app: App, idText: string, options: { from?: string; machine?: boolean; json?: boolean }): Promise<void> {
  const id = documentId(idText);
  if (Boolean(options.from) === Boolean(options.machine)) throw new DossierError('invalid_argument', 'say where the translation comes from: --from DOC_OR_FILE, or --machine');
  if (options.from) {
    const summary = await applyTranslationImport(app.records, { actor: operator(), documentId: id, from: translationFrom(options.from), index: indexOf(app) });
    if (options.json) return printJson(summary);
    const links = Object.entries(summary.links).map(([k, n]) => `${n} × ${k}`).join(', ');
    console.log(`document ${id}: ${summary.segments} segments aligned with ${summary.from} (${links}); editors' corrections replayed ${summary.corrections.replayed}, skipped ${summary.corrections.skipped}`);
    return;
  }
  const summary = await applyMachineTranslation(app.records, { actor: operator(), documentId: id, service: machineServiceFrom(process.env), index: indexOf(app) });
  if (options.json) return printJson(summary);
  console.log(`document ${id}: ${summary.translated} segments machine-translated by ${summary.host} in ${summary.calls} call${summary.calls === 1 ? '' : 's'} (labelled "machine" until reviewed)`);
}

const LABEL: Record<SegmentStatus, string> = { untranslated: 'untranslated', machine: 'MACHINE TRANSLATION', draft: 'draft', reviewed: 'reviewed' };

async function translationCommand(app: App, idText: string, options: { json?: boolean }): Promise<void> {
  const id = documentId(idText);
  if (options.json) return printJson({ segments: await translationSegments(app.records, id) });
  const { translation, segments } = await translationDetail(app.records, id);
  if (!translation) throw new DossierError('not_found', `document ${id} has no translation: dossier translate ${id} --from DOC_OR_FILE`);
  console.log(`document ${id}: translation from ${translation.origin} ${translation.sourceRef}, ${segments.length} segments, updated ${translation.updatedAt}`);
  if (translation.lastError) console.log(`last machine translation failed: ${translation.lastError}`);
  for (const s of segments) {
    const idOf = s.index === null ? `${s.page}.-` : `${s.page}.${s.index}`;
    console.log(`\n[${idOf}] group ${s.group} · ${LABEL[s.status]} · ${s.updatedBy} ${s.updatedAt.slice(0, 16).replace('T', ' ')}`);
    if (s.source) console.log(`  zh  ${s.source}`);
    if (s.target !== null) console.log(`  en  ${s.target}`);
    if (s.note) console.log(`  !!  ${s.note}`);
  }
}

async function correct(app: App, idText: string, segment: string, correction: (at: { page: number; index: number }) => CorrectionInput): Promise<void> {
  const id = documentId(idText);
  const segments = await applySegmentCorrection(app.records, { actor: operator(), documentId: id, correction: correction(segmentId(segment)), index: indexOf(app) });
  console.log(`document ${id}: ${segments.length} segments in ${new Set(segments.map((s) => s.group)).size} groups`);
}

/** translate, translation, segment edit|status|split|merge|relink. */
export function addTranslateCommands(program: Command, withApp: WithApp, workspace: () => Option): void {
  program
    .command('translate')
    .description("translate a document beside its original: import an existing translation (aligned sentence by sentence) or ask the newsroom's machine translation service")
    .argument('<id>', 'the original document id')
    .option('--from <doc-or-file>', 'the translation: a document id in the workspace, or a UTF-8 text file (form feeds separate pages)')
    .option('--machine', 'machine-translate the untranslated segments through DOSSIER_MT_URL (a LibreTranslate-compatible service you run); off unless set')
    .option('--json', 'print a JSON summary')
    .addOption(workspace())
    .addHelpText('after', `
Editors' corrections (dossier segment …) are replayed after every re-import.
Environment: DOSSIER_MT_URL (e.g. http://127.0.0.1:5000; unset = no machine translation, nothing leaves
this machine), DOSSIER_MT_TIMEOUT_MS (default 30000). Every call is in the audit log.

Examples:
  dossier translate 12 --from 13
  dossier translate 12 --from report-en.txt
  DOSSIER_MT_URL=http://127.0.0.1:5000 dossier translate 12 --machine`)
    .action(withApp((app, id: string, opts: { from?: string; machine?: boolean; json?: boolean }) => translateCommand(app, id, opts)));

  program
    .command('translation')
    .description("a document's translation, segment by segment: original, translation, status (machine, draft, reviewed), who and when")
    .argument('<id>', 'the original document id')
    .option('--json', 'print {segments: [{page, index, source, target, status, group}]}')
    .addOption(workspace())
    .action(withApp((app, id: string, opts: { json?: boolean }) => translationCommand(app, id, opts)));

  const segment = program
    .command('segment')
    .description("correct a translation's segments (PAGE.INDEX names the original's sentence, e.g. 3.0); corrections survive a re-import")
    .addHelpText('after', `
Examples:
  dossier segment edit 12 1.0 "The meeting was held in Urumqi." --status reviewed
  dossier segment status 12 1.3 reviewed
  dossier segment split 12 1.4 --first "First part." --second "Second part."
  dossier segment merge 12 1.2
  dossier segment relink 12 1.5 --to previous`);
  segment
    .command('edit')
    .description("replace the translation of the segment's group")
    .argument('<id>', 'document id').argument('<segment>', 'PAGE.INDEX').argument('<text>', 'the translation')
    .option('--status <status>', 'draft or reviewed', 'draft')
    .addOption(workspace())
    .action(withApp((app, id: string, seg: string, text: string, opts: { status: string }) => correct(app, id, seg, (at) => ({ kind: 'edit', ...at, target: text, status: statusOf(opts.status) }))));
  segment
    .command('status')
    .description("set the status of the segment's group: draft, reviewed (or machine, untranslated)")
    .argument('<id>', 'document id').argument('<segment>', 'PAGE.INDEX').argument('<status>', SEGMENT_STATUSES.join(' | '))
    .addOption(workspace())
    .action(withApp((app, id: string, seg: string, status: string) => correct(app, id, seg, (at) => ({ kind: 'status', ...at, status: statusOf(status) }))));
  segment
    .command('split')
    .description('split a group before this sentence, which starts a new group')
    .argument('<id>', 'document id').argument('<segment>', 'PAGE.INDEX')
    .option('--first <text>', "the first group's translation (default: kept)", '')
    .option('--second <text>', "the new group's translation (default: none)", '')
    .addOption(workspace())
    .action(withApp((app, id: string, seg: string, opts: { first: string; second: string }) => correct(app, id, seg, (at) => ({ kind: 'split', ...at, targets: [opts.first, opts.second] }))));
  segment
    .command('merge')
    .description("merge the segment's group with the next group (their translations joined)")
    .argument('<id>', 'document id').argument('<segment>', 'PAGE.INDEX')
    .addOption(workspace())
    .action(withApp((app, id: string, seg: string) => correct(app, id, seg, (at) => ({ kind: 'merge', ...at }))));
  segment
    .command('relink')
    .description("move the group's first translated sentence to the previous group, or its last to the next")
    .argument('<id>', 'document id').argument('<segment>', 'PAGE.INDEX')
    .requiredOption('--to <where>', 'previous or next')
    .addOption(workspace())
    .action(withApp((app, id: string, seg: string, opts: { to: string }) => {
      if (opts.to !== 'previous' && opts.to !== 'next') throw new DossierError('invalid_argument', '--to is previous or next');
      return correct(app, id, seg, (at) => ({ kind: 'relink', ...at, move: opts.to === 'previous' ? 'to-previous' : 'to-next' }));
    }));
}
