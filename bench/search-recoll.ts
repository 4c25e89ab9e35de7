/**
 * recoll's index of a bench:search-scale collection, the peer the latencies are printed beside:
 * one text file per document (folders of 1,000, written from the stored pages in short read
 * transactions of 20,000, so a million documents stream and the database's log is not held open),
 * indexed by `recollindex` into <workspace>-recoll. Built once and reused; a stopped build resumes
 * (files already written are kept; recollindex is incremental). Run alone to build one ahead of the
 * bench: `node --import tsx bench/search-recoll.ts 1000000`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { corpusWorkspace } from './search-corpus.js';

export const recollInstalled = (): boolean => spawnSync('sh', ['-c', 'command -v recollindex && command -v recollq'], { stdio: 'ignore' }).status === 0;

/** The recoll configuration folder of a collection when its index is complete, else null (built first when `build`). */
export function recollIndex(workspace: string, build: boolean): string | null {
  if (!recollInstalled()) return null;
  const conf = `${workspace}-recoll`;
  const done = path.join(conf, 'index-complete');
  if (fs.existsSync(done)) return conf;
  if (!build) {
    console.log(`recoll: no complete index at ${conf}; BENCH_RECOLL_BUILD=1 builds one (about an hour at a million files)`);
    return null;
  }
  const files = `${workspace}-files`;
  fs.mkdirSync(conf, { recursive: true });
  const t0 = performance.now();
  // Python's sqlite3 streams the rows (no Node memory); each chunk is its own read transaction.
  const script = `import sqlite3, os, sys
con = sqlite3.connect('file:' + ${JSON.stringify(path.join(workspace, 'dossier.db'))} + '?mode=ro', uri=True)
top = con.execute('SELECT coalesce(max(document_id), 0) FROM pages').fetchone()[0]
for start in range(0, top + 1, 20000):
    if os.path.exists(os.path.join(${JSON.stringify(files)}, str((start + 19999) // 1000), f'{start + 19999}.txt')): continue
    for (doc, text) in con.execute('SELECT document_id, text FROM pages WHERE document_id >= ? AND document_id < ?', (start, start + 20000)):
        d = os.path.join(${JSON.stringify(files)}, str(doc // 1000))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f'{doc}.txt'), 'w') as f: f.write(text)
    print(f'{min(top, start + 19999)}/{top} files', flush=True)
`;
  spawnSync('/usr/bin/python3', ['-c', script], { stdio: 'inherit' });
  const written = (performance.now() - t0) / 1000;
  console.log(`recoll: files written in ${written.toFixed(0)} s; indexing (load ${os.loadavg()[0]!.toFixed(1)})`);
  // A 256 MB flush threshold (default 10 MB) writes Xapian's tables far less often.
  fs.writeFileSync(path.join(conf, 'recoll.conf'), `topdirs = ${files}\nnoaspell = 1\nloglevel = 2\nindexStemmingLanguages = english\nidxflushmb = 256\nidxniceprio = 10\n`);
  const t1 = performance.now();
  const index = spawnSync('/usr/bin/time', ['-f', '%U %S', 'recollindex', '-c', conf], { encoding: 'utf8' });
  const [user = 0, system = 0] = (index.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  const indexed = (performance.now() - t1) / 1000;
  if (index.status !== 0) throw new Error(`recollindex failed: ${index.stderr.slice(-500)}`);
  const summary = { filesSeconds: Math.round(written), indexSeconds: Math.round(indexed), indexCpuSeconds: +(user + system).toFixed(1), at: new Date().toISOString() };
  fs.writeFileSync(done, JSON.stringify(summary));
  console.log(`recoll: indexed in ${indexed.toFixed(0)} s (${(user + system).toFixed(0)} CPU-s): ${conf}`);
  return conf;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) recollIndex(corpusWorkspace(Number(process.argv[2] ?? 100_000)), true);
