/**
 * The workbench's pages as a browser without JavaScript gets them: real fixture files ingested
 * by the built CLI (a scanned Chinese image OCR'd for real), `dossier serve --port 0` as a
 * subprocess, plain HTTP. Nothing here imports src/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ingest, ls, makeWorkspace, removeDir, type LsRow } from './support/cli.js';
import { addUser, grant, HttpClient, startWorkbench, type HttpAnswer, type Workbench } from './support/workbench.js';

const PASSWORD = 'editor-password-1';
const XINJIANG = encodeURIComponent('新疆');

let workspace: string;
let server: Workbench;
let docs: LsRow[];
let client: HttpClient;
const seen: Array<[string, HttpAnswer]> = [];
const byPath = (suffix: string) => docs.find((d) => d.path.endsWith(suffix))!;

async function get(route: string, as: HttpClient = client): Promise<HttpAnswer> {
  const answer = await as.get(route);
  seen.push([route, answer]);
  return answer;
}

beforeAll(async () => {
  workspace = makeWorkspace('workbench-pages');
  const f = (p: string) => path.join(FIXTURES, p);
  await ingest(workspace, [f('pdf/two-pages.pdf'), f('html/page.html'), f('email/sample.mbox'), f('text/utf8.txt'), f('ocr/chinese.png')], { collection: 'leak' });
  docs = await ls(workspace);
  await addUser(workspace, 'ed', 'editor', PASSWORD);
  await addUser(workspace, 'root', 'admin', 'root-password-1');
  await grant(workspace, 'ed', 'leak');
  server = await startWorkbench(workspace);
  client = new HttpClient(server.url);
  const login = await client.request('POST', '/login', { form: { username: 'ed', password: PASSWORD } });
  expect(login.status).toBe(303);
}, 300_000);

afterAll(async () => {
  if (server && (server.process.exitCode !== null || server.process.signalCode !== null)) console.error(`dossier serve exited early:\n${server.output()}`);
  await server?.stop();
  removeDir(workspace);
});

describe('the search page (no JavaScript)', () => {
  it('finds 新疆 with the count, hits marked in <mark>, each linked to its matching page', async () => {
    const page = await get(`/search?q=${XINJIANG}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(page.body).toMatch(/\d+ documents? match “新疆”/);
    expect(page.body).toContain('<mark>新疆</mark>');
    const pdf = byPath('two-pages.pdf');
    expect(page.body).toContain(`href="/documents/${pdf.id}?q=${XINJIANG}&amp;mode=normalised#page-1"`);
    expect(page.body).toMatch(/<input[^>]*name="q"[^>]*value="新疆"/);
  });

  it('has the mode switch, facets as links, and a labelled query box', async () => {
    const page = await get(`/search?q=${XINJIANG}&mode=cross-script`);
    for (const mode of ['exact', 'normalised', 'cross-script']) expect(page.body).toMatch(new RegExp(`<input[^>]*name="mode"[^>]*value="${mode}"`));
    expect(page.body).toMatch(/<input type="radio" name="mode" value="cross-script" checked/);
    expect(page.body).toMatch(/<label for="q">/);
    expect(page.body).toContain('Narrow down');
    expect(page.body).toContain(`/search?q=${XINJIANG}+type%3Apdf&amp;mode=cross-script`);
  });

  it('pages through results', async () => {
    const first = await get(`/search?q=${XINJIANG}&limit=1`);
    expect(first.body).toMatch(/aria-label="Result pages"/);
    expect(first.body).toContain('rel="next"');
    const second = await get(`/search?q=${XINJIANG}&limit=1&offset=1`);
    expect(second.body).toContain('rel="prev"');
    expect(second.body).toMatch(/<ol class="hits" start="2">/);
  });

  it('shows a malformed query as a 400 with the message the CLI prints; the API answers 400 JSON', async () => {
    const page = await get(`/search?q=${encodeURIComponent('新疆 AND (培训 OR')}`);
    expect(page.status).toBe(400);
    expect(page.body).toContain('OR needs something after it');
    const api = await get(`/api/search?q=${encodeURIComponent('新疆 AND (培训 OR')}`);
    expect(api.status).toBe(400);
    expect(JSON.parse(api.body)).toMatchObject({ error: { code: 'invalid_query' } });
    expect((JSON.parse(api.body) as { error: { message: string } }).error.message).toContain('OR needs something after it');
    const badMode = await get(`/api/search?q=x&mode=fuzzy`);
    expect(badMode.status).toBe(400);
  });

  it('the API gives the CLI search JSON', async () => {
    const result = JSON.parse((await get(`/api/search?q=${XINJIANG}&facets=1`)).body) as { query: string; mode: string; total: number; hits: Array<Record<string, unknown>>; facets: Record<string, unknown> };
    expect(result).toMatchObject({ query: '新疆', mode: 'normalised' });
    expect(result.total).toBeGreaterThan(2);
    expect(Object.keys(result.hits[0]!).sort()).toEqual(['collection', 'date', 'end', 'highlights', 'id', 'matched', 'mime', 'page', 'path', 'score', 'snippet', 'start', 'title'].sort());
    expect(result.facets).toHaveProperty('collection');
  });
});

describe('the document page', () => {
  it('shows the text by page with the query marked on its page', async () => {
    const pdf = byPath('two-pages.pdf');
    const page = await get(`/documents/${pdf.id}?q=${XINJIANG}&mode=normalised`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<section id="page-1"');
    expect(page.body).toContain('<section id="page-2"');
    const first = page.body.slice(page.body.indexOf('<section id="page-1"'), page.body.indexOf('<section id="page-2"'));
    expect(first).toContain('<mark>新疆</mark>');
    expect(page.body).toContain(`href="/documents/${pdf.id}/file"`);
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toMatch(/<main id="main"/);
    expect(page.body).toMatch(/<header class="site-header">/);
    expect(page.body).toMatch(/<nav aria-label="Main">/);
  });

  it('marks 维吾尔 for a traditional 維吾爾 in normalised mode, not in exact mode', async () => {
    const text = byPath('utf8.txt');
    const traditional = encodeURIComponent('維吾爾');
    const normalised = await get(`/documents/${text.id}?q=${traditional}&mode=normalised`);
    expect(normalised.body).toContain('<mark>维吾尔</mark>');
    const exact = await get(`/documents/${text.id}?q=${traditional}&mode=exact`);
    expect(exact.body).not.toContain('<mark>');
  });

  it('outlines the match on the OCR page image, in an SVG the CSP allows', async () => {
    const scan = byPath('chinese.png');
    const page = await get(`/documents/${scan.id}?q=${XINJIANG}`);
    expect(page.status).toBe(200);
    // A lazy <img> (the reader of a long document loads only the scans near it), the boxes an SVG over it.
    expect(page.body).toContain(`<img src="/documents/${scan.id}/pages/1/image" loading="lazy"`);
    expect(page.body).toMatch(/<rect class="hl-box" x="\d+" y="\d+" width="\d+" height="\d+"/);
    expect(page.body).not.toMatch(/style="/);
    const image = await get(`/documents/${scan.id}/pages/1/image`);
    expect(image.status).toBe(200);
    expect(image.headers.get('Content-Type')).toBe('image/png');
  });

  it('lists the messages of an email thread and the mailbox it came from', async () => {
    const reply = byPath('sample.mbox!/message-000002.eml');
    const first = byPath('sample.mbox!/message-000001.eml');
    const mbox = byPath('email/sample.mbox');
    const page = await get(`/documents/${reply.id}`);
    expect(page.body).toContain('Email thread (2 messages)');
    expect(page.body).toContain(`href="/documents/${first.id}"`);
    expect(page.body).toContain(`Inside <a href="/documents/${mbox.id}"`);
    const container = await get(`/documents/${mbox.id}`);
    expect(container.body).toContain(`href="/documents/${reply.id}"`);
  });

  it('downloads the original as an attachment that never renders in our origin', async () => {
    const html = byPath('html/page.html');
    const file = await get(`/documents/${html.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(file.headers.get('Content-Disposition')).toBe(`attachment; filename="page.html"; filename*=UTF-8''page.html`);
    expect(file.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(file.headers.get('Content-Security-Policy')).toContain('sandbox');
    expect(file.body).toBe(fs.readFileSync(path.join(FIXTURES, 'html/page.html'), 'utf8'));
    const api = await get(`/api/documents/${html.id}/file`);
    expect(api.headers.get('Content-Disposition')).toMatch(/^attachment/);
  });

  it('GET /api/documents/ID is the JSON of dossier show --json', async () => {
    const pdf = byPath('two-pages.pdf');
    const view = JSON.parse((await get(`/api/documents/${pdf.id}`)).body) as Record<string, unknown>;
    expect(Object.keys(view).sort()).toEqual(['children', 'collection', 'id', 'message', 'metadata', 'mime', 'needsOcr', 'pages', 'parent', 'path', 'paths', 'reason', 'sha256', 'size', 'status', 'text', 'title'].sort());
    expect((view.pages as unknown[]).length).toBe(2);
  });
});

describe('every response', () => {
  it('carries a strict Content-Security-Policy and the other security headers', async () => {
    const anon = new HttpClient(server.url);
    await get('/login', anon);
    await get('/', anon);
    await get('/api/me', anon);
    await get('/assets/dossier.css', anon);
    await get('/no/such/route');
    await get('/documents/99999999');
    await get('/');
    await get('/account');
    expect(seen.length).toBeGreaterThan(15);
    for (const [route, answer] of seen) {
      const csp = answer.headers.get('Content-Security-Policy') ?? '';
      expect(csp, route).toContain("default-src 'none'");
      expect(answer.headers.get('X-Content-Type-Options'), route).toBe('nosniff');
      expect(answer.headers.get('Referrer-Policy'), route).toBe('no-referrer');
      if (!route.includes('/file') && !route.includes('/image')) {
        for (const part of ["script-src 'self'", "style-src 'self'", "img-src 'self' data:", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'"]) expect(csp, route).toContain(part);
      }
    }
  });

  it('pages load nothing from elsewhere: stylesheet and script from /assets/', async () => {
    const page = await get(`/search?q=${XINJIANG}`);
    const urls = [...page.body.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.filter((u) => /^(https?:)?\/\//.test(u))).toEqual([]);
    const css = await get(urls.find((u) => u.startsWith('/assets/dossier.css'))!);
    expect(css.status).toBe(200);
    expect(css.headers.get('Content-Type')).toMatch(/^text\/css/);
    expect(css.body).toMatch(/Noto Sans CJK SC/);
    const js = await get(urls.find((u) => u.startsWith('/assets/dossier.js'))!);
    expect(js.headers.get('Content-Type')).toMatch(/^text\/javascript/);
  });
});
