import { Command, Option } from 'commander';
import type { App, OpenApp } from './app.js';
import { demoCommand } from './demo.js';
import { dictAddCommand, dictListCommand } from './dict.js';
import { ingestCommand } from './ingest.js';
import { lsCommand } from './ls.js';
import { ocrCommand, type OcrOptions } from './ocr.js';
import { reindexCommand } from './reindex.js';
import { searchCommand, type SearchCommandOptions } from './search.js';
import { showCommand } from './show.js';
import { statusCommand } from './status.js';

export interface ProgramDeps {
  openApp: OpenApp;
  examplesDir: string;
  version: string;
}

/** The `dossier` command line: one subcommand per file in this folder. */
export function buildProgram(deps: ProgramDeps): Command {
  const program = new Command('dossier')
    .description('Dossier: ingest, read and search a leak of documents in Chinese and English.')
    .version(deps.version)
    .showHelpAfterError()
    .addHelpText(
      'after',
      `
Workspace: all state (dossier.db and blobs/) lives in one folder, chosen by --workspace DIR,
else $DOSSIER_HOME, else ./data.

Environment: DOSSIER_HOME, DOSSIER_WORKERS (extraction processes, default: cores),
DOSSIER_PDF_ENGINE (auto|poppler|pdfjs), DOSSIER_FILE_TIMEOUT_MS (default 120000),
DOSSIER_MAX_FILE_BYTES (default 2 GiB), DOSSIER_WORKER_MEMORY_MB (default 1024),
DOSSIER_OCR_ENGINE (auto|tesseract|tesseract.js), DOSSIER_OCR_LANGS (default chi_sim+eng),
DOSSIER_OCR_PAGE_TIMEOUT_MS (default 300000).

Examples:
  dossier ingest ~/leak --collection leak-2026
  dossier status
  dossier ls --status failed
  dossier search '新疆 "vocational training"'
  dossier show 42 --json`,
    );

  const withApp =
    <A extends unknown[]>(fn: (app: App, ...args: A) => Promise<unknown>) =>
    async (...args: A) => {
      const command = args[args.length - 1] as Command;
      const app = await deps.openApp({ workspace: command.optsWithGlobals().workspace });
      try {
        await fn(app, ...args);
      } finally {
        await app.close();
      }
    };
  const workspace = () => new Option('-w, --workspace <dir>', 'the workspace folder (default: $DOSSIER_HOME or ./data)');

  program
    .command('ingest')
    .description('store, read and index files, folders and archives; resumable and idempotent')
    .argument('<paths...>', 'files or folders to ingest')
    .option('-c, --collection <name>', 'the collection to add them to', 'default')
    .option('--json', 'print a JSON summary: files, documents, ok, failed, …')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--no-ocr', 'do not OCR scans and images now; they wait for `dossier ocr --pending`')
    .option('--ocr-lang <langs>', 'tesseract languages for OCR (default: $DOSSIER_OCR_LANGS or chi_sim+eng)')
    .addOption(workspace())
    .action(withApp((app, paths: string[], opts: { collection: string; json?: boolean; quiet?: boolean; ocr?: boolean; ocrLang?: string }) => ingestCommand(app, paths, opts)));

  program
    .command('ocr')
    .description('OCR a scanned PDF or image again (some pages, other languages), or every document waiting for OCR')
    .argument('[id]', 'the document to read again')
    .option('-p, --page <n...>', 'only these pages')
    .option('-l, --lang <langs>', 'tesseract languages, e.g. chi_tra+eng (default chi_sim+eng)')
    .option('--pending', 'read every document waiting for OCR')
    .option('--json', 'print a JSON summary')
    .addOption(workspace())
    .action(withApp((app, id: string | undefined, opts: OcrOptions) => ocrCommand(app, id, opts)));

  program
    .command('status')
    .description('counts of documents by status, failure reason, type and collection')
    .option('--json', 'print JSON: documents, byStatus, byReason, byType, byCollection, needsOcr, queued, ocrQueued')
    .addOption(workspace())
    .action(withApp((app, opts: { json?: boolean }) => statusCommand(app, opts)));

  program
    .command('ls')
    .description('list documents, one per line')
    .option('--json', 'one JSON object per line: id, path, mime, status, reason, parent, collection, sha256, …')
    .option('--status <status>', 'only documents with this status: ok, failed or pending')
    .option('-c, --collection <name>', 'only documents of this collection')
    .addOption(workspace())
    .action(withApp((app, opts: { json?: boolean; status?: string; collection?: string }) => lsCommand(app, opts)));

  program
    .command('show')
    .description("a document's metadata, paths, children and text by page")
    .argument('<id>', 'document id (from ls or search)')
    .option('--json', 'print JSON, with text (all text) and pages ([{page, text}])')
    .addOption(workspace())
    .action(withApp((app, id: string, opts: { json?: boolean }) => showCommand(app, id, opts)));

  program
    .command('search')
    .description('full-text search in Chinese and English, with three modes and a query language')
    .argument('<query>', 'words, "phrases", prefix*, AND/OR/NOT, ( ), title:/from:/to:, type:/lang:/collection:/date:')
    // A query may start with -word (NOT word): it is the query, not an option.
    .allowUnknownOption()
    .addOption(new Option('-m, --mode <mode>', 'exact (as typed, in its script), normalised (case, accents, traditional/simplified folded) or cross-script (also pinyin and aliases)').choices(['exact', 'normalised', 'cross-script']).default('normalised'))
    .addOption(new Option('--match <how>', 'all: every term must match; any: rank by how well any term matches (for a pasted paragraph)').choices(['all', 'any']).default('all'))
    .option('--json', 'print JSON: {query, mode, total, hits: [{id, path, title, page, start, end, highlights, snippet, matched, …}], facets}')
    .option('--facets', 'also count matches by type, language, collection, year and sender')
    .option('-n, --limit <n>', 'how many hits to show', '20')
    .option('--offset <n>', 'skip this many hits (for paging)', '0')
    .addOption(workspace())
    .addHelpText(
      'after',
      `
Query language:
  新疆 Chen                 both must match (default); --match any ranks by any
  "closed management"       a phrase; Chinese words are matched as written, in any run of text
  train*                    prefix
  新疆 AND (培训 OR 教育) NOT 旅游     boolean, with parentheses; -word is NOT word
  title:通知  from:li.wen  to:tips     a term in the title, sender or recipients
  type:pdf type:email       types: pdf, email, word, spreadsheet, presentation, html, text, image, archive (or a media type)
  lang:zh  collection:leak-2026
  date:2017  date:2017-03  date:2017-01..2017-06  date:..2016-12`,
    )
    .action(withApp((app, query: string, opts: SearchCommandOptions) => searchCommand(app, query, opts)));

  program
    .command('reindex')
    .description('rebuild the search index from stored text (after the analysis chain changes)')
    .option('--json', 'print a JSON summary')
    .addOption(workspace())
    .action(withApp((app, opts: { json?: boolean }) => reindexCommand(app, opts)));

  const dict = program.command('dict').description("the workspace's dictionary of names: they segment as one word and match across scripts");
  dict
    .command('add')
    .description('add a name in Han script with its Latin forms, then reindex')
    .argument('<han>', 'the name in Han characters, e.g. 陈全国')
    .option('-a, --alias <latin...>', 'Latin forms, e.g. "Chen Quanguo"')
    .addOption(new Option('-t, --type <type>', 'what it names').choices(['person', 'place', 'org', 'name']).default('name'))
    .option('-c, --collection <name>', 'the collection it came from (for the record)')
    .option('--no-reindex', 'do not reindex now (run dossier reindex later)')
    .addOption(workspace())
    .action(withApp((app, han: string, opts: { alias?: string[]; type?: string; collection?: string; reindex?: boolean }) => dictAddCommand(app, han, opts)));
  dict
    .command('ls')
    .description('list the names added to this workspace')
    .option('--json', 'one JSON object per line')
    .addOption(workspace())
    .action(withApp((app, opts: { json?: boolean }) => dictListCommand(app, opts)));

  program
    .command('demo')
    .description('ingest the bundled examples/ (once), show the status and a sample search; what `npm start` runs')
    .addOption(workspace())
    .action(withApp((app) => demoCommand(app, deps.examplesDir)));

  return program;
}
