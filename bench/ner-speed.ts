/**
 * npm run bench:ner-speed — CPU per Chinese character of findEntities on eval:ner's pages (the
 * MSRA held-out slice's sentences, 40 to a page), as process.cpuUsage() measures it.
 *
 * NER_SPEED_BASE=/path/to/other/src (another checkout's src, e.g. `git archive` of an older commit
 * with node_modules linked beside it) runs that version too, in the same process, alternated page
 * by page (which goes first alternates too), for NER_SPEED_ROUNDS rounds (default 6; the first is
 * dropped as warm-up): the ratio of the two is what to trust, as the single figure of a run swings
 * by a quarter with the load of the shared machine. Both versions' mentions of every page are
 * compared first, and the number of pages that differ is printed. NER_SPEED_PROFILE=1 runs this
 * version alone for the rounds (for `node --cpu-prof`).
 */
import os from 'node:os';
import path from 'node:path';
import { MSRA_HELD_OUT } from '../scripts/ner-slices.js';
import { pagesOf, readMsraHeldOut } from './ner-corpora.js';
import { shared } from './support.js';
import type * as Analyse from '../src/analyse/index.js';

const ROUNDS = Number(process.env.NER_SPEED_ROUNDS ?? 6);
const pages = pagesOf(readMsraHeldOut(path.join(shared, 'ner-train', 'msra', 'msra_train_bio.tsv.gz'), MSRA_HELD_OUT));
const pageChars = pages.reduce((n, p) => n + p.length, 0);

type Find = (text: string) => unknown[];
async function load(src: string): Promise<Find> {
  const analyse = (await import(path.join(src, 'analyse', 'index.ts'))) as typeof Analyse;
  const analyser = analyse.defaultAnalyser();
  return (text) => analyse.findEntities(text, analyser);
}

const versions: Array<{ name: string; find: Find }> = [{ name: 'this', find: await load(path.resolve(import.meta.dirname, '..', 'src')) }];
if (process.env.NER_SPEED_BASE && !process.env.NER_SPEED_PROFILE) versions.push({ name: 'base', find: await load(path.resolve(process.env.NER_SPEED_BASE)) });

// Warm-up pass and the identity check.
let differing = 0;
for (const page of pages) {
  const found = versions.map((v) => JSON.stringify(v.find(page)));
  if (found.some((f) => f !== found[0])) differing++;
}
if (versions.length > 1) console.log(`pages whose mentions differ between this and base: ${differing} of ${pages.length}`);

const cpu = versions.map(() => [] as number[]);
for (let round = 0; round < ROUNDS; round++) {
  const sums = versions.map(() => 0);
  pages.forEach((page, p) => {
    for (let k = 0; k < versions.length; k++) {
      const v = (k + p + round) % versions.length;
      const started = process.cpuUsage();
      versions[v]!.find(page);
      const used = process.cpuUsage(started);
      sums[v]! += used.user + used.system;
    }
  });
  sums.forEach((s, v) => cpu[v]!.push(s / pageChars));
}
const fmt = (x: number) => x.toFixed(3);
for (let v = 0; v < versions.length; v++) {
  const kept = cpu[v]!.slice(1);
  const mean = kept.reduce((a, b) => a + b, 0) / kept.length;
  console.log(`${versions[v]!.name}: µs a character per round ${cpu[v]!.map(fmt).join(' ')} → mean of rounds 2+ ${fmt(mean)} (${Math.round(1e6 / mean / 1000)}k characters per CPU-second)`);
}
if (versions.length > 1) {
  const ratios = cpu[0]!.slice(1).map((t, r) => t / cpu[1]![r + 1]!);
  const sorted = [...ratios].sort((a, b) => a - b);
  console.log(`this / base CPU per round: ${ratios.map(fmt).join(' ')}; median ${fmt(sorted[Math.floor(sorted.length / 2)]!)}`);
}
console.log(`${pages.length} pages, ${pageChars} characters; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
