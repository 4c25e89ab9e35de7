import { Command, Option } from 'commander';
import { analyseCommand } from './analyse.js';
import { entitiesListCommand, entitiesMergeCommand, entitiesShowCommand, entitiesSplitCommand } from './entities.js';
import { watchlistListCommand, watchlistRerunCommand, watchlistRunCommand, type WatchlistOptions } from './watchlist.js';
import type { App, OpenApp } from './app.js';
import { auditListCommand, auditVerifyCommand } from './audit.js';
import { demoCommand } from './demo.js';
import { dictAddCommand, dictListCommand } from './dict.js';
import { grantCommand } from './grant.js';
import { ingestCommand } from './ingest.js';
import { lsCommand } from './ls.js';
import { ocrCommand, type OcrOptions } from './ocr.js';
import { addRedactCommands } from './redact.js';
import { reindexCommand } from './reindex.js';
import { boilerplateCommand, type BoilerplateOptions } from './boilerplate.js';
import { searchCommand, type SearchCommandOptions } from './search.js';
import { serveCommand, type ServeOptions, type ServeWorkbench } from './serve.js';
import { showCommand } from './show.js';
import { registerCommentCommands } from './comments.js';
import { registerPublishCommands } from './publish.js';
import { registerSiteCommands, type SiteRunner } from './site.js';
import { registerStoryCommands } from './story.js';
import { statusCommand } from './status.js';
import { compareCommand } from './compare.js';
import { manifestCommand, manifestVerifyCommand } from './manifest.js';
import { similarCommand } from './similar.js';
import { verifyCommand } from './verify.js';
import { addTranslateCommands } from './translate.js';
import { workerCommand, type WorkerOptions } from './worker.js';
import { entitiesResolveCommand, jobsCommand, type JobsOptions } from './jobs.js';
import type { TaskJobOptions } from './task-job.js';
import { userAddCommand, userDisableCommand, userListCommand, userPasswdCommand } from './user.js';

export interface ProgramDeps {
  openApp: OpenApp;
  examplesDir: string;
  version: string;
  /** Starts the web workbench (constructed in main.ts). */
  serveWorkbench: ServeWorkbench;
  /** Serves and exports the public site (constructed in main.ts). */
  site: SiteRunner;
}

/** The `dossier` command line: one subcommand per file in this folder. */
export function buildProgram(deps: ProgramDeps): Command {
  const program = new Command('dossier')
    .description('Dossier: ingest, read and search a leak of documents in Chinese and English.')
    .version(deps.version)
    .showHelpAfterError()
    .option('--database <url>', 'a PostgreSQL database (postgres://user@host/name) instead of the workspace\'s SQLite file; default: $DOSSIER_DATABASE_URL')
    .addHelpText(
      'after',
      `
Workspace: all state (dossier.db and blobs/) lives in one folder, chosen by --workspace DIR,
else $DOSSIER_HOME, else ./data.

Team server: DOSSIER_DATABASE_URL=postgres://… (or --database URL) keeps the records in
PostgreSQL; DOSSIER_BLOBS names the shared blob folder (default <workspace>/blobs); any machine
with both runs \`dossier worker\` and takes jobs from the shared queue. DOSSIER_JOB_LEASE_MS
(default 60000): how long a claimed job stays a worker's without renewal.

Environment: DOSSIER_HOME, DOSSIER_WORKERS (extraction processes, default: cores),
DOSSIER_PDF_ENGINE (auto|poppler|pdfjs), DOSSIER_FILE_TIMEOUT_MS (default 120000),
DOSSIER_MAX_FILE_BYTES (default 2 GiB), DOSSIER_WORKER_MEMORY_MB (default 1024),
DOSSIER_OCR_ENGINE (auto|tesseract|tesseract.js), DOSSIER_OCR_LANGS (default chi_sim+eng),
DOSSIER_OCR_PAGE_TIMEOUT_MS (default 300000), DOSSIER_UPLOAD_MAX_BYTES (workbench uploads,
default 2 GiB).

Examples:
  dossier ingest ~/leak --collection leak-2026
  dossier status
  dossier ls --status failed
  dossier search '新疆 "vocational training"'
  dossier show 42 --json
  dossier entities --type PERSON
  echo '陈全国在乌鲁木齐讲话' | dossier analyse
  dossier user add admin --role admin && dossier serve`,
    );

  const withApp =
    <A extends unknown[]>(fn: (app: App, ...args: A) => Promise<unknown>) =>
    async (...args: A) => {
      const command = args[args.length - 1] as Command;
      const globals = command.optsWithGlobals<{ workspace?: string; database?: string }>();
      const app = await deps.openApp({ workspace: globals.workspace, database: globals.database });
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
    .option('--no-work', 'register and queue only; `dossier worker` processes read the files (then wait for them and report)')
    .option('--no-wait', 'with --no-work: return once everything is queued')
    .addOption(workspace())
    .action(withApp((app, paths: string[], opts: { collection: string; json?: boolean; quiet?: boolean; ocr?: boolean; ocrLang?: string; work?: boolean; wait?: boolean }) => ingestCommand(app, paths, opts)));

  program
    .command('worker')
    .description('claim and run every kind of job from the shared queue (extract, OCR, upload, reindex, watch-list, entity resolution) until stopped (SIGTERM or Ctrl-C finishes the jobs in flight and exits 0)')
    .option('--concurrency <n>', 'extraction processes (default: $DOSSIER_WORKERS or the number of cores)')
    .option('--exit', 'stop when the queue is empty instead of waiting for more')
    .option('--no-ocr', 'leave OCR jobs to other workers')
    .option('--poll <ms>', 'how often an idle worker looks for work (default 500; on PostgreSQL a queued job also wakes it at once)')
    .option('--json', 'print a JSON summary when stopped: worker, extracted, failed, ocrPages, lost, retries, seconds')
    .option('-q, --quiet', 'print nothing but errors')
    .addOption(workspace())
    .addHelpText(
      'after',
      `
A worker needs the database and the blob folder, nothing else:
  DOSSIER_DATABASE_URL=postgres://dossier@db.example/leak DOSSIER_BLOBS=/mnt/dossier/blobs dossier worker --concurrency 4
Jobs are leased (60 s, renewed while working): a worker killed with kill -9 loses nothing, and its
jobs go back to the queue when the lease runs out. On PostgreSQL an idle worker is woken when a
job is queued anywhere (LISTEN/NOTIFY); it also looks every --poll ms, which is all SQLite does.`,
    )
    .action(withApp((app, opts: WorkerOptions) => workerCommand(app, opts)));

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
    .option('--json', 'one JSON object per line: id, path, paths (every path it was seen at), mime, status, reason, parent, collection, sha256, …')
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
    .option('--collapse', 'fold near-duplicates (similarity ≥ 0.8) into the better-ranked hit; JSON hits gain duplicates: [ids]')
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
  lang:zh  collection:leak-2026  tag:to-verify  -tag:done     tags put on documents in the workbench
  date:2017  date:2017-03  date:2017-01..2017-06  date:..2016-12`,
    )
    .action(withApp((app, query: string, opts: SearchCommandOptions) => searchCommand(app, query, opts)));

  program
    .command('reindex')
    .description('rebuild the search index, the mentions and the entities from stored text (after the analysis chain changes)')
    .option('--json', 'print a JSON summary: documents, pages, seconds')
    .option('--no-work', 'queue the reindex job only; a `dossier worker` or server runs it (this command waits for it and reports)')
    .option('--no-wait', 'with --no-work: return as soon as the job is queued')
    .addOption(workspace())
    .addHelpText('after', '\nA reindex is a job in the shared queue: `dossier jobs` shows its progress on any machine, and if\nthe process running it dies, a worker (or this command, re-run) takes it over where it stopped.')
    .action(withApp((app, opts: TaskJobOptions) => reindexCommand(app, opts)));

  program
    .command('jobs')
    .description('the shared job queue: counts by kind and state; running and recent jobs with progress, rate, ETA and the worker holding them')
    .option('--json', 'print JSON: {counts: [{name, state, count}], jobs: [{id, name, state, documentId, attempts, error, updatedAt, lockedBy, lockedUntil, done, total, rate, eta, note}]}')
    .option('--all', 'list extract and OCR jobs too (by default: jobs running anywhere and uploads, reindexes, watch-lists, entity resolution)')
    .option('-n, --limit <n>', 'jobs listed, newest first (default 50)')
    .addOption(workspace())
    .addHelpText('after', '\nJob kinds: extract, ocr (one document each), upload, reindex, watchlist, entity-resolution.\nA job nobody can run (an unknown kind, a malformed payload) is failed with a message saying why.')
    .action(withApp((app, opts: JobsOptions) => jobsCommand(app, opts)));

  program
    .command('boilerplate')
    .description('list the lines a collection repeats in many documents (menus, footers, signatures), with their document counts; they rank low and stay out of snippets, but stay searchable and visible')
    .option('--collection <name>', 'only this collection')
    .option('--recompute', 'count every document of the collection again (ingest counts only the documents it added) and re-index those whose lines changed')
    .option('--limit <n>', 'lines to print per collection', '50')
    .option('--json', 'print JSON: every line with its collection and document count')
    .addOption(workspace())
    .action(withApp((app, opts: BoilerplateOptions) => boilerplateCommand(app, opts)));

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
    .command('serve')
    .description('serve the workbench in the browser: sign-in, collections, search, document viewer, audit log')
    .option('-p, --port <n>', 'the port to listen on; 0 picks a free one (printed)', '8080')
    .option('-H, --host <address>', 'the address to listen on; 0.0.0.0 for every interface (put HTTPS in front)', '127.0.0.1')
    .addOption(workspace())
    .addHelpText(
      'after',
      `
Prints "Dossier is serving on http://HOST:PORT" once it listens, and how to create the first
account when there is none. Stops on Ctrl-C or SIGTERM. Pages: /login, /, /search, /documents/ID,
/account, /admin/users, /admin/audit. JSON API under /api (POST /api/session, GET /api/search, …).`,
    )
    .action(withApp((app, opts: ServeOptions) => serveCommand(app, deps.serveWorkbench, opts)));

  // The public site: stories, comments, published documents (publish stage).
  registerStoryCommands(program, withApp, workspace);
  registerCommentCommands(program, withApp, workspace);
  registerPublishCommands(program, withApp, workspace);
  registerSiteCommands(program, withApp, workspace, deps.site);

  const user = program.command('user').description('accounts of the workbench: add, list, change passwords, disable');
  user
    .command('add')
    .description('create an account; without --password-stdin you type the password twice, or (no terminal) one is generated and printed once')
    .argument('<name>', 'the user name they sign in with')
    .addOption(new Option('-r, --role <role>', 'admin: everything, users and the audit log; editor, reporter, viewer: only granted collections').choices(['admin', 'editor', 'reporter', 'viewer']).makeOptionMandatory())
    .option('--password-stdin', 'read the password from standard input (e.g. printf %s "$PW" | dossier user add …)')
    .addOption(workspace())
    .action(withApp((app, name: string, opts: { role: string; passwordStdin?: boolean }) => userAddCommand(app, name, opts)));
  user
    .command('ls')
    .description('list accounts with their roles and granted collections')
    .option('--json', 'one JSON object per line: id, name, role, disabled, createdAt, collections')
    .addOption(workspace())
    .action(withApp((app, opts: { json?: boolean }) => userListCommand(app, opts)));
  user
    .command('passwd')
    .description("set a user's password (typed twice, from stdin, or generated); their sessions end")
    .argument('<name>', 'the user')
    .option('--password-stdin', 'read the password from standard input')
    .addOption(workspace())
    .action(withApp((app, name: string, opts: { passwordStdin?: boolean }) => userPasswdCommand(app, name, opts)));
  user
    .command('disable')
    .description('stop an account from signing in; its sessions end')
    .argument('<name>', 'the user')
    .addOption(workspace())
    .action(withApp((app, name: string) => userDisableCommand(app, name, true)));
  user
    .command('enable')
    .description('let a disabled account sign in again')
    .argument('<name>', 'the user')
    .addOption(workspace())
    .action(withApp((app, name: string) => userDisableCommand(app, name, false)));

  program
    .command('grant')
    .description('let a user see a collection (admins see every collection without grants)')
    .argument('<user>', 'the user name')
    .argument('<collection>', 'the collection name (as given to ingest --collection)')
    .addOption(workspace())
    .action(withApp((app, name: string, collection: string) => grantCommand(app, name, collection, false)));
  program
    .command('revoke')
    .description('take a collection away from a user')
    .argument('<user>', 'the user name')
    .argument('<collection>', 'the collection name')
    .addOption(workspace())
    .action(withApp((app, name: string, collection: string) => grantCommand(app, name, collection, true)));

  const audit = program.command('audit').description('the audit log: who searched, viewed and downloaded what, in a hash chain');
  audit
    .command('verify')
    .description("check the audit log's hash chain; exits 3 and names the first bad row when a row was edited, deleted or reordered")
    .option('--json', 'print JSON: {intact, entries, firstBad: {id, problem, message} | null, lastHash}')
    .addOption(workspace())
    .action(withApp((app, opts: { json?: boolean }) => auditVerifyCommand(app, opts)));
  audit
    .command('ls')
    .description('list audit entries, newest first')
    .option('--json', 'one JSON object per line: id, at, userId, username, action, collectionId, collection, documentId, detail, hash')
    .option('-u, --user <name>', 'only entries of this user')
    .option('-a, --action <action>', 'only this action: search, view, download, export, login, login_failed, logout, grant, revoke, …')
    .option('-d, --document <id>', 'only entries about this document')
    .option('--from <date>', 'from this date (YYYY-MM-DD or ISO time)')
    .option('--to <date>', 'up to this date, inclusive')
    .option('-n, --limit <n>', 'how many entries', '50')
    .option('--offset <n>', 'skip this many (for paging)', '0')
    .addOption(workspace())
    .action(withApp((app, opts: { json?: boolean; user?: string; action?: string; document?: string; from?: string; to?: string; limit?: string; offset?: string }) => auditListCommand(app, opts)));

  program
    .command('analyse')
    .description('print the language, words and mentions (people, places, organisations, ID numbers, phones, emails, URLs, dates, document numbers, classification marks) of text read from standard input')
    .option('--jsonl', 'one text per input line (a JSON string, an object with "text", or plain text); one JSON object out per line')
    .option('--pretty', 'indent the JSON (without --jsonl)')
    .addOption(workspace())
    .addHelpText('after', `
Output: {language, tokens: [{text, start, end}], entities: [{text, type, start, end, value?, confidence?}]}
Offsets count characters (Unicode code points) of the input. Types: PERSON, LOCATION, ORGANIZATION,
ID_NUMBER, PHONE, EMAIL, URL, DATE, DOC_NUMBER, CLASSIFICATION.
  echo '新疆维吾尔自治区党委书记陈全国在乌鲁木齐讲话' | dossier analyse --pretty
  printf '%s\n' 'Xi Jinping met Chen Quanguo.' '习近平' | dossier analyse --jsonl`)
    .action(withApp((app, opts: { jsonl?: boolean; pretty?: boolean }) => analyseCommand(app, opts)));

  const entities = program.command('entities').description('people, places and organisations found in the documents, one entity for every form of a name');
  entities
    .command('ls', { isDefault: true })
    .description('entities with their type, forms (aliases) and document counts, most documents first')
    .option('--json', 'one JSON object per line: {id, type, name, aliases, confidence, documents, mentions}')
    .addOption(new Option('-t, --type <type>', 'only this type').choices(['PERSON', 'LOCATION', 'ORGANIZATION', 'person', 'location', 'organization']))
    .option('-q, --q <text>', 'only entities whose name or a form contains this')
    .option('-n, --limit <n>', 'how many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .addOption(workspace())
    .action(withApp((app, opts: { json?: boolean; type?: string; q?: string; limit?: string; offset?: string }) => entitiesListCommand(app, opts)));
  entities
    .command('resolve')
    .description('resolve every mention into entities again (one entity per name across scripts; editors\' merges and splits applied), as a job')
    .option('--json', 'print JSON: {entities, linked, merged, split, removed}')
    .option('--no-work', 'queue the job only; a `dossier worker` or server runs it (this command waits for it and reports)')
    .option('--no-wait', 'with --no-work: return as soon as the job is queued')
    .addOption(workspace())
    .addHelpText('after', '\nOn PostgreSQL it runs under an advisory lock, so two machines never resolve at once.')
    .action(withApp((app, opts: TaskJobOptions) => entitiesResolveCommand(app, opts)));
  entities
    .command('show')
    .description("an entity's mentions in context, documents, entities that appear with it, and a timeline")
    .argument('<id>', 'entity id (from dossier entities)')
    .option('--json', 'print JSON')
    .addOption(workspace())
    .action(withApp((app, id: string, opts: { json?: boolean }) => entitiesShowCommand(app, id, opts)));
  entities
    .command('merge')
    .description('these entities are one: the others join the first (kept when documents are analysed again)')
    .argument('<ids...>', 'two or more entity ids')
    .option('--user <name>', 'who decided (for the record; default $USER)')
    .option('--json', 'print JSON')
    .addOption(workspace())
    .action(withApp((app, ids: string[], opts: { user?: string; json?: boolean }) => entitiesMergeCommand(app, ids, opts)));
  entities
    .command('split')
    .description("one form of an entity's name is someone else: its mentions become an entity of their own (kept when documents are analysed again)")
    .argument('<id>', 'entity id')
    .argument('<form>', 'the form to split off, as listed by dossier entities show')
    .option('--user <name>', 'who decided (for the record; default $USER)')
    .option('--json', 'print JSON')
    .addOption(workspace())
    .action(withApp((app, id: string, form: string, opts: { user?: string; json?: boolean }) => entitiesSplitCommand(app, id, form, opts)));

  const watchlist = program.command('watchlist').description('search a list of names (any script) in one go: documents and hit counts per name, as CSV');
  const watchOptions = (c: Command) =>
    c
      .option('-o, --out <file.csv>', 'write the results as CSV: name, documents, hits, new_documents, then one row per document')
      .option('--json', 'print JSON: {id, ranAt, results: [{name, documents, hits, newDocuments, top: [{id, title, path, collection, date, hits, isNew}]}]}')
      .addOption(new Option('-m, --mode <mode>', 'search mode for every name').choices(['exact', 'normalised', 'cross-script']).default('cross-script'))
      .option('-n, --limit <n>', 'documents listed per name', '100')
      .option('--no-work', 'queue the watch-list job only; a `dossier worker` or server runs it (this command waits for it and reports)')
      .option('--no-wait', 'with --no-work: return as soon as the job is queued')
      .addOption(workspace());
  watchOptions(
    watchlist
      .command('run')
      .description('save a list of names (a CSV with a "name" column, or one name per line) and search each')
      .argument('<file>', 'the CSV or text file')
      .option('--name <name>', 'what to call the list (default: the file name)'),
  ).action(withApp((app, file: string, opts: WatchlistOptions) => watchlistRunCommand(app, file, opts)));
  watchOptions(watchlist.command('rerun').description('search a saved list again; documents added since its last run are marked new').argument('<id>', 'watch-list id')).action(
    withApp((app, id: string, opts: WatchlistOptions) => watchlistRerunCommand(app, id, opts)),
  );
  watchlist
    .command('ls')
    .description('the saved watch-lists')
    .option('--json', 'one JSON object per line')
    .addOption(workspace())
    .action(withApp((app, opts: { json?: boolean }) => watchlistListCommand(app, opts)));

  addRedactCommands(program, withApp, workspace);

  program
    .command('demo')
    .description('ingest the bundled examples/ (once), show the status and a sample search; `npm start` runs it, then serve')
    .addOption(workspace())
    .action(withApp((app) => demoCommand(app, deps.examplesDir)));

  // Verify (issue 10): stored files and audit chain, BagIt manifests, near-duplicates, compare.
  program
    .command('verify')
    .description('re-hash every stored file against its SHA-256 and check the audit chain; exit 3 when a file is changed or missing or the chain is broken')
    .option('-c, --collection <name>', 'only the files of this collection')
    .option('--json', 'print JSON: {checked, ok, mismatched: [{id, path, expected, actual}], missing: [{id, path, expected}], audit: {entries, intact}}')
    .addOption(workspace())
    .addHelpText('after', '\nExamples:\n  dossier verify\n  dossier verify --collection leak-2026 --json')
    .action(withApp((app, opts: { collection?: string; json?: boolean }) => verifyCommand(app, opts)));
  const manifest = program
    .command('manifest')
    .description('export a collection as a BagIt folder with manifest-sha256.txt, bag-info.txt and each file\'s custody events; or verify one')
    .argument('<collection>', 'the collection to export')
    .option('-o, --out <dir>', 'the folder to write (must not exist, or be empty)')
    .option('--json', 'print JSON: {collection, out, files, bytes, auditId}')
    .addOption(workspace())
    .addHelpText('after', '\nExamples:\n  dossier manifest leak-2026 --out /media/usb/leak-2026-bag\n  dossier manifest verify /media/usb/leak-2026-bag')
    .action(withApp((app, collection: string, opts: { out?: string; json?: boolean }) => manifestCommand(app, collection, opts, `dossier ${deps.version}`)));
  manifest
    .command('verify')
    .description('check a manifest folder: name every changed, added or missing file (exit 3 when there is one)')
    .argument('<dir>', 'the folder written by dossier manifest')
    .option('--json', 'print JSON: {dir, ok, files, changed, added, missing, malformed}')
    // --json is also the parent's option: read it from both.
    .action((dir: string, _opts: unknown, command: Command) => manifestVerifyCommand(dir, command.optsWithGlobals<{ json?: boolean }>()));
  program
    .command('similar')
    .description('versions and near-duplicates of a document (MinHash signatures, banded LSH), best first')
    .argument('<id>', 'document id')
    .option('--min <similarity>', 'the least similarity to list, 0 to 1', '0.5')
    .option('-n, --limit <n>', 'how many to list', '50')
    .option('--json', 'print JSON: [{id, path, similarity}]')
    .addOption(workspace())
    .addHelpText('after', '\nSimilarity is the share of 3-character shingles of the folded text the two have in common\n(Dice), estimated from 128 MinHash values: a copy with 5 % of its characters edited scores ~0.85.\n\nExamples:\n  dossier similar 42\n  dossier similar 42 --min 0.8 --json')
    .action(withApp((app, id: string, opts: { min?: string; limit?: string; json?: boolean }) => similarCommand(app, id, opts)));
  program
    .command('compare')
    .description('what differs between two copies: text by page and offset, invisible marks (zero-width, look-alike letters, full-width, spaces, line breaks), metadata')
    .argument('<a>', 'document id of the first copy')
    .argument('<b>', 'document id of the second copy')
    .option('--json', 'print JSON: {text: [{kind, pageA, startA, endA, pageB, startB, endB, a, b}], invisible: [{kind, side, page, start, char, other}], metadata: [{field, a, b}]}')
    .addOption(workspace())
    .addHelpText('after', '\nExamples:\n  dossier compare 12 31\n  dossier compare 12 31 --json')
    .action(withApp((app, a: string, b: string, opts: { json?: boolean }) => compareCommand(app, a, b, opts)));
  addTranslateCommands(program, withApp, workspace);

  return program;
}
