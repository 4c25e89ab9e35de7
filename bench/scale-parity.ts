/**
 * `npm run bench:scale-parity`: does PostgreSQL search find and rank like SQLite's? The same
 * corpora are ingested into both backends (built CLI; a PostgreSQL 15 started here), then:
 *  1. every query of the search test suites (bench/parity-suites.ts reads them from
 *     test/search-*.test.ts; the cross-script set is search-modes' corpus): the same documents?
 *     the same top ten in the same order? (differences printed);
 *  2. Cranfield 1400: nDCG@10 and MRR@10 over its 225 judged queries on both backends, and how
 *     many queries return the same top ten;
 *  3. Chinese questions → paragraph (CMRC 2018 trial, see eval-chinese-qa.ts; DOSSIER_ZH_QA or
 *     bench/.cache or /work/cache/cmrc): MRR@10 on both backends, with prc-laws distractors;
 *  4. index sizes on Cranfield (SQLite FTS5 shadow tables; PostgreSQL table + GIN index).
 * HTTP latency at 100,000 documents is bench:scale's. Knobs: BENCH_PARTS=suites,cranfield,chinese,
 * ZH_QA_DISTRACTORS (default 1000), ZH_QA_QUESTIONS (default all). Every figure is printed with
 * the machine's load and this process's CPU-seconds (the ingests are separate processes, timed).
 */
import { loadCranfield, ndcgAt10, writeCranfieldHtml } from './cranfield-data.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openApp } from '../src/main.js';
import { PgSearchIndex } from '../src/platform/search/pg-search-index.js';
import { searchDocuments } from '../src/search/index.js';
import { startPostgres } from '../test/support/postgres.js';
import { searchSuites } from './parity-suites.js';
import { dossier, ensureBuilt, repo, shared, table, tempDir } from './support.js';

ensureBuilt();
const PARTS = new Set((process.env.BENCH_PARTS ?? 'suites,cranfield,chinese').split(','));
const cpu = () => {
  const u = process.cpuUsage();
  return `${((u.user + u.system) / 1e6).toFixed(0)} CPU-s so far`;
};
const load = () => `load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${cpu()}`;
const server = startPostgres();

type App = Awaited<ReturnType<typeof openApp>>;
interface Pair {
  lite: App;
  pg: App;
  wsLite: string;
  wsPg: string;
}
/** Ingest the same folders (collection → folder) into a SQLite and a PostgreSQL workspace. */
async function both(collections: Array<{ name: string; dir: string }>, label: string): Promise<Pair> {
  const [wsLite, wsPg] = [tempDir('parity-lite'), tempDir('parity-pg')];
  const url = server.createDatabase();
  const time = (env: NodeJS.ProcessEnv, ws: string) => {
    const t = Date.now();
    for (const c of collections) dossier(['ingest', c.dir, '--collection', c.name, '--workspace', ws, '--quiet', '--no-ocr'], env);
    return ((Date.now() - t) / 1000).toFixed(1);
  };
  const lite = time({ DOSSIER_DATABASE_URL: '' }, wsLite);
  const pg = time({ DOSSIER_DATABASE_URL: url }, wsPg);
  console.log(`${label}: ingested in ${lite} s (SQLite), ${pg} s (PostgreSQL); ${load()}`);
  return { lite: await openApp({ workspace: wsLite, database: '' }), pg: await openApp({ workspace: wsPg, database: url }), wsLite, wsPg };
}
async function close(p: Pair): Promise<void> {
  await p.lite.close();
  await p.pg.close();
  for (const dir of [p.wsLite, p.wsPg]) fs.rmSync(dir, { recursive: true, force: true });
}

const names = (hits: Array<{ path: string }>) => hits.map((h) => h.path.replace(/^.*?(test\/fixtures\/)/, '$1').replace(/^\/tmp\/[^/]+\//, '').replace(/\.(txt|html)$/, ''));

/** The CMRC 2018 trial set (or another SQuAD-style train/trial split), as eval-chinese-qa.ts finds it, or in /work/cache/cmrc. */
function qaFile(): string | null {
  const candidates = [process.env.DOSSIER_ZH_QA, ...['cmrc2018_trial.json', 'cmrc2018_train.json', 'DRCD_training.json'].flatMap((n) => [path.join(repo, 'bench', '.cache', n), path.join('/work/cache/cmrc', n)])];
  return candidates.find((f): f is string => !!f && fs.existsSync(f) && !/dev|test/i.test(path.basename(f))) ?? null;
}

async function chineseQa(): Promise<void> {
  const file = qaFile();
  if (!file) {
    console.log('3. Chinese questions → paragraphs: SKIPPED, no question set (see bench/eval-chinese-qa.ts; DOSSIER_ZH_QA=/path/to/cmrc2018_trial.json)');
    return;
  }
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { data: Array<{ paragraphs: Array<{ context: string; qas: Array<{ question: string }> }> }> };
  const paragraphs: string[] = [];
  const questions: Array<{ q: string; paragraph: number }> = [];
  for (const p of data.data.flatMap((a) => a.paragraphs)) {
    const at = paragraphs.push(p.context.trim()) - 1;
    for (const qa of p.qas) questions.push({ q: qa.question.trim(), paragraph: at });
  }
  // A question that is empty once trimmed is no query (the trial split holds a few): skipped, and said.
  const nonEmpty = questions.filter((x) => x.q.trim() !== '');
  if (nonEmpty.length < questions.length) console.log(`Chinese QA: ${questions.length - nonEmpty.length} empty question(s) skipped`);
  const asked = nonEmpty.slice(0, Number(process.env.ZH_QA_QUESTIONS ?? nonEmpty.length));
  // A third in traditional characters (the folding map reversed), prc-laws paragraphs as distractors, as in eval-chinese-qa.ts.
  const s2t = new Map<string, string>();
  for (const [t, s] of fs.readFileSync(path.join(repo, 'resources', 'cedict', 't2s.tsv'), 'utf8').split('\n').map((l) => l.split('\t'))) if (t && s && !s2t.has(s)) s2t.set(s, t);
  const stored = paragraphs.map((p, i) => (i % 3 === 2 ? Array.from(p, (c) => s2t.get(c) ?? c).join('') : p));
  const want = Number(process.env.ZH_QA_DISTRACTORS ?? 1000);
  const laws: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (laws.length >= want) return;
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name.endsWith('.md')) for (const p of fs.readFileSync(path.join(dir, e.name), 'utf8').split(/\n\s*\n/)) if (/\p{Script=Han}{20,}/u.test(p) && p.length < 2000 && laws.length < want) laws.push(p.trim());
    }
  };
  walk(path.join(shared, 'prc-laws'));
  const dir = tempDir('parity-zhqa');
  [...stored, ...laws].forEach((p, i) => fs.writeFileSync(path.join(dir, `z${String(i).padStart(5, '0')}.txt`), `${p}\n`));
  const pair = await both([{ name: 'default', dir }], `Chinese QA (${path.basename(file)}: ${paragraphs.length} paragraphs, a third traditional, + ${laws.length} distractors)`);
  const rows: Array<Record<string, string | number>> = [];
  const settings = [{ mode: 'normalised', match: 'any' }, { mode: 'cross-script', match: 'any' }] as const;
  let sameTop = 0;
  let refused = 0;
  for (const { mode, match } of settings) {
    const tops: string[][] = [];
    for (const [name, app] of [['SQLite FTS5', pair.lite], ['PostgreSQL GIN', pair.pg]] as const) {
      let sum = 0;
      for (const [i, { q, paragraph }] of asked.entries()) {
        // A pasted question may hold query syntax it does not close (an odd quote): refused, scored 0 on both.
        const r = await searchDocuments(app.db, app.searchIndex, app.analyser(), q, { mode, match, limit: 10 }).catch((error: unknown) => {
          if ((error as { code?: string }).code !== 'invalid_query') throw error;
          refused++;
          return { hits: [] as Array<{ path: string }> };
        });
        const ranked = r.hits.map((h) => Number(/z(\d+)\.txt$/.exec(h.path)?.[1]));
        const at = ranked.indexOf(paragraph);
        sum += at === -1 ? 0 : 1 / (at + 1);
        if (name === 'SQLite FTS5') tops[i] = ranked.map(String);
        else if (tops[i]?.join() === ranked.join()) sameTop++;
      }
      rows.push({ backend: name, setting: `${mode} --match ${match}`, questions: asked.length, 'MRR@10': +(sum / asked.length).toFixed(4), load: load() });
    }
  }
  console.log(`3. Chinese questions → paragraphs: same top ten in the same order on ${sameTop} of ${asked.length * settings.length} question × setting pairs; ${refused} searches refused as invalid queries (counted 0)`);
  console.log(table(rows));
  await close(pair);
  fs.rmSync(dir, { recursive: true, force: true });
}

try {
  // ---------- 2. Cranfield ----------
  if (PARTS.has('cranfield')) {
    const { docs, queries, qrels } = loadCranfield();
    const cranDir = tempDir('parity-cran');
    writeCranfieldHtml(docs, cranDir);
    const cran = await both([{ name: 'default', dir: cranDir }], 'Cranfield 1400');
    const judged: Array<{ rel: Map<number, number>; words: string[] }> = [];
    for (const [qid, q] of queries) {
      const rel = qrels.get(qid);
      if (rel) judged.push({ rel, words: (q.W ?? '').toLowerCase().match(/[a-z0-9]+/g) ?? [] });
    }
    const ndcg = ndcgAt10;
    const mrr = (ranked: number[], rel: Map<number, number>) => {
      const at = ranked.slice(0, 10).findIndex((d) => (rel.get(d) ?? 0) > 0);
      return at < 0 ? 0 : 1 / (at + 1);
    };
    const tops: number[][][] = [];
    const rows: Array<Record<string, string | number>> = [];
    const tsRank = { ...cran.pg, searchIndex: new PgSearchIndex({ ranking: 'ts_rank' }) };
    for (const [name, app] of [['SQLite FTS5', cran.lite], ['PostgreSQL GIN, BM25 (pg-bm25.ts)', cran.pg], ['PostgreSQL GIN, former ts_rank × IDF', tsRank]] as const) {
      let n = 0;
      let m = 0;
      const top: number[][] = [];
      for (const { rel, words } of judged) {
        const r = await searchDocuments(app.db, app.searchIndex, app.analyser(), words.join(' '), { mode: 'normalised', match: 'any', limit: 10 });
        const ranked = r.hits.map((h) => Number(/cran-(\d+)/.exec(h.path)?.[1]));
        top.push(ranked);
        n += ndcg(ranked, rel);
        m += mrr(ranked, rel);
      }
      tops.push(top);
      rows.push({ backend: name, queries: judged.length, 'nDCG@10': +(n / judged.length).toFixed(4), 'MRR@10': +(m / judged.length).toFixed(4), load: load() });
    }
    const sameTop = tops[0]!.filter((t, i) => t.join() === tops[1]![i]!.join()).length;
    const overlap = tops[0]!.reduce((s, t, i) => s + t.filter((d) => tops[1]![i]!.includes(d)).length / Math.max(1, t.length), 0) / judged.length;
    console.log(`2. Cranfield 1400 (normalised, --match any): same top ten in the same order on ${sameTop} of ${judged.length} queries; top-10 overlap ${(overlap * 100).toFixed(0)} %`);
    console.log(table(rows));

    // ---------- 4. Index sizes ----------
    const liteSize = await sql<{ bytes: number }>`SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name LIKE 'search_index%'`.execute(cran.lite.db).then((r) => Number(r.rows[0]?.bytes ?? 0)).catch(() => Number.NaN);
    const pgSize = await sql<{ bytes: number }>`SELECT pg_total_relation_size('search_chunks') AS bytes`.execute(cran.pg.db).then((r) => Number(r.rows[0]?.bytes ?? 0));
    const ginSize = await sql<{ bytes: number }>`SELECT pg_relation_size('search_chunks_tsv') AS bytes`.execute(cran.pg.db).then((r) => Number(r.rows[0]?.bytes ?? 0));
    console.log(`4. Index sizes on Cranfield: SQLite FTS5 ${(liteSize / 1e6).toFixed(2)} MB; PostgreSQL search_chunks ${(pgSize / 1e6).toFixed(2)} MB of which the GIN index ${(ginSize / 1e6).toFixed(2)} MB`);
    await close(cran);
    fs.rmSync(cranDir, { recursive: true, force: true });

  }

  // ---------- 1. The search test suites' queries ----------
  if (PARTS.has('suites')) {
    const summary: Array<Record<string, string | number>> = [];
    const diffs: Array<Record<string, string>> = [];
    for (const suite of searchSuites()) {
      const dirs = suite.collections.map((c) => {
        if (c.folder) return { name: c.name, dir: c.folder };
        const dir = tempDir('parity-suite');
        for (const [file, text] of Object.entries(c.files ?? {})) {
          fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
          fs.writeFileSync(path.join(dir, file), text);
        }
        return { name: c.name, dir };
      });
      const pair = await both(dirs, suite.name);
      let sameSet = 0;
      let sameOrder = 0;
      let sameTotal = 0;
      for (const { q, mode, match } of suite.queries) {
        const ask = (app: App) => searchDocuments(app.db, app.searchIndex, app.analyser(), q, { mode, match, limit: 1000 }).then((r) => ({ total: r.total, hits: names(r.hits) }), (e: Error) => ({ total: -1, hits: [`error: ${e.message}`] }));
        const [a, b] = [await ask(pair.lite), await ask(pair.pg)];
        const same = [...a.hits].sort().join() === [...b.hits].sort().join();
        if (same) sameSet++;
        if (a.total === b.total) sameTotal++;
        if (a.hits.slice(0, 10).join() === b.hits.slice(0, 10).join()) sameOrder++;
        else diffs.push({ suite: suite.name, query: `${q}${mode ? ` (${mode})` : ''}${match ? ' --match any' : ''}`, SQLite: a.hits.slice(0, 10).join(' ') || '-', PostgreSQL: b.hits.slice(0, 10).join(' ') || '-', 'same set': same ? 'yes' : 'NO' });
      }
      summary.push({ suite: suite.name, queries: suite.queries.length, 'same documents': sameSet, 'same total': sameTotal, 'same top 10, same order': sameOrder, load: load() });
      await close(pair);
      for (const d of dirs) if (!d.dir.startsWith(repo)) fs.rmSync(d.dir, { recursive: true, force: true });
    }
    console.log('1. The search test suites\' queries (test/search-*.test.ts), SQLite vs PostgreSQL, up to 1,000 hits each:');
    console.log(table(summary));
    if (diffs.length) console.log(`Where the top ten differ:\n${table(diffs)}`);
  }

  // ---------- 3. Chinese questions → paragraphs ----------
  if (PARTS.has('chinese')) await chineseQa();
} finally {
  server.stop();
}

