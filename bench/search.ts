/**
 * npm run bench:search — query latency, p50 and p99, for a mixed query set (Chinese words, English
 * words, phrases, names, pinyin), on the same data for every system:
 *  A. shared/corpus/prc-laws + email-linux-man (about 4,500 documents): Dossier, raw SQLite FTS5
 *     (unicode61 over the raw text, bm25 + snippet), and recollq over a recollindex of the files;
 *  B. a synthetic corpus of BENCH_DOCS documents (default 100,000) made from the same paragraphs
 *     with names mixed in: Dossier against raw FTS5. Target: Dossier p99 under 50 ms.
 * Dossier's time includes everything `dossier search --json` returns: best page, snippet,
 * highlights and why each hit matched. recollq is a process per query, as people use it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { analyseDocument, storeDocumentIndex } from '../src/index/index.js';
import { openApp } from '../src/main.js';
import { searchDocuments } from '../src/search/index.js';
import { httpLatency } from './http-clients.js';
import { dossier, ensureBuilt, percentile, shared, table, tempDir, writeResult } from './support.js';

ensureBuilt();
const ROUNDS = 5;
const QUERIES: Array<{ q: string; mode: 'normalised' | 'cross-script' | 'exact'; kind: string; match?: 'all' | 'any' }> = [
  { q: 'the', mode: 'normalised', kind: 'most common English word' },
  { q: 'of', mode: 'normalised', kind: 'common English word' },
  { q: '规定', mode: 'normalised', kind: 'most common Chinese word' },
  { q: '人民', mode: 'normalised', kind: 'common Chinese word' },
  { q: 'the kernel', mode: 'normalised', kind: 'common words, any', match: 'any' },
  { q: '国务院有关部门应当依照本法规定做好哪些工作？', mode: 'normalised', kind: 'pasted Chinese question', match: 'any' },
  { q: '新疆', mode: 'normalised', kind: 'Chinese word' },
  { q: '人民法院', mode: 'normalised', kind: 'Chinese word' },
  { q: '劳动合同', mode: 'normalised', kind: 'Chinese word' },
  { q: '知识产权', mode: 'normalised', kind: 'Chinese word' },
  { q: '行政处罚', mode: 'normalised', kind: 'Chinese word' },
  { q: '環境保護', mode: 'normalised', kind: 'Chinese word (traditional)' },
  { q: '国务院 规定', mode: 'normalised', kind: 'Chinese words' },
  { q: 'kernel', mode: 'normalised', kind: 'English word' },
  { q: 'manual', mode: 'normalised', kind: 'English word' },
  { q: 'signal handler', mode: 'normalised', kind: 'English words' },
  { q: 'documentation', mode: 'normalised', kind: 'English word' },
  { q: '"man page"', mode: 'normalised', kind: 'phrase' },
  { q: '"中华人民共和国"', mode: 'normalised', kind: 'phrase' },
  { q: '"system call"', mode: 'normalised', kind: 'phrase' },
  { q: '习近平', mode: 'cross-script', kind: 'name' },
  { q: 'Xi Jinping', mode: 'cross-script', kind: 'name' },
  { q: 'Michael Kerrisk', mode: 'normalised', kind: 'name' },
  { q: 'Chen Quanguo', mode: 'cross-script', kind: 'name' },
  { q: 'xinjiang', mode: 'cross-script', kind: 'pinyin' },
  { q: 'renmin fayuan', mode: 'cross-script', kind: 'pinyin' },
  { q: 'guowuyuan', mode: 'cross-script', kind: 'pinyin' },
  { q: 'patch*', mode: 'normalised', kind: 'prefix' },
];

type Timer = (q: (typeof QUERIES)[number]) => Promise<number>;

async function measure(name: string, run: Timer): Promise<Record<string, string | number>> {
  const times: number[] = [];
  let hits = 0;
  for (const q of QUERIES) await run(q); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of QUERIES) {
      const t0 = performance.now();
      hits += round === 0 ? await run(q) : (await run(q), 0);
      times.push(performance.now() - t0);
    }
  }
  return { system: name, queries: times.length, 'p50 ms': +percentile(times, 50).toFixed(2), 'p99 ms': +percentile(times, 99).toFixed(2), 'hits (1 round)': hits };
}

function rawFts(file: string, rows: Iterable<{ id: number; title: string; body: string }>): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE VIRTUAL TABLE t USING fts5(title, body)');
  const insert = db.prepare('INSERT INTO t (rowid, title, body) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const r of rows) insert.run(r.id, r.title, r.body);
  })();
  return db;
}

function rawTimer(db: Database.Database): Timer {
  const stmt = db.prepare("SELECT rowid, snippet(t, 1, '<mark>', '</mark>', '…', 12) AS s FROM t WHERE t MATCH ? ORDER BY bm25(t, 4.0, 1.0) LIMIT 20");
  const count = db.prepare('SELECT count(*) AS n FROM t WHERE t MATCH ?');
  return async ({ q, match: how }) => {
    const match = q.includes('"') ? q : q.split(/\s+/).map((w) => (w.endsWith('*') ? `"${w.slice(0, -1)}"*` : `"${w}"`)).join(how === 'any' ? ' OR ' : ' AND ');
    stmt.all(match);
    return Number((count.get(match) as { n: number }).n);
  };
}

const results: Record<string, unknown> = {};

// ---------- A. the real corpus, three systems ----------
const sources = [path.join(shared, 'prc-laws'), path.join(shared, 'email-linux-man', 'eml')];
const wsA = tempDir('bench-search-a');
console.log('A. indexing shared/corpus/prc-laws + email-linux-man with dossier …');
dossier(['ingest', ...sources, '--workspace', wsA, '--quiet']);
const appA = await openApp({ workspace: wsA });
const pagesA = await appA.db.selectFrom('pages').innerJoin('documents', 'documents.id', 'pages.document_id').select(['pages.id', 'pages.text', 'documents.title']).execute();
const rawA = rawFts(path.join(wsA, 'raw.db'), pagesA.map((p) => ({ id: p.id, title: p.title ?? '', body: p.text })));
const rowsA = [
  await measure('dossier in-process', async ({ q, mode, match }) => (await searchDocuments(appA.db, appA.searchIndex, appA.analyser(), q, { mode, match, limit: 20 })).total),
  await measure('raw SQLite FTS5', rawTimer(rawA)),
];
const recollConf = tempDir('bench-recoll');
const hasRecoll = spawnSync('sh', ['-c', 'command -v recollindex && command -v recollq']).status === 0;
if (hasRecoll) {
  fs.writeFileSync(path.join(recollConf, 'recoll.conf'), `topdirs = ${sources.join(' ')}\nnoaspell = 1\nloglevel = 2\nindexStemmingLanguages = english\n`);
  console.log('A. indexing the same files with recollindex …');
  spawnSync('recollindex', ['-c', recollConf], { stdio: 'ignore' });
  rowsA.push(
    await measure('recollq (a process per query)', async ({ q }) => {
      const out = spawnSync('recollq', ['-c', recollConf, '-n', '20', q], { encoding: 'utf8' });
      return Number(/(\d+) results/.exec(out.stdout + out.stderr)?.[1] ?? 0);
    }),
  );
} else console.log('recollq is not installed (apt-get install recoll): skipped');
console.log(`\nA. ${pagesA.length} pages of ${sources.length} corpora, ${QUERIES.length} queries × ${ROUNDS} rounds; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(table(rowsA));
await appA.close();
rawA.close();
const httpA = await httpLatency(wsA, QUERIES, [1, 8], ROUNDS);
console.log(table(httpA));
results.real = { rows: rowsA, http: httpA };

// ---------- B. synthetic corpus at scale (BENCH_DOCS=0 skips it: bench:search-scale measures 100k and 1M) ----------
const N = Number(process.env.BENCH_DOCS ?? 100_000);
const wsB = N > 0 ? tempDir('bench-search-b') : '';
if (N > 0) {
  const appB = await openApp({ workspace: wsB });
  const paragraphs = pagesA.flatMap((p) => p.text.split(/\n\s*\n/)).filter((p) => p.trim().length > 40);
  const names = ['习近平', '習近平', 'Xi Jinping', '陈全国', 'Chen Quanguo', '新疆维吾尔自治区', 'Xinjiang', '西金平村', '乌鲁木齐', 'Ürümqi'];
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  console.log(`\nB. building a synthetic corpus of ${N} documents …`);
  const t0 = performance.now();
  const { id: collectionId } = await appB.db.insertInto('collections').values({ name: 'synthetic', created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
  const rawB = new Database(path.join(wsB, 'raw.db'));
  rawB.exec('CREATE VIRTUAL TABLE t USING fts5(title, body)');
  const rawInsert = rawB.prepare('INSERT INTO t (rowid, title, body) VALUES (?, ?, ?)');
  const analyser = appB.analyser();
  for (let start = 0; start < N; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, N - start) }, (_, k) => {
      const text = [pick(paragraphs), random() < 0.1 ? `${pick(names)}。` : '', pick(paragraphs)].join('\n');
      return { title: `doc ${start + k}`, text };
    });
    await appB.db.transaction().execute(async (trx) => {
      for (const doc of batch) {
        const { id } = await trx.insertInto('documents').values({ collection_id: collectionId, sha256: null, size: doc.text.length, mime: 'text/plain', status: 'ok', reason: null, message: null, title: doc.title, parent_id: null, path: `${doc.title}.txt`, depth: 0, needs_ocr: 0, metadata: '{}', created_at: '', extracted_at: '' }).returning('id').executeTakeFirstOrThrow();
        const page = await trx.insertInto('pages').values({ document_id: id, page: 1, text: doc.text }).returning('id').executeTakeFirstOrThrow();
        await storeDocumentIndex(trx, appB.searchIndex, id, analyseDocument(analyser, { title: doc.title, path: `${doc.title}.txt`, metadata: {}, pages: [{ page: 1, text: doc.text }] }));
        rawInsert.run(page.id, doc.title, doc.text);
      }
    });
    if (process.stderr.isTTY) process.stderr.write(`\r${start + batch.length}/${N} documents`);
  }
  console.log(`\nbuilt in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const rowsB = [
    await measure('dossier in-process', async ({ q, mode, match }) => (await searchDocuments(appB.db, appB.searchIndex, analyser, q, { mode, match, limit: 20 })).total),
    await measure('raw SQLite FTS5', rawTimer(rawB)),
  ];
  console.log(`\nB. ${N} synthetic documents, ${QUERIES.length} queries × ${ROUNDS} rounds (target: dossier p99 < 50 ms)`);
  console.log(table(rowsB));
  await appB.close();
  rawB.close();
  const httpB = await httpLatency(wsB, QUERIES, [1, 8], ROUNDS);
  console.log(table(httpB));
  results.synthetic = { documents: N, rows: rowsB, http: httpB };
}
writeResult('search', results);
// BENCH_KEEP=1 keeps the synthetic workspace for profiling (its path is printed).
if (process.env.BENCH_KEEP) console.log(`kept the synthetic workspace: ${wsB}`);
for (const dir of process.env.BENCH_KEEP || !wsB ? [wsA, recollConf] : [wsA, wsB, recollConf]) fs.rmSync(dir, { recursive: true, force: true });
