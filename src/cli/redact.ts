import type { Command, Option } from 'commander';
import { operator } from '../domain/actor.js';
import { DossierError } from '../domain/errors.js';
import type { BurnedBox, PixelBox, RedactionCheck, RedactionMark } from '../domain/redaction.js';
import { checkDerivative, checkPdf, latestDerivative, listMarks, markBox, markPage, markText, produceDerivative, unmark } from '../publish/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';

export interface RedactOptions {
  text?: string[];
  allForms?: boolean;
  box?: string[];
  page?: string[];
  list?: boolean;
  remove?: string[];
  apply?: boolean;
  check?: boolean;
  json?: boolean;
  user?: string;
}

const positive = (text: string, what: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new DossierError('invalid_argument', `${what} is a positive whole number, got "${text}"`);
  return n;
};

/** PAGE:X,Y,W,H → a page and a box in its pixel space. */
export function parseBox(text: string): { page: number; box: PixelBox } {
  const m = /^(\d+):(-?[\d.]+),(-?[\d.]+),(-?[\d.]+),(-?[\d.]+)$/.exec(text.trim());
  if (!m) throw new DossierError('invalid_argument', `a box is PAGE:X,Y,W,H (pixels of the page image), got "${text}"`);
  return { page: positive(m[1]!, 'the page'), box: { x: Number(m[2]), y: Number(m[3]), w: Number(m[4]), h: Number(m[5]) } };
}

export function describeMark(m: RedactionMark): string {
  const where = m.kind === 'text' ? `"${m.text}"${m.page ? ` on page ${m.page}` : ' on every page'}` : m.kind === 'box' ? `page ${m.page} box ${m.box.x},${m.box.y},${m.box.w},${m.box.h}` : `the whole of page ${m.page}`;
  return `${String(m.id).padStart(5)}  ${m.state.padEnd(8)} ${m.kind.padEnd(5)} ${where}  · ${m.reason} · ${m.createdBy}`;
}

function printCheck(check: Pick<RedactionCheck, 'ok' | 'leaks' | 'revisions' | 'metadata'>): void {
  console.log(`Check: ${check.ok ? 'passed' : 'FAILED'} · ${check.revisions} revision${check.revisions === 1 ? '' : 's'} · metadata: ${check.metadata.length ? check.metadata.join(', ') : 'none'} · leaks: ${check.leaks.length}`);
  for (const leak of check.leaks) console.log(`  leak on page ${leak.page}: ${leak.text}`);
}

/** `dossier redact ID …`: mark, review, remove marks; apply them to a checked derivative. */
export async function redactCommand(app: App, idText: string, options: RedactOptions): Promise<void> {
  const documentId = positive(idText, 'a document id');
  const actor = operator(options.user ?? 'cli');
  const deps = { records: app.records, blobs: app.blobs };
  const made: RedactionMark[] = [];
  for (const text of options.text ?? []) {
    const result = await markText(deps, { actor, documentId, text, allForms: options.allForms });
    made.push(...result.marks);
    if (!options.json) console.log(`Marked "${text}"${result.forms.length > 1 ? ` and ${result.forms.slice(1).map((f) => `"${f}"`).join(', ')}` : ''}: ${result.occurrences} occurrence${result.occurrences === 1 ? '' : 's'}.`);
  }
  for (const spec of options.box ?? []) {
    const { page, box } = parseBox(spec);
    made.push(await markBox(deps, { actor, documentId, page, box }));
    if (!options.json) console.log(`Marked a box on page ${page}.`);
  }
  for (const page of options.page ?? []) {
    made.push(await markPage(deps, { actor, documentId, page: positive(page, 'a page') }));
    if (!options.json) console.log(`Marked page ${page}.`);
  }
  for (const id of options.remove ?? []) {
    const mark = await unmark(app.records, { actor, documentId, markId: positive(id, 'a mark id') });
    if (!options.json) console.log(`Removed mark ${mark.id}.`);
  }
  if (options.json && made.length > 0 && !options.apply && !options.list) for (const m of made) printJson(m);
  if (options.list) {
    const marks = await listMarks(app.records, documentId);
    if (options.json) return void printJson({ documentId, marks });
    if (marks.length === 0) console.log(`No marks on document ${documentId}.`);
    for (const m of marks) console.log(describeMark(m));
  }
  if (options.apply) {
    const result = await produceDerivative(deps, { actor, documentId });
    if (options.json) printJson(result);
    else {
      console.log(`Derivative ${result.id} (${result.method}): ${result.pages} page${result.pages === 1 ? '' : 's'}, SHA-256 ${result.derivative}`);
      printCheck(result.check);
    }
    if (!result.check.ok) process.exitCode = 1;
  }
  if (options.check) {
    const latest = await latestDerivative(app.records, documentId);
    if (!latest) throw new DossierError('invalid_argument', `document ${documentId} has no redacted derivative: run dossier redact ${documentId} --apply`);
    const check = await checkDerivative(deps, latest.id, actor);
    if (options.json) printJson({ derivative: latest.sha256, pages: latest.pages.length, check });
    else printCheck(check);
    if (!check.ok) process.exitCode = 1;
  }
}

/** `dossier redact-check FILE --text …`: the derivative check on any PDF (a file someone else redacted). */
export async function redactCheckCommand(file: string, options: { text?: string[]; box?: string[]; json?: boolean }): Promise<void> {
  const boxes: BurnedBox[] = (options.box ?? []).map(parseBox).map(({ page, box }) => ({ page, x: (box.x * 72) / 300, y: (box.y * 72) / 300, w: (box.w * 72) / 300, h: (box.h * 72) / 300 }));
  const check = await checkPdf(file, (options.text ?? []).map((text) => ({ page: null, text })), boxes).catch((error: unknown) => {
    throw new DossierError('invalid_argument', `cannot check ${file}: ${error instanceof Error ? error.message : String(error)}`);
  });
  if (options.json) printJson(check);
  else printCheck(check);
  if (!check.ok) process.exitCode = 1;
}

type WithApp = <A extends unknown[]>(fn: (app: App, ...args: A) => Promise<unknown>) => (...args: A) => Promise<void>;
const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Wire `redact` and `redact-check` into the program. */
export function addRedactCommands(program: Command, withApp: WithApp, workspace: () => Option): void {
  program
    .command('redact')
    .description('mark text, boxes and pages to redact; review and remove marks; apply them to a redacted, checked PDF derivative (the original is never changed)')
    .argument('<id>', 'document id')
    .option('--text <text>', 'mark every occurrence, folded as normalised search folds (case, width, accents, traditional/simplified); repeatable', collect)
    .option('--all-forms', 'with --text: also every other form of the entity it names (陈全国 → Chen Quanguo, 陳全國)')
    .option('--box <PAGE:X,Y,W,H>', 'mark a rectangle in the page image\'s pixels (PDF pages: 300 dpi; scans: the image); repeatable', collect)
    .option('--page <n>', 'mark a whole page; repeatable', collect)
    .option('--list', 'list the marks (pending ones can still be removed)')
    .option('--remove <markId>', 'remove a pending mark; repeatable', collect)
    .option('--apply', 'make the redacted derivative from every mark, and check it (exit 1 when the check fails)')
    .option('--check', 'check the newest derivative again (as publication does)')
    .option('--user <name>', 'your name in the audit log', 'cli')
    .option('--json', 'JSON: marks made; {documentId, marks} with --list; {derivative, pages, check: {ok, leaks, revisions, metadata}, id, method} with --apply')
    .addOption(workspace())
    .addHelpText(
      'after',
      `
Examples:
  dossier redact 12 --text "陈全国" --all-forms
  dossier redact 12 --box 2:300,400,900,120 --page 5
  dossier redact 12 --list
  dossier redact 12 --remove 7
  dossier redact 12 --apply --json

The check (run by --apply and --check): poppler's pdftotext reads the derivative (and any earlier
revision); every redacted string is searched for, folded (NFKC, traditional → simplified, case,
whitespace and zero-width characters removed); the file must have one revision, no Info or XMP
metadata, no annotations, attachments, forms or JavaScript; every box must render opaque.
Exit codes: 0 done, 1 the check failed, 2 bad input (mark outside the page, failed or encrypted
document, an apply already running).`,
    )
    .action(withApp((app, id: string, opts: RedactOptions) => redactCommand(app, id, opts)));
  program
    .command('redact-check')
    .description('run the redaction check on any PDF: are these strings still in it, more than one revision, metadata, boxes not opaque?')
    .argument('<file>', 'a PDF')
    .option('--text <text>', 'a string that must not be in the file; repeatable', collect)
    .option('--box <PAGE:X,Y,W,H>', 'a region (page pixels at 300 dpi) that must render opaque; repeatable', collect)
    .option('--json', 'print the report as JSON: {ok, leaks: [{page, text}], revisions, metadata, transparentBoxes}')
    .action((file: string, opts: { text?: string[]; box?: string[]; json?: boolean }) => redactCheckCommand(file, opts));
}
