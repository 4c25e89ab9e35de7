/**
 * Summarise V8 CPU profiles (`node --cpu-prof`) as Markdown: per profile (one per process), where
 * the sampled time went by area (our stages, each npm package, Node internals, GC, idle) and the
 * functions with the most self time. Usage:
 *   NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" dossier ingest SLICE --workspace WS --no-ocr
 *   npx tsx scripts/summarise-cpu-profile.ts /tmp/prof > docs/perf/ingest-profile.md
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The area a frame belongs to: src/<stage>/<folder>, an npm package, Node itself, or V8's own. */
function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `npm:${pkg[1]}`;
  const own = /\/(?:src|dist)\/([^/]+)(?:\/([^/.]+))?/.exec(url);
  if (own) return own[2] && !own[2].includes('.') ? `${own[1]}/${own[2]}` : own[1]!;
  if (url.startsWith('node:')) return 'node:internal';
  return url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
}

function summarise(file: string): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const a = area(url, functionName);
    areas.set(a, (areas.get(a) ?? 0) + us);
    const where = url ? `${url.replace(/^file:\/\/.*?\/(node_modules|dist|src)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1)} %`;
  const s = (us: number) => `${(us / 1e6).toFixed(2)} s`;
  const lines = [`### ${path.basename(file)}`, '', `wall ${s(profile.endTime - profile.startTime)}, sampled ${s(total)}`, '', '| area | self time | share |', '|---|---:|---:|'];
  for (const [a, us] of [...areas].sort((x, y) => y[1] - x[1]).slice(0, 18)) lines.push(`| ${a} | ${s(us)} | ${pct(us)} |`);
  lines.push('', '| function (self time) | self time | share |', '|---|---:|---:|');
  for (const [f, us] of [...functions].sort((x, y) => y[1] - x[1]).slice(0, 20)) lines.push(`| \`${f.replace(/\|/g, '\\|')}\` | ${s(us)} | ${pct(us)} |`);
  return lines.join('\n');
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: summarise-cpu-profile.ts DIR_OF_CPUPROFILES');
  process.exit(2);
}
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
console.log(files.map(summarise).join('\n\n'));
