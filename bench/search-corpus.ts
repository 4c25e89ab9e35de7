/**
 * A synthetic collection of N documents for search latency at scale (bench:search-scale), written
 * once into a cache folder outside the repository and reused: `BENCH_CACHE` (default /work/cache,
 * else the temp folder) / dossier-search-<N>.
 *
 * Documents are two or three real paragraphs (shared/corpus/prc-laws statutes, Chinese; and
 * email-linux-man message bodies, English) with, one time in ten, a name, so common words ("the",
 * "的", "规定") match about half the collection, as in a real leak. Each paragraph is analysed once
 * by Dossier's own chain and a document's search row is the concatenation of its paragraphs'
 * token streams: the index holds what ingest would write, at insert speed, streamed in
 * transactions of 5,000 (nothing is held in memory but the paragraph pool).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { WORD_BOUNDARY } from '../src/analyse/index.js';
import { analyseDocument, type PageColumns } from '../src/index/index.js';
import { openApp } from '../src/main.js';
import { SAME_AS_NORM_FLAG, SEARCH_COLUMNS, searchRowId } from '../src/domain/search.js';
import type { Database as DbSchema } from '../src/platform/db/schema.js';
import { SqliteSearchIndex } from '../src/platform/search/sqlite-search-index.js';
import { shared } from './support.js';

interface Piece {
  title: string;
  text: string;
  columns: PageColumns;
}

function walk(dir: string, ext: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, ext, out);
    else if (entry.name.endsWith(ext)) out.push(full);
  }
  return out;
}

/** Paragraphs of the two corpora, each with a title (statute name, e-mail subject). */
function sources(limitPerLanguage: number): { zh: Array<{ title: string; text: string }>; en: Array<{ title: string; text: string }> } {
  const zh: Array<{ title: string; text: string }> = [];
  for (const file of walk(path.join(shared, 'prc-laws'), '.md').sort()) {
    const title = path.basename(file, '.md');
    for (const p of fs.readFileSync(file, 'utf8').split(/\n\s*\n/)) if (p.trim().length > 40 && zh.length < limitPerLanguage) zh.push({ title, text: p.trim() });
  }
  const en: Array<{ title: string; text: string }> = [];
  for (const file of walk(path.join(shared, 'email-linux-man', 'eml'), '.eml').sort()) {
    const raw = fs.readFileSync(file, 'latin1');
    const split = raw.indexOf('\n\n');
    const title = /^Subject: (.*)$/m.exec(raw.slice(0, split))?.[1]?.trim() ?? path.basename(file);
    for (const p of raw.slice(split + 2).split(/\n\s*\n/)) {
      const text = p.trim();
      // Prose, not patches or quoted headers.
      if (text.length > 60 && !/^(diff|---|\+\+\+|@@|>)/m.test(text) && /\bthe\b/i.test(text) && en.length < limitPerLanguage) en.push({ title, text });
    }
  }
  return { zh, en };
}

/** Where the collection of `n` documents lives (built on first use). */
export function corpusWorkspace(n: number): string {
  const base = process.env.BENCH_CACHE ?? (fs.existsSync('/work/cache') || fs.existsSync('/work') ? '/work/cache' : os.tmpdir());
  return path.join(base, `dossier-search-${n}`);
}

/** The analysed paragraph pool and the name snippets every build and refill draws from. */
async function loadPool(workspace: string): Promise<{ pool: { zh: Piece[]; en: Piece[] }; names: Piece[] }> {
  const app = await openApp({ workspace: path.join(path.dirname(workspace), 'dossier-search-analyser') });
  const analyser = app.analyser();
  await app.close();
  const t0 = performance.now();
  const analysePiece = (title: string, text: string): Piece => ({ title, text, columns: analyseDocument(analyser, { title, path: 'x', metadata: {}, pages: [{ page: 1, text }] }).pages[0]!.columns });
  // The analysed paragraphs are kept beside the collections: analysing them is most of a 100k build.
  const poolFile = path.join(path.dirname(workspace), 'dossier-search-paragraphs.json');
  let pool: { zh: Piece[]; en: Piece[] };
  if (fs.existsSync(poolFile)) pool = JSON.parse(fs.readFileSync(poolFile, 'utf8')) as typeof pool;
  else {
    const { zh, en } = sources(30_000);
    pool = { zh: zh.map((p) => analysePiece(p.title, p.text)), en: en.map((p) => analysePiece(p.title, p.text)) };
    fs.writeFileSync(poolFile, JSON.stringify(pool));
  }
  const names = ['习近平同志强调。', '習近平。', 'Xi Jinping said so.', '陈全国书记。', 'Chen Quanguo visited.', '新疆维吾尔自治区。', 'Xinjiang region.', '乌鲁木齐市。'].map((t) => analysePiece('', t));
  console.log(`analysed ${pool.zh.length} Chinese and ${pool.en.length} English paragraphs in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return { pool, names };
}

interface SyntheticDocument {
  lang: string;
  parts: Piece[];
  date: string;
  sender: string | null;
}

/** The collection's documents in order: every call draws from the generator in the same order, so a replay gives the same documents. */
function documentSequence(pool: { zh: Piece[]; en: Piece[] }, names: Piece[]): () => SyntheticDocument {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const senders = ['alice@example.org', 'bob@example.org', 'carol@example.net', 'dave@kernel.org', 'erin@example.com'];
  return () => {
    const lang = random() < 0.5 ? 'zh' : 'en';
    const parts = Array.from({ length: random() < 0.5 ? 2 : 3 }, () => pick(pool[lang as 'zh' | 'en']));
    if (random() < 0.1) parts.splice(1, 0, pick(names));
    const date = `${2015 + Math.floor(random() * 10)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`;
    const sender = lang === 'en' ? pick(senders) : null;
    return { lang, parts, date, sender };
  };
}

/** A document's search row: its paragraphs' token streams, concatenated. */
function searchColumns(parts: Piece[]): PageColumns {
  const same = parts.every((p) => p.columns.flags === SAME_AS_NORM_FLAG);
  const join = (c: keyof PageColumns, sep = ' ') => parts.map((p) => p.columns[c]).filter(Boolean).join(sep);
  return {
    t_exact: parts[0]!.columns.t_exact,
    t_norm: parts[0]!.columns.t_norm,
    b_exact: same ? '' : parts.map((p) => p.columns.b_exact || p.columns.b_norm).join(' '),
    b_norm: join('b_norm'),
    b_stem: join('b_stem'),
    py: join('py'),
    pys: join('pys', ` ${WORD_BOUNDARY} `),
    m_from: '',
    m_to: '',
    flags: same ? SAME_AS_NORM_FLAG : '',
    b_boiler: '',
  };
}

/** The search table's layout version and row count beside the number of documents. */
function indexState(file: string): { layoutCurrent: boolean; rows: number; documents: number } {
  const db = new Database(file, { readonly: true });
  try {
    const columns = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'search_index_content'").pluck().get() as string | undefined)?.match(/\bc\d+\b/g)?.length ?? 0;
    const rows = columns ? Number(db.prepare('SELECT count(*) FROM search_index_docsize').pluck().get()) : 0;
    return { layoutCurrent: columns === SEARCH_COLUMNS.length, rows, documents: Number(db.prepare('SELECT count(*) FROM documents').pluck().get()) };
  } finally {
    db.close();
  }
}

/**
 * A complete collection whose search index is of an older layout (a column added since it was
 * built) or incomplete (a rebuild stopped part-way): opening it would re-analyse every stored
 * document (hours at a million). Its rows are written again from the analysed paragraphs instead,
 * replaying the generator, at insert speed: the rows a build at this layout writes.
 */
async function refillIndex(workspace: string, file: string, n: number): Promise<void> {
  const state = indexState(file);
  if (state.layoutCurrent && state.rows === state.documents) return;
  console.log(`${workspace}: search index ${state.layoutCurrent ? `has ${state.rows} of ${state.documents} rows` : 'is of an older layout'}; writing its rows again from the paragraph pool`);
  const { pool, names } = await loadPool(workspace);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const kysely = new Kysely<DbSchema>({ dialect: new SqliteDialect({ database: db }) });
  // Forget the layout so ensureSchema drops the table and creates it empty at the current one.
  db.exec('CREATE TABLE IF NOT EXISTS search_layout (version INTEGER NOT NULL); DELETE FROM search_layout');
  await new SqliteSearchIndex().ensureSchema(kysely);
  writeRows(db, pool, names, 0, n, () => {});
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** Write documents have+1..n (search rows, and with `insertRecords` their document and page records), in batches with progress. */
function writeRows(db: Database.Database, pool: { zh: Piece[]; en: Piece[] }, names: Piece[], have: number, n: number, insertRecords: (id: number, doc: SyntheticDocument, text: string) => void): void {
  // FTS5 writes a segment each time its 1 MB pending-term buffer fills and at every commit, then
  // merges segments; a 256 MB buffer and batches of 20,000 write fewer, larger segments (less
  // merging). Set back to FTS5's default at the end, so the index is configured as ingest leaves it.
  db.exec(`INSERT INTO search_index (search_index, rank) VALUES ('hashsize', ${256 * 1024 * 1024})`); // a literal: FTS5 wants an integer, better-sqlite3 binds numbers as reals
  const insertRow = db.prepare(`INSERT INTO search_index (rowid, ${SEARCH_COLUMNS.join(', ')}) VALUES (?, ${SEARCH_COLUMNS.map(() => '?').join(', ')})`);
  const next = documentSequence(pool, names);
  for (let id = 1; id <= have; id++) next();
  const batch = 20_000;
  const started = performance.now();
  for (let start = have + 1; start <= n; start += batch) {
    db.transaction(() => {
      for (let id = start; id < Math.min(n + 1, start + batch); id++) {
        const doc = next();
        const columns = searchColumns(doc.parts);
        insertRecords(id, doc, doc.parts.map((p) => p.text).join('\n\n'));
        insertRow.run(searchRowId(id, 1), ...SEARCH_COLUMNS.map((c) => columns[c]));
      }
    })();
    const built = Math.min(n, start + batch - 1);
    const seconds = (performance.now() - started) / 1000;
    const rate = (built - have) / seconds;
    const cpu = process.cpuUsage();
    console.log(`${built}/${n} documents, ${seconds.toFixed(0)} s this run (${((cpu.user + cpu.system) / 1e6).toFixed(0)} CPU-s), ${rate.toFixed(0)} documents/s, ETA ${((n - built) / rate / 60).toFixed(0)} min, load ${os.loadavg()[0]!.toFixed(1)} (${new Date().toISOString().slice(11, 19)} UTC)`);
  }
  db.exec(`INSERT INTO search_index (search_index, rank) VALUES ('hashsize', ${1024 * 1024})`);
}

/** Build (or reuse) the collection; returns its workspace. */
export async function ensureCorpus(n: number): Promise<string> {
  const workspace = corpusWorkspace(n);
  const done = path.join(workspace, 'corpus-complete.json');
  const file = path.join(workspace, 'dossier.db');
  if (fs.existsSync(done)) {
    await refillIndex(workspace, file, n);
    return workspace;
  }
  // A build that stopped part-way (killed, machine restarted) is resumed: its documents were
  // committed in whole batches, so it holds documents 1..k, and the generator is replayed over them
  // to add exactly the documents k+1..n a complete run would have written.
  const resumable = fs.existsSync(file);
  if (!resumable) fs.rmSync(workspace, { recursive: true, force: true });
  const app = await openApp({ workspace });
  await app.close();
  const t0 = performance.now();
  const { pool, names } = await loadPool(workspace);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const existing = db.prepare("SELECT id FROM collections WHERE name = 'synthetic'").pluck().get() as number | undefined;
  const collection = existing ?? Number(db.prepare("INSERT INTO collections (name, created_at) VALUES ('synthetic', '2026-01-01') RETURNING id").pluck().get());
  const have = existing === undefined ? 0 : Number(db.prepare('SELECT coalesce(max(id), 0) FROM documents WHERE collection_id = ?').pluck().get(collection));
  const counts = [
    Number(db.prepare('SELECT count(*) FROM documents').pluck().get()),
    Number(db.prepare('SELECT count(*) FROM pages').pluck().get()),
    Number(db.prepare('SELECT count(*) FROM search_index_docsize').pluck().get()),
  ];
  if (counts.some((c) => c !== have)) throw new Error(`${workspace}: documents/pages/search rows ${counts.join('/')} disagree with max id ${have}; delete the folder to rebuild`);
  if (have > 0) console.log(`resuming at document ${have + 1} of ${n} (${have} already built)`);
  const insertDoc = db.prepare(
    "INSERT INTO documents (id, collection_id, sha256, size, mime, status, title, path, depth, needs_ocr, metadata, created_at, extracted_at, lang, date, sender) VALUES (?, ?, NULL, ?, ?, 'ok', ?, ?, 0, 0, '{}', '', '', ?, ?, ?)",
  );
  const insertPage = db.prepare('INSERT INTO pages (document_id, page, text) VALUES (?, 1, ?)');
  writeRows(db, pool, names, have, n, (id, { lang, parts, date, sender }, text) => {
    insertDoc.run(id, collection, text.length, lang === 'zh' ? 'text/plain' : 'message/rfc822', parts[0]!.title, `${lang}/${id}.txt`, lang, date, sender);
    insertPage.run(id, text);
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const seconds = (performance.now() - t0) / 1000;
  fs.writeFileSync(done, JSON.stringify({ documents: n, seconds: Math.round(seconds), builtAt: new Date().toISOString() }));
  console.log(`built ${n} documents in ${seconds.toFixed(0)} s: ${workspace}`);
  return workspace;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) await ensureCorpus(Number(process.argv[2] ?? 100_000));
