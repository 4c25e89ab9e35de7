/**
 * The public site from the command line and over HTTP, all real: the built CLI, a real SQLite
 * workspace, the fixture PDF published through MuPDF/poppler (metadata stripped, page images
 * rendered afresh), `dossier site serve` as a subprocess answering plain fetches. Stories come from
 * Markdown files; comments go through the real form token; views are counted by the server.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir, runCli, runCliOk } from './support/cli.js';
import { addUser, HttpClient, startWorkbench } from './support/workbench.js';
import { get, PAGE_ONE_QUOTE, publishedWorkspace, startSiteServer, writeStory, type SiteServer } from './support/site.js';

let ws: string;
let files: string;
let site: SiteServer;
const STORY = `title: Inside the training centre
slug: training-centre
dek: A notice names a centre.
byline: By A. Reporter
date: 2026-12-01
image: photo.jpg
image_alt: A gate in front of a walled compound
image_credit: Photo by the fixtures (CC0)
takeaways:
  - The notice names the centre.
  - It runs to two pages.
context:
  - {label: Understand the context, title: An explainer, url: "https://example.org/explainer", source: Example News}
  - {label: "The government's view", title: A white paper, url: "https://example.gov/paper", source: State Council}
  - {label: Understand the context, title: A second explainer, url: "https://example.org/two", source: Example Weekly}
comments: open
tags: [xinjiang]`;
const BODY = `The notice names the [“${PAGE_ONE_QUOTE}”](doc:1#p1) in its own words. <script>alert(1)</script> ![pixel](https://tracker.example/p.png)`;

beforeAll(async () => {
  ({ workspace: ws, stories: files } = await publishedWorkspace('site-cli'));
  await runCliOk(['story', 'create', writeStory(files, 'story.md', STORY, BODY), '--workspace', ws]);
  await runCliOk(['story', 'publish', 'training-centre', '--workspace', ws]);
  await runCliOk(['story', 'create', writeStory(files, 'second.md', 'title: A second story\ncomments: closed', 'Nothing quoted here.'), '--workspace', ws]);
  await runCliOk(['story', 'publish', 'a-second-story', '--workspace', ws]);
  site = await startSiteServer(ws, ['--name', 'The Test Herald']);
}, 400_000);

afterAll(async () => {
  await site?.stop();
  removeDir(ws);
});

const bad = async (frontMatter: string, body = 'Body.') => runCli(['story', 'create', writeStory(files, 'bad.md', frontMatter, body), '--json', '--workspace', ws]);

describe('stories from Markdown files: bad input is a clear error and nothing is saved', () => {
  it('refuses an unknown field, a missing title, a non-image image, a bad date, a context link without url', async () => {
    const cases: Array<[string, RegExp]> = [
      ['title: X\nsubtitle: Y', /unknown field "subtitle"/],
      ['slug: no-title', /"title" is missing/],
      ['title: Y\nimage: not-an-image.jpg\nimage_alt: text', /is not an image/],
      ['title: Y\nimage: photo.jpg', /"image_alt" .* is required/],
      ['title: Y\nimage: https://cdn.example/x.jpg\nimage_alt: a', /must be a file path/],
      ['title: Y\ndate: 1 Dec', /"date" must be YYYY-MM-DD/],
      ['title: Y\ncontext:\n  - {label: L, title: T}', /needs a label, a title and a url/],
      ['title: Y\ncomments: maybe', /open or closed/],
    ];
    for (const [fm, message] of cases) {
      const result = await bad(fm);
      expect(result.code, fm).toBe(2);
      expect(result.stderr, fm).toMatch(message);
    }
    const ls = JSON.parse((await runCliOk(['story', 'ls', '--json', '--workspace', ws])).stdout) as Array<{ slug: string }>;
    expect(ls.map((s) => s.slug).sort()).toEqual(['a-second-story', 'training-centre']);
  });

  it('refuses to publish a story whose quotation is not on the page (exit 2, quote_mismatch) and one quoting an unpublished document', async () => {
    await runCliOk(['story', 'create', writeStory(files, 'wrong.md', 'title: Wrong quote\nslug: wrong-quote', `He said [“show absolutely no mercy”](doc:1#p1) and [“${PAGE_ONE_QUOTE}”](doc:7#p1).`), '--workspace', ws]);
    const result = await runCli(['story', 'publish', 'wrong-quote', '--json', '--workspace', ws]);
    expect(result.code).toBe(2);
    const answer = JSON.parse(result.stdout) as { error: { code: string; quotes: Array<{ text: string; documentId: number; page: number; problem: string }> } };
    expect(answer.error.code).toBe('quote_mismatch');
    expect(answer.error.quotes).toEqual([
      { text: '“show absolutely no mercy”', documentId: 1, page: 1, segment: null, problem: 'not_found' },
      { text: `“${PAGE_ONE_QUOTE}”`, documentId: 7, page: 1, segment: null, problem: 'not_published' },
    ]);
    const story = (await get(`${site.url}/stories/wrong-quote/`)).status;
    expect(story).toBe(404);
  });

  it('lists stories and, after the quoted document is unpublished, their broken quotations', async () => {
    const listed = JSON.parse((await runCliOk(['story', 'ls', '--json', '--workspace', ws])).stdout) as Array<{ slug: string; status: string; brokenQuotes: unknown[] }>;
    expect(listed.find((s) => s.slug === 'training-centre')).toMatchObject({ status: 'published', brokenQuotes: [] });
    expect(listed.find((s) => s.slug === 'wrong-quote')).toMatchObject({ status: 'draft' });
  });
});

describe('the story page', () => {
  it('has the feature image with alt and credit, takeaways before the body, grouped context, the cited document and safe Markdown', async () => {
    const page = await get(`${site.url}/stories/training-centre/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = page.body;
    expect(html).toMatch(/<figure class="feature"><img src="image" alt="A gate in front of a walled compound"\/><figcaption>Photo by the fixtures \(CC0\)<\/figcaption><\/figure>/);
    expect(html.indexOf('Key takeaways')).toBeLessThan(html.indexOf('class="story-body"'));
    expect(html).toMatch(/<h3>Understand the context<\/h3><ul><li><a href="https:\/\/example.org\/explainer"[^>]*>An explainer<\/a>.*?<li><a href="https:\/\/example.org\/two"/);
    expect(html).toContain('<h3>The government&#39;s view</h3>');
    expect(html).toContain(`<a href="../../documents/1/#p1" class="quotation">“${PAGE_ONE_QUOTE}”</a>`);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<img src="https://tracker.example');
    expect(html).toMatch(/<script type="application\/ld\+json">\{"@context":"https:\/\/schema.org","@type":"NewsArticle","headline":"Inside the training centre"/);
    expect(html).toContain(`<link rel="canonical" href="${site.url}/stories/training-centre/"/>`);
    expect(html).toContain('<meta property="og:image"');
    expect(html).toMatch(/<body><a class="skip-link" href="#main">/);
    // Every link on the page is relative or to another site: none starts with "/".
    expect([...html.matchAll(/(?:href|src|action)="([^"]*)"/g)].map((m) => m[1]).filter((u) => u!.startsWith('/'))).toEqual([]);
    const image = await fetch(`${site.url}/stories/training-centre/image`);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
  });

  it('serves nothing unpublished and no workbench route', async () => {
    for (const p of ['/login', '/api/session', '/admin/audit', '/stories/wrong-quote/', '/documents/2/', '/documents/1/original', '/api/documents/1/file', '/assets/dossier.js']) {
      expect((await get(`${site.url}${p}`)).status, p).toBe(404);
    }
  });
});

describe('comments: token, honeypot, rate limit, pre-moderation', () => {
  const post = (form: Record<string, string>) => get(`${site.url}/stories/training-centre/`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });

  it('refuses a missing, forged or too quick token, and a 1 MB comment; holds a good one for moderation; marks a honeypot as spam', async () => {
    const page = (await get(`${site.url}/stories/training-centre/`)).body;
    const token = /name="token" value="([^"]+)"/.exec(page)![1]!;
    expect((await post({ name: 'Quick', body: 'Too fast', token })).status).toBe(400);
    expect((await post({ name: 'No token', body: 'Hello' })).status).toBe(400);
    const forged = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    await new Promise((r) => setTimeout(r, 3_200));
    const refused = await post({ name: 'Forger', body: 'Hello', token: forged });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('not valid');
    const big = await post({ name: 'Big', body: 'x'.repeat(1024 * 1024), token });
    expect(big.status).toBe(400);
    expect(big.body).toContain('1 to 5000 characters');
    const sent = await post({ name: 'Reader 读者', body: 'Thank you for publishing this.\n\nSee https://example.org/more', token });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe('./?comment=sent#comments');
    const bot = await post({ name: 'Bot', body: 'Buy now', token, website: 'http://spam.example' });
    expect(bot.status).toBe(303);
    const pending = JSON.parse((await runCliOk(['comments', 'ls', '--pending', '--json', '--workspace', ws])).stdout) as Array<{ id: number; name: string; reason: string | null }>;
    expect(pending.map((c) => c.name)).toEqual(['Reader 读者']);
    expect(pending[0]!.reason).toBe('links');
    const all = JSON.parse((await runCliOk(['comments', 'ls', '--json', '--workspace', ws])).stdout) as Array<{ name: string; status: string }>;
    expect(all.find((c) => c.name === 'Bot')?.status).toBe('spam');
    expect((await get(`${site.url}/stories/training-centre/`)).body).not.toContain('Thank you for publishing this');
    // No raw address or user agent is stored: the comments table holds a hash only.
    const db = new Database(path.join(ws, 'dossier.db'), { readonly: true });
    const dump = JSON.stringify([db.prepare('select * from comments').all(), db.prepare('select * from story_views').all()]);
    db.close();
    expect(dump).not.toContain('127.0.0.1');
    expect(dump).not.toContain('node');
  });

  it('shows a comment once approved, as plain text with nofollow links; moderation is audited', async () => {
    const [comment] = JSON.parse((await runCliOk(['comments', 'ls', '--pending', '--json', '--workspace', ws])).stdout) as Array<{ id: number }>;
    await runCliOk(['comments', 'approve', String(comment!.id), '--workspace', ws]);
    const html = (await get(`${site.url}/stories/training-centre/`)).body;
    expect(html).toContain('<p>Thank you for publishing this.</p>');
    expect(html).toContain('<a href="https://example.org/more" rel="nofollow ugc noopener noreferrer">');
    const audit = (await runCliOk(['audit', 'ls', '--json', '--workspace', ws])).stdout;
    for (const action of ['comment.approve', 'story.publish', 'story.create', 'publish']) expect(audit).toContain(`"${action}"`);
    expect((await runCli(['comments', 'spam', '999', '--workspace', ws])).code).toBe(2);
  });

  it('limits the rate per visitor (429)', async () => {
    const token = /name="token" value="([^"]+)"/.exec((await get(`${site.url}/stories/training-centre/`)).body)![1]!;
    await new Promise((r) => setTimeout(r, 3_200));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post({ name: `R${i}`, body: `Comment ${i}`, token })).status);
    // Two were sent above from this address; three more pass, then the limit answers 429.
    expect(statuses).toEqual([303, 303, 303, 429, 429]);
  });
});

describe('views counted without cookies, popular posts and stats', () => {
  it('counts a GET once per visitor in 30 minutes, never HEAD, prefetch or bots', async () => {
    const before = JSON.parse((await runCliOk(['site', 'stats', '--json', '--workspace', ws])).stdout) as { stories: Array<{ slug: string; views7d: number; views: number }> };
    const base = before.stories.find((s) => s.slug === 'a-second-story')!.views;
    const ua = (name: string) => ({ headers: { 'User-Agent': name } });
    await get(`${site.url}/stories/a-second-story/`, ua('Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0'));
    await get(`${site.url}/stories/a-second-story/`, ua('Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0'));
    await get(`${site.url}/stories/a-second-story/`, { method: 'HEAD', headers: { 'User-Agent': 'Mozilla/5.0 Safari/605' } });
    await get(`${site.url}/stories/a-second-story/`, { headers: { 'User-Agent': 'Mozilla/5.0 Chrome/140', 'Sec-Purpose': 'prefetch' } });
    await get(`${site.url}/stories/a-second-story/`, ua('Googlebot/2.1 (+http://www.google.com/bot.html)'));
    await get(`${site.url}/stories/a-second-story/`, ua('Mozilla/5.0 (Macintosh) Safari/605.1.15'));
    const after = JSON.parse((await runCliOk(['site', 'stats', '--json', '--workspace', ws])).stdout) as { stories: Array<{ slug: string; views7d: number; views: number }> };
    expect(after.stories.find((s) => s.slug === 'a-second-story')).toMatchObject({ views: base + 2, views7d: base + 2 });
  });

  it('lists popular posts on a story, without the story itself', async () => {
    const html = (await get(`${site.url}/stories/training-centre/`)).body;
    expect(html).toMatch(/<h2 id="popular-h">Popular posts<\/h2><ol><li><a href="..\/..\/stories\/a-second-story\/">A second story<\/a>/);
    expect(html.slice(html.indexOf('popular-h'))).not.toContain('stories/training-centre/');
  });
});

describe('published documents, oEmbed, feed, sitemap, search', () => {
  it('serves the derivative: page text, page images, the PDF without its metadata; never the original', async () => {
    const html = (await get(`${site.url}/documents/1/`)).body;
    expect(html).toContain('<section class="doc-page" id="p1"');
    expect(html).toMatch(/<span class="passage" id="p1-s\d+" lang="zh">[^<]*新疆维吾尔自治区/);
    expect(html).toContain('<link rel="alternate" type="application/json+oembed"');
    const pdf = Buffer.from(await (await fetch(`${site.url}/documents/1/redacted.pdf`)).arrayBuffer());
    const original = fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'pdf', 'two-pages.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.equals(original)).toBe(false);
    const tmp = makeTempDir();
    fs.writeFileSync(path.join(tmp, 'd.pdf'), pdf);
    const info = execFileSync('pdfinfo', [path.join(tmp, 'd.pdf')], { encoding: 'utf8' });
    removeDir(tmp);
    expect(info).not.toMatch(/Author|Fixture Author|Creator|Producer/);
    expect((await fetch(`${site.url}/documents/1/pages/1.png`)).headers.get('content-type')).toBe('image/png');
  });

  it('answers oEmbed (400 without url, 404 elsewhere, 501 for xml) and lets only embeds be framed', async () => {
    const url = `${site.url}/documents/1/#p2`;
    const ok = await get(`${site.url}/oembed?url=${encodeURIComponent(url)}&format=json`);
    expect(ok.status).toBe(200);
    const body = JSON.parse(ok.body) as Record<string, unknown>;
    expect(body).toMatchObject({ version: '1.0', type: 'rich', provider_name: 'The Test Herald', width: 800, height: 600 });
    expect(body.html).toContain(`src="${site.url}/embed/documents/1/?page=2"`);
    expect((await get(`${site.url}/oembed`)).status).toBe(400);
    expect((await get(`${site.url}/oembed?url=${encodeURIComponent('https://elsewhere.example/documents/1/')}`)).status).toBe(404);
    expect((await get(`${site.url}/oembed?url=${encodeURIComponent(`${site.url}/documents/2/`)}`)).status).toBe(404);
    expect((await get(`${site.url}/oembed?url=${encodeURIComponent(url)}&format=xml`)).status).toBe(501);
    const embed = await get(`${site.url}/embed/documents/1/?page=2`);
    expect(embed.status).toBe(200);
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(embed.headers.get('x-frame-options')).toBeNull();
    expect((await get(`${site.url}/documents/1/`)).headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('searches published text across scripts: Xi Jinping finds 习近平 on page 2', async () => {
    const html = (await get(`${site.url}/search/?q=${encodeURIComponent('Xi Jinping')}`)).body;
    expect(html).toContain('<a href="../documents/1/#p2">');
    expect(html).toContain('<mark>习近平</mark>');
    expect((await get(`${site.url}/search/?q=${encodeURIComponent('training centre')}`)).body).toContain('<a href="../stories/training-centre/">');
  });

  it('lists published items in the feed and sitemap; robots.txt points at the sitemap', async () => {
    const feed = await get(`${site.url}/feed.atom`);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    expect(feed.body).toContain(`<id>${site.url}/stories/training-centre/</id>`);
    expect(feed.body).toContain(`<id>${site.url}/documents/1/</id>`);
    expect(feed.body).not.toContain('wrong-quote');
    const map = (await get(`${site.url}/sitemap.xml`)).body;
    expect(map).toMatch(new RegExp(`<url><loc>${site.url}/documents/1/</loc><lastmod>\\d{4}-\\d{2}-\\d{2}</lastmod></url>`));
    expect((await get(`${site.url}/robots.txt`)).body).toContain(`Sitemap: ${site.url}/sitemap.xml`);
  });

  it('exports the same site as static files, without comment forms', async () => {
    const out = makeTempDir('dossier-export-');
    const result = JSON.parse((await runCliOk(['site', 'export', out, '--url', 'https://herald.example/', '--json', '--workspace', ws])).stdout) as { files: number };
    expect(result.files).toBeGreaterThan(10);
    const story = fs.readFileSync(path.join(out, 'stories', 'training-centre', 'index.html'), 'utf8');
    expect(story).toContain('<link rel="canonical" href="https://herald.example/stories/training-centre/"/>');
    expect(story).not.toContain('comment-form');
    expect(fs.existsSync(path.join(out, 'documents', '1', 'redacted.pdf'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'documents', '1', 'pages', '2.png'))).toBe(true);
    expect(fs.readFileSync(path.join(out, 'sitemap.xml'), 'utf8')).toContain('https://herald.example/documents/1/');
    removeDir(out);
  });

  it('unpublishes a document everywhere, and the story quoting it then lists a broken quotation', async () => {
    await runCliOk(['unpublish', '1', '--workspace', ws]);
    for (const p of ['/documents/1/', '/documents/1/redacted.pdf', '/documents/1/pages/1.png', '/embed/documents/1/']) expect((await get(`${site.url}${p}`)).status, p).toBe(404);
    expect((await get(`${site.url}/oembed?url=${encodeURIComponent(`${site.url}/documents/1/`)}`)).status).toBe(404);
    expect((await get(`${site.url}/sitemap.xml`)).body).not.toContain('/documents/1/');
    expect((await get(`${site.url}/feed.atom`)).body).not.toContain('/documents/1/');
    expect((await get(`${site.url}/search/?q=${encodeURIComponent('习近平')}`)).body).not.toContain('documents/1/');
    const listed = JSON.parse((await runCliOk(['story', 'ls', '--json', '--workspace', ws])).stdout) as Array<{ slug: string; brokenQuotes: Array<{ problem: string }> }>;
    expect(listed.find((s) => s.slug === 'training-centre')!.brokenQuotes).toEqual([expect.objectContaining({ documentId: 1, page: 1, problem: 'not_published' })]);
    expect((await runCli(['unpublish', '1', '--workspace', ws])).code).toBe(2);
    await runCliOk(['publish', '1', '--workspace', ws]);
  });

  it('publishes the redacted derivative: a name marked for redaction is on no public page, in no PDF and in no search', async () => {
    expect((await get(`${site.url}/documents/1/`)).body).toContain('习近平');
    await runCliOk(['redact', '1', '--text', '习近平', '--workspace', ws]);
    const published = JSON.parse((await runCliOk(['publish', '1', '--json', '--workspace', ws])).stdout) as { derivative: string };
    expect(published.derivative).toMatch(/^[0-9a-f]{64}$/);
    expect((await get(`${site.url}/documents/1/`)).body).not.toContain('习近平');
    expect((await get(`${site.url}/search/?q=${encodeURIComponent('习近平')}`)).body).not.toContain('documents/1/');
    const tmp = makeTempDir();
    fs.writeFileSync(path.join(tmp, 'd.pdf'), Buffer.from(await (await fetch(`${site.url}/documents/1/redacted.pdf`)).arrayBuffer()));
    const text = execFileSync('pdftotext', [path.join(tmp, 'd.pdf'), '-'], { encoding: 'utf8' });
    removeDir(tmp);
    expect(text.replace(/\s/g, '')).not.toContain('习近平');
    expect(text).toContain('新疆');
  });
});

describe('public notes', () => {
  it("shows an editor's note made public on the published page, and refuses one that spells a redacted name", async () => {
    await addUser(ws, 'nora', 'admin', 'nora-pass-5e1f9a7c');
    const workbench = await startWorkbench(ws);
    try {
      const nora = await HttpClient.signIn(workbench.url, 'nora', 'nora-pass-5e1f9a7c');
      const add = async (body: string) => {
        const answer = await nora.request('POST', '/api/documents/1/notes', { json: { body } });
        expect(answer.status).toBe(201);
        return (JSON.parse(answer.body) as { note: { id: number } }).note.id;
      };
      const plain = await add('Two pages, both dated by the same office.');
      const leaky = await add('Signed for Xi Jinping by his office.');
      expect((await get(`${site.url}/documents/1/`)).body).not.toContain('both dated by the same office');
      await runCliOk(['note', 'public', '1', String(plain), '--workspace', ws]);
      expect((await get(`${site.url}/documents/1/`)).body).toContain('both dated by the same office');
      // 习近平 was marked for redaction above: its pinyin in a note must not reach the public page.
      const refused = await runCli(['note', 'public', '1', String(leaky), '--workspace', ws]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('redacted');
      expect((await get(`${site.url}/documents/1/`)).body).not.toContain('Signed for Xi Jinping');
      await runCliOk(['note', 'private', '1', String(plain), '--workspace', ws]);
      expect((await get(`${site.url}/documents/1/`)).body).not.toContain('both dated by the same office');
    } finally {
      await workbench.stop();
    }
  });
});

describe('behind a proxy: site serve --trust-proxy', () => {
  it('takes the visitor from X-Forwarded-For (the right-most untrusted hop) only when told to; else the socket address', async () => {
    const proxied = await startSiteServer(ws, ['--trust-proxy']);
    try {
      const views = async () => (JSON.parse((await runCliOk(['site', 'stats', '--json', '--workspace', ws])).stdout) as { stories: Array<{ slug: string; views: number }> }).stories.find((s) => s.slug === 'a-second-story')!.views;
      const visit = (base: string, forwardedFor: string, ua = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/141.0') => get(`${base}/stories/a-second-story/`, { headers: { 'User-Agent': ua, 'X-Forwarded-For': forwardedFor } });
      const base = await views();
      await visit(proxied.url, '203.0.113.1');
      await visit(proxied.url, '203.0.113.1'); // the same visitor within 30 minutes
      await visit(proxied.url, '203.0.113.2');
      await visit(proxied.url, '6.6.6.6, 203.0.113.1'); // the left of an untrusted hop is whatever the visitor wrote
      await visit(proxied.url, '203.0.113.3, 127.0.0.1'); // a trusted (loopback) hop is skipped
      expect(await views()).toBe(base + 3);
      // Without --trust-proxy the header is ignored: two "different" forwarded addresses are one visitor.
      await visit(site.url, '203.0.113.4', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/142.0');
      await visit(site.url, '203.0.113.5', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/142.0');
      expect(await views()).toBe(base + 4);

      // The comment rate limit: 127.0.0.1 used its hour above; a forwarded address does not reset it
      // on the plain site, and is a visitor of its own behind the trusted proxy.
      const token = /name="token" value="([^"]+)"/.exec((await get(`${proxied.url}/stories/training-centre/`)).body)![1]!;
      await new Promise((r) => setTimeout(r, 3_200));
      const comment = (base: string) => get(`${base}/stories/training-centre/`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': '198.51.100.8' }, body: new URLSearchParams({ name: 'Proxied', body: 'Through the proxy.', token }).toString() });
      expect((await comment(site.url)).status).toBe(429);
      expect((await comment(proxied.url)).status).toBe(303);
    } finally {
      await proxied.stop();
    }
    const bad = await runCli(['site', 'serve', '--port', '0', '--trust-proxy', '10.0.0.0/99', '--workspace', ws]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--trust-proxy: "10.0.0.0/99" is not an address');
  });
});
