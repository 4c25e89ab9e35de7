/**
 * p95 render time of the public site's story page and document page (target: under 30 ms),
 * measured in-process through the site's own Hono app (the code `dossier site serve` runs) over
 * a real workspace: the fixture PDF published through MuPDF/poppler, a story of ~40 paragraphs
 * with quotations bound to it. Peer in the same run: markdown-it rendering the same body alone,
 * the floor any Markdown-based story page pays.
 */
import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { openApp } from '../src/main.js';
import { buildSite } from '../src/http/site/site-app.js';
import { dossier, ensureBuilt, percentile, repo, table, tempDir, writeResult } from './support.js';

ensureBuilt();
const ws = tempDir('bench-site');
const files = path.join(ws, 'stories');
fs.mkdirSync(files);
fs.copyFileSync(path.join(repo, 'test', 'fixtures', 'image', 'photo.jpg'), path.join(files, 'photo.jpg'));
dossier(['ingest', path.join(repo, 'test', 'fixtures', 'pdf', 'two-pages.pdf'), '--workspace', ws, '--quiet', '--no-ocr']);
dossier(['publish', '1', '--workspace', ws]);
const paragraph = 'The notice names the [“职业技能教育培训中心”](doc:1#p1) and was issued to county officials; it describes *closed management* and the duties of each office, in detail.';
const body = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? `## Part ${i / 4 + 1}\n\n${paragraph}` : paragraph)).join('\n\n');
fs.writeFileSync(
  path.join(files, 'story.md'),
  `---\ntitle: Bench story\nslug: bench\ndek: A long story.\nbyline: By Bench\ndate: 2026-12-01\nimage: photo.jpg\nimage_alt: A gate\nimage_credit: Photo (CC0)\ntakeaways: [One, Two, Three]\ncontext:\n  - {label: Understand the context, title: Explainer, url: "https://example.org/", source: Example}\ncomments: open\n---\n${body}\n`,
);
dossier(['story', 'create', path.join(files, 'story.md'), '--workspace', ws]);
dossier(['story', 'publish', 'bench', '--workspace', ws]);

const app = await openApp({ workspace: ws });
const site = buildSite({ ...app, site: { name: 'Bench', baseUrl: 'https://bench.example/', static: false } });

async function measure(url: string, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n + 50; i++) {
    const start = process.hrtime.bigint();
    const response = await site.request(url, { method: 'GET', headers: { 'User-Agent': process.env.SAME_UA ? 'Mozilla/5.0 Firefox/140' : `Mozilla/5.0 Firefox/${i}` } });
    await response.text();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    if (i >= 50) times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

const N = 300;
const story = await measure('https://bench.example/stories/bench/', N);
const document = await measure('https://bench.example/documents/1/', N);
const md = new MarkdownIt({ html: false });
const peer: number[] = [];
for (let i = 0; i < N; i++) {
  const start = process.hrtime.bigint();
  md.render(body);
  peer.push(Number(process.hrtime.bigint() - start) / 1e6);
}
await app.close();
fs.rmSync(ws, { recursive: true, force: true });

const row = (name: string, t: number[]) => ({ page: name, runs: t.length, 'p50 ms': Number(percentile(t, 50).toFixed(2)), 'p95 ms': Number(percentile(t, 95).toFixed(2)), 'max ms': Number(Math.max(...t).toFixed(2)) });
const rows = [row('story page (40 paragraphs, view counted)', story), row('document page (2 pages)', document), row('peer: markdown-it body alone', peer)];
console.log(table(rows));
const ok = rows[0]!['p95 ms'] < 30 && rows[1]!['p95 ms'] < 30;
console.log(ok ? 'Both pages render under the 30 ms p95 budget.' : 'Over the 30 ms p95 budget.');
writeResult('site', rows);
