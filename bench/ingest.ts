// Ingest benchmark: Dossier against recollindex on the same files, with wall time and peak memory.
// Run with `npm run bench:ingest` (BENCH_REPEATS=n full runs of each, default 1). Figures go to stdout
// and to bench/out/ingest.json.
// BENCH_CORPUS=laws-email (default): prc-laws + email-linux-man; BENCH_CORPUS=synthetic: the mixed
// corpus of bench/synthetic-corpus.ts, BENCH_SCALE times their size (default 10), built once into
// BENCH_CACHE (default /work/cache). BENCH_GROWING=1 adds separate runs on 25 % and 50 % of the files.
// Memory is also recorded by quarter of the documents read in the Dossier run (from its progress
// lines), so one run shows whether it stays flat from 25 % to 100 %.
// Memory is sampled every 100 ms from /proc for the whole process tree (workers, filters included):
// tree RSS sums VmRSS (shared pages counted in every process), tree PSS sums Pss (shared pages
// split between processes), max proc is the largest VmHWM of any single process of the tree.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { syntheticCorpus } from './synthetic-corpus.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(repo, '../shared/corpus');
const corpusKind = process.env.BENCH_CORPUS === 'synthetic' ? 'synthetic' : 'laws-email';
const scale = Math.max(1, Number(process.env.BENCH_SCALE ?? 10));
const twoCorpora = [path.join(corpus, 'prc-laws'), path.join(corpus, 'email-linux-man/eml')];
let fullSources = twoCorpora;
// BENCH_SLICE=n: every n-th file of each folder, copied to a temporary folder both tools index (a
// bounded run on a busy machine); 1, the default, is the whole corpus.
const slice = Math.max(1, Number(process.env.BENCH_SLICE ?? 1));
let sources = fullSources;
const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
const MB = 1024; // kB per MB
const repeats = Math.max(1, Number(process.env.BENCH_REPEATS ?? 1)); // full runs of each tool
const growing = process.env.BENCH_GROWING === '1';

interface Peak {
  treeRssKb: number;
  treePssKb: number;
  maxProcKb: number;
  maxProcs: number;
  samples: number;
  /** Peak tree RSS and largest current process RSS (kB) in each quarter of the documents read. */
  quarters: Array<{ treeRssKb: number; procRssKb: number }>;
  /** Share of the documents read so far (from the progress lines), 0..1. */
  progress: number;
}
interface Measured {
  code: number;
  cpu: number; // user + system CPU seconds of the whole tree (GNU time's rusage of waited-for children)
  stdout: string;
  stderr: string;
  wall: number;
  peak: Peak;
}
interface Row {
  tool: string;
  input: string;
  files: number;
  docs: number;
  failed: number | null;
  wallSeconds: number;
  cpuSeconds: number;
  indexMB: number;
  load1: number;
  docsPerSecond: number;
  peakTreeRssMB: number;
  peakTreePssMB: number;
  maxProcessRssMB: number;
  maxProcesses: number;
  /** Dossier only: peak tree RSS and largest process RSS (MB) in each quarter of the documents read. */
  quarters: Array<{ treeRssMB: number; procRssMB: number }> | null;
  ok: boolean;
  detail: Record<string, unknown>;
}

/** Every regular file under the folders, in the order Dossier walks them (sorted, no symlinks). */
function listFiles(dir: string): string[] {
  const stat = fs.lstatSync(dir);
  if (stat.isFile()) return [dir];
  if (!stat.isDirectory()) return [];
  return fs.readdirSync(dir).sort().flatMap((name) => listFiles(path.join(dir, name)));
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return ''; // the process is gone
  }
}
const field = (text: string, key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);

/** The pid and all its descendants, from the parent pid in /proc/N/stat. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readText(`/proc/${name}/stat`);
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

function sample(root: number, peak: Peak): void {
  let rss = 0;
  let pss = 0;
  let proc = 0;
  const pids = processTree(root);
  for (const pid of pids) {
    const status = readText(`/proc/${pid}/status`);
    rss += field(status, 'VmRSS');
    proc = Math.max(proc, field(status, 'VmRSS'));
    peak.maxProcKb = Math.max(peak.maxProcKb, field(status, 'VmHWM'));
    pss += field(readText(`/proc/${pid}/smaps_rollup`), 'Pss');
  }
  peak.treeRssKb = Math.max(peak.treeRssKb, rss);
  peak.treePssKb = Math.max(peak.treePssKb, pss);
  peak.maxProcs = Math.max(peak.maxProcs, pids.length);
  peak.samples++;
  const quarter = peak.quarters[Math.min(3, Math.floor(peak.progress * 4))]!;
  quarter.treeRssKb = Math.max(quarter.treeRssKb, rss);
  quarter.procRssKb = Math.max(quarter.procRssKb, proc);
}

/** Run a command to completion, sampling the memory of its process tree every 100 ms. */
async function measure(command: string, args: string[]): Promise<Measured> {
  const started = performance.now();
  // GNU time reports the CPU time of the tree: on a shared machine CPU-seconds compare better than wall.
  const timeFile = path.join(os.tmpdir(), `bench-time-${process.pid}-${Math.round(started)}`);
  const timed = fs.existsSync('/usr/bin/time');
  const child = timed
    ? spawn('/usr/bin/time', ['-f', '%U %S', '-o', timeFile, command, ...args], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(command, args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const peak: Peak = { treeRssKb: 0, treePssKb: 0, maxProcKb: 0, maxProcs: 0, samples: 0, quarters: [0, 1, 2, 3].map(() => ({ treeRssKb: 0, procRssKb: 0 })), progress: 0 };
  const timer = setInterval(() => child.pid && sample(child.pid, peak), 100);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    // Dossier's progress line: "read N docs…, M queued" (every 10 s when not on a terminal).
    // The share is the smaller of files stored and documents read: while files are still being
    // stored the queue is short, and "read" alone would look nearly done.
    const last = [...stderr.slice(-2000).matchAll(/files (\d+)\/(\d+).*?read (\d+) docs[^,]*, (\d+) queued/g)].pop();
    if (last) {
      const [stored, total, read, queued] = last.slice(1).map(Number) as [number, number, number, number];
      peak.progress = Math.min(stored / Math.max(1, total), read / Math.max(1, read + queued));
    }
    stderr = stderr.slice(-20_000);
  });
  const code = await new Promise<number>((resolve) => {
    child.on('error', (e) => ((stderr += String(e)), resolve(127)));
    child.on('close', (c) => resolve(c ?? 1));
  });
  clearInterval(timer);
  const [user, system] = readText(timeFile).trim().split('\n').pop()!.split(' ').map(Number);
  fs.rmSync(timeFile, { force: true });
  return { code, stdout, stderr, wall: (performance.now() - started) / 1000, cpu: (user ?? NaN) + (system ?? NaN), peak };
}

/** Bytes on disk under a folder (allocated blocks, as `du` counts them). */
function diskBytes(dir: string): number {
  const stat = fs.lstatSync(dir);
  if (!stat.isDirectory()) return stat.blocks * 512;
  return fs.readdirSync(dir).reduce((n, name) => n + diskBytes(path.join(dir, name)), 0);
}

function row(tool: string, input: string, files: number, docs: number, failed: number | null, m: Measured, indexBytes: number, detail: Record<string, unknown>): Row {
  const mb = (kb: number) => Math.round(kb / MB);
  return {
    tool, input, files, docs, failed,
    wallSeconds: Number(m.wall.toFixed(2)),
    cpuSeconds: Number(m.cpu.toFixed(1)),
    indexMB: Number((indexBytes / 2 ** 20).toFixed(1)),
    load1: Number(os.loadavg()[0]!.toFixed(1)),
    docsPerSecond: Math.round(docs / m.wall),
    peakTreeRssMB: mb(m.peak.treeRssKb),
    peakTreePssMB: mb(m.peak.treePssKb),
    maxProcessRssMB: mb(m.peak.maxProcKb),
    maxProcesses: m.peak.maxProcs,
    quarters: tool === 'dossier' ? m.peak.quarters.map((q) => ({ treeRssMB: mb(q.treeRssKb), procRssMB: mb(q.procRssKb) })) : null,
    ok: m.code === 0,
    detail: { exitCode: m.code, samples: m.peak.samples, ...detail, ...(m.code === 0 ? {} : { stderrTail: m.stderr.slice(-2000) }) },
  };
}

async function runDossier(tmp: string, input: string, paths: string[], files: number): Promise<Row> {
  const workspace = fs.mkdtempSync(path.join(tmp, 'dossier-'));
  const m = await measure(process.execPath, ['bin/dossier.js', 'ingest', ...paths, '--workspace', workspace, '--collection', 'bench', '--json']);
  const line = m.stdout.trim().split('\n').pop() ?? '';
  let summary: Record<string, number> = {};
  try {
    summary = JSON.parse(line) as Record<string, number>;
  } catch {
    m.code ||= 1;
  }
  // The index is the database (records, FTS, mentions); blobs/ holds copies of the originals and extracted text.
  const indexBytes = fs.readdirSync(workspace).filter((n) => n !== 'blobs').reduce((n, name) => n + diskBytes(path.join(workspace, name)), 0);
  const blobBytes = fs.existsSync(path.join(workspace, 'blobs')) ? diskBytes(path.join(workspace, 'blobs')) : 0;
  fs.rmSync(workspace, { recursive: true, force: true });
  return row('dossier', input, summary.files ?? files, summary.documents ?? 0, summary.failed ?? null, m, indexBytes, { summary, blobsMB: Number((blobBytes / 2 ** 20).toFixed(1)) });
}

const count = (text: string) => Number(/(\d+) results/.exec(text)?.[1] ?? NaN);

async function runRecoll(tmp: string, input: string, files: string[]): Promise<Row> {
  const confdir = fs.mkdtempSync(path.join(tmp, 'recoll-'));
  const conf = [
    `topdirs = ${sources.map((s) => `"${s}"`).join(' ')}`,
    'indexStemmingLanguages = english',
    'noaspell = 1', // Dossier builds no spelling dictionary either
    'loglevel = 2',
  ];
  fs.writeFileSync(path.join(confdir, 'recoll.conf'), conf.join('\n') + '\n');
  const m = await measure('recollindex', ['-c', confdir, '-z']);
  const status = Object.fromEntries(readText(path.join(confdir, 'idxstatus.txt')).split('\n').map((l) => l.split(' = ')).filter((kv) => kv.length === 2).map(([k, v]) => [k, Number(v)]));
  const query = (q: string) => count(spawnSync('recollq', ['-c', confdir, '-n', '1', q], { env, encoding: 'utf8' }).stdout);
  const absent = spawnSync('recollindex', ['-c', confdir, '--notindexed'], { env, encoding: 'utf8', input: files.join('\n') + '\n' }).stdout.split('\n').filter((l) => l.startsWith('ABSENT')).length;
  const folders = query('mime:inode/directory');
  const indexBytes = diskBytes(path.join(confdir, 'xapiandb'));
  const checks = { filesNotIndexed: absent, folderEntries: folders, emails: query('mime:message/rfc822'), markdown: query('ext:md'), hits新疆: query('新疆') };
  fs.rmSync(confdir, { recursive: true, force: true });
  // Recoll counts each folder as a document: leave them out to compare with Dossier's documents.
  return row('recoll', input, files.length, (status.dbtotdocs ?? 0) - (folders || 0), status.fileerrors ?? null, m, indexBytes, { idxstatus: status, checks, config: conf });
}

function recollVersion(): string | null {
  const r = spawnSync('recollindex', ['-h'], { encoding: 'utf8' });
  if (r.error) return null;
  return /Recoll version: (.*)/.exec(r.stdout + r.stderr)?.[1] ?? 'unknown';
}

function printTable(rows: Row[]): void {
  const head = ['tool', 'input', 'files', 'docs', 'failed', 'wall s', 'CPU s', 'load', 'index MB', 'docs/s', 'tree RSS MB', 'tree PSS MB', 'max proc MB', 'procs'];
  const cells = rows.map((r) => [r.tool + (r.ok ? '' : ' (FAILED)'), r.input, r.files, r.docs, r.failed ?? '?', r.wallSeconds.toFixed(1), r.cpuSeconds.toFixed(1), r.load1.toFixed(1), r.indexMB.toFixed(1), r.docsPerSecond, r.peakTreeRssMB, r.peakTreePssMB, r.maxProcessRssMB, r.maxProcesses].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  for (const line of [head, ...cells]) console.log(line.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
}

async function main(): Promise<void> {
  for (const s of twoCorpora) if (!fs.existsSync(s)) throw new Error(`missing corpus folder: ${s}`);
  let synthetic: ReturnType<typeof syntheticCorpus> | null = null;
  if (corpusKind === 'synthetic') {
    synthetic = syntheticCorpus(process.env.BENCH_CACHE ?? '/work/cache', twoCorpora[0]!, twoCorpora[1]!, scale);
    fullSources = [synthetic.dir];
    sources = fullSources;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-'));
  if (slice > 1) {
    sources = fullSources.map((source) => {
      const copy = path.join(tmp, 'slice', path.basename(source));
      listFiles(source)
        .filter((_, i) => i % slice === 0)
        .forEach((file) => {
          const to = path.join(copy, path.relative(source, file));
          fs.mkdirSync(path.dirname(to), { recursive: true });
          fs.copyFileSync(file, to);
        });
      return copy;
    });
  }
  if (!fs.existsSync(path.join(repo, 'dist/main.js'))) {
    console.log('dist/ is missing: building…');
    if (spawnSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit' }).status !== 0) throw new Error('npm run build failed');
  }
  const files = sources.flatMap(listFiles);
  const bytes = files.reduce((n, f) => n + fs.readFileSync(f).length, 0); // also warms the page cache for every run
  const version = recollVersion();
  console.log(`Corpus${slice > 1 ? ` (BENCH_SLICE=${slice}: every ${slice}th file)` : ''}: ${files.length} files, ${(bytes / 2 ** 20).toFixed(1)} MiB in ${sources.map((s) => path.relative(repo, s)).join(', ')}`);
  const load = os.loadavg();
  console.log(`Machine: load average ${load.map((l) => l.toFixed(1)).join(' ')}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${version ? `recoll ${version}` : 'recollindex NOT INSTALLED'}; OMP_THREAD_LIMIT=1\n`);

  const rows: Row[] = [];
  const done = (r: Row) => (rows.push(r), console.log(`${r.tool} ${r.input}: ${r.wallSeconds} s${r.ok ? '' : ' FAILED'}`));
  try {
    // Growing slices (every 4th, every 2nd file, given as file paths) show whether memory stays flat.
    for (const step of growing ? [4, 2] : []) {
      const slice = files.filter((_, i) => i % step === 0);
      done(await runDossier(tmp, `${100 / step}% (files)`, slice, slice.length));
    }
    // The comparison on the full folders, interleaved and repeated: the machine may be shared.
    for (let i = 1; i <= repeats; i++) {
      done(await runDossier(tmp, `100% (folders) #${i}`, sources, files.length));
      if (version) done(await runRecoll(tmp, `100% (folders) #${i}`, files));
    }
    if (!version) console.log('\nrecollindex is not installed (apt-get install -y recoll): reporting Dossier only.');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  console.log('');
  printTable(rows);
  const full = (tool: string) => rows.filter((r) => r.tool === tool && r.input.startsWith('100%') && r.ok);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
  const summary = Object.fromEntries(
    ['dossier', 'recoll'].map((tool) => [tool, { runs: full(tool).length, medianWallSeconds: median(full(tool).map((r) => r.wallSeconds)), medianCpuSeconds: median(full(tool).map((r) => r.cpuSeconds)), indexMB: median(full(tool).map((r) => r.indexMB)), maxProcessRssMB: Math.max(0, ...full(tool).map((r) => r.maxProcessRssMB)), maxPeakTreeRssMB: Math.max(0, ...full(tool).map((r) => r.peakTreeRssMB)) }]),
  );
  const [ds, rs] = [summary.dossier!, summary.recoll!];
  const ratio = ds.runs && rs.runs ? Number((rs.medianWallSeconds / ds.medianWallSeconds).toFixed(2)) : null;
  console.log(`\nmedian wall time of ${repeats} full run(s): dossier ${ds.medianWallSeconds} s, recollindex ${rs.runs ? `${rs.medianWallSeconds} s` : 'n/a'}`);
  console.log(ratio === null ? 'ratio: n/a (no successful recollindex run)' : `ratio recoll/dossier wall time: ${ratio} (${ratio > 1 ? 'Dossier is faster' : 'recollindex is faster'})`);
  if (ds.runs && rs.runs) {
    console.log(`wall ratio dossier/recollindex: ${(ds.medianWallSeconds / rs.medianWallSeconds).toFixed(2)}× (target ≤ 1.0×); CPU-seconds ratio: ${(ds.medianCpuSeconds / rs.medianCpuSeconds).toFixed(2)}× (dossier ${ds.medianCpuSeconds} CPU-s, recollindex ${rs.medianCpuSeconds} CPU-s)`);
    console.log(`index on disk: dossier ${ds.indexMB} MB (database, without blobs), recollindex ${rs.indexMB} MB (xapiandb): ${(ds.indexMB / rs.indexMB).toFixed(2)}×`);
  }
  console.log(`peak RSS of the largest single process: dossier ${ds.maxProcessRssMB} MB (target ≤ 500 MB), recollindex ${rs.runs ? `${rs.maxProcessRssMB} MB` : 'n/a'}`);
  console.log(`peak tree RSS: dossier ${ds.maxPeakTreeRssMB} MB (target ≤ 1 GB), recollindex ${rs.runs ? `${rs.maxPeakTreeRssMB} MB` : 'n/a'}`);
  const peaks = rows.filter((x) => x.tool === 'dossier').map((x) => x.peakTreeRssMB);
  if (growing) console.log(`dossier peak tree RSS as the corpus grows (25%, 50%, then each 100% run): ${peaks.join(' / ')} MB`);
  const recoll = rows.find((x) => x.tool === 'recoll');
  if (recoll) console.log(`recoll checks: ${JSON.stringify(recoll.detail.checks)} (its docs exclude folder entries)`);
  const endLoad = os.loadavg();
  for (const r of rows.filter((r) => !r.ok)) console.log(`\n${r.tool} ${r.input} failed (exit ${String(r.detail.exitCode)}):\n${String(r.detail.stderrTail)}`);

  // The compact summary: what the issue's targets are measured on, in a few lines to paste.
  const first = full('dossier')[0];
  const corpusName = corpusKind === 'synthetic' ? `synthetic ×${scale} (${JSON.stringify(synthetic?.counts)})` : 'prc-laws + email-linux-man/eml';
  console.log(`\n== SUMMARY bench:ingest · ${corpusName}${slice > 1 ? ` · BENCH_SLICE=${slice}` : ''} · ${files.length} files, ${(bytes / 2 ** 20).toFixed(1)} MiB · load ${load[0]!.toFixed(1)} → ${endLoad[0]!.toFixed(1)} on ${os.cpus().length} cores`);
  if (ds.runs && rs.runs) {
    console.log(`wall     dossier ${ds.medianWallSeconds} s · recollindex ${rs.medianWallSeconds} s · ratio ${(ds.medianWallSeconds / rs.medianWallSeconds).toFixed(2)}× (target ≤ 1.0×)`);
    console.log(`CPU      dossier ${ds.medianCpuSeconds} CPU-s · recollindex ${rs.medianCpuSeconds} CPU-s · ratio ${(ds.medianCpuSeconds / rs.medianCpuSeconds).toFixed(2)}×`);
    console.log(`index    dossier ${ds.indexMB} MB · recollindex ${rs.indexMB} MB · ratio ${(ds.indexMB / rs.indexMB).toFixed(2)}×`);
  } else console.log(`wall     dossier ${ds.medianWallSeconds} s (${ds.medianCpuSeconds} CPU-s); no recollindex run to compare`);
  console.log(`memory   largest process ${ds.maxProcessRssMB} MB (≤ 500) · tree ${ds.maxPeakTreeRssMB} MB (≤ 1024) · recollindex ${rs.runs ? `${rs.maxProcessRssMB} / ${rs.maxPeakTreeRssMB} MB` : 'n/a'}`);
  if (first?.quarters) console.log(`by quarter of the documents read (25/50/75/100 %): tree ${first.quarters.map((q) => q.treeRssMB || '–').join(' / ')} MB · largest process ${first.quarters.map((q) => q.procRssMB || '–').join(' / ')} MB (– : no progress line in that quarter)`);
  console.log(`docs     dossier ${first?.docs ?? '?'} (${first?.failed ?? '?'} failed) · recollindex ${recoll?.docs ?? 'n/a'}`);

  const outDir = path.join(repo, 'bench/out');
  fs.mkdirSync(outDir, { recursive: true });
  const report = { date: new Date().toISOString(), machine: { cores: os.cpus().length, node: process.version, recoll: version }, corpus: { kind: corpusKind, scale: corpusKind === 'synthetic' ? scale : 1, slice, files: files.length, bytes, synthetic: synthetic?.counts ?? null }, loadAverageAtStart: load, loadAverageAtEnd: endLoad, repeats, summary, ratioRecollOverDossier: ratio, rows };
  const outFile = path.join(outDir, corpusKind === 'synthetic' ? 'ingest-synthetic.json' : 'ingest.json');
  fs.writeFileSync(outFile, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(repo, outFile)}`);
}

await main();
