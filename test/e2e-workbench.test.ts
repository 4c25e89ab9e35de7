/**
 * The workbench in a real browser (Debian's chromium driven by playwright-core) against the real
 * server (`dossier serve` from the built CLI) over a real workspace: a reporter signs in, searches
 * in Chinese, opens a hit and sees the highlight, notes a passage (with the selection script and
 * with the plain form), is refused a collection she was not granted, uses the entity pages and a
 * watch-list, and signs out. Then axe-core checks the main pages for accessibility.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ls, type LsRow } from './support/cli.js';
import { describeViolations, launchChromium, newContext, runAxe, signInPage, type AxeViolation } from './support/browser.js';
import { ALPHA, BRAVO, BRAVO_MARKER, PASSWORDS, openNewsroom, type Newsroom } from './support/newsroom.js';

const NOT_FOUND_TEXT = 'There is nothing here, or you do not have access to it.';
/** A bounded wait for what a page's script does after load (the machine may be busy). */
const POLL = { timeout: 15_000, interval: 100 };

let room: Newsroom;
let browser: Browser;
let alice: BrowserContext;
let page: Page;
let bravoDocs: LsRow[];
/** The hit opened from the search, reused by later tests. */
let opened: { id: number; page: number } | null = null;

beforeAll(async () => {
  room = await openNewsroom();
  bravoDocs = await ls(room.workspace, ['--collection', BRAVO]);
  browser = await launchChromium();
  alice = await newContext(browser);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (room && room.server.process.exitCode !== null) console.error(`dossier serve exited early:\n${room.server.output()}`);
  await room?.close();
});

/** The little of the DOM that in-page code here uses (this project's TypeScript has no DOM library). */
interface InPage {
  document: {
    querySelector(selector: string): object | null;
    createTreeWalker(root: object, whatToShow: number): { nextNode(): { data: string } | null };
    createRange(): { setStart(node: object, offset: number): void; setEnd(node: object, offset: number): void; toString(): string };
  };
  getSelection(): { removeAllRanges(): void; addRange(range: object): void } | null;
}

/** The text of the page's body, lower-cased: what a reader could see. */
const bodyText = async (p: Page) => (await p.locator('body').innerText()).toLowerCase();

describe('the workbench in a browser, as a reporter granted one collection', () => {
  it('signs in through the login form and lists only the granted collection', async () => {
    page = await signInPage(alice, room.url, 'alice', PASSWORDS.alice);
    expect(new URL(page.url()).pathname).toBe('/');
    const text = await bodyText(page);
    expect(text).toContain(ALPHA);
    expect(text).not.toContain(BRAVO);
    expect(text).not.toContain(BRAVO_MARKER);
  });

  it('searches in Chinese and shows the hits with the matches in <mark>', async () => {
    await page.goto(`${room.url}/search`);
    await page.fill('input[name="q"]', '新疆');
    await Promise.all([page.waitForURL(/\/search\?/), page.press('input[name="q"]', 'Enter')]);
    const hits = page.locator('li.hit');
    expect(await hits.count()).toBeGreaterThan(0);
    const marks = await page.locator('li.hit .snippet mark').allInnerTexts();
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(mark).toMatch(/新疆/);
    // bravo's files mention 新疆 too: none of them may appear.
    const hrefs = await page.locator('li.hit h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const bravoIds = new Set(bravoDocs.map((d) => d.id));
    for (const href of hrefs) expect(bravoIds.has(Number(/\/documents\/(\d+)/.exec(href)?.[1]))).toBe(false);
    expect(await bodyText(page)).not.toContain(BRAVO_MARKER);
  });

  it('opens a hit at its page with the query highlighted in that page', async () => {
    const first = page.locator('li.hit h3 a').first();
    const href = (await first.getAttribute('href')) ?? '';
    const match = /\/documents\/(\d+)\?.*#page-(\d+)$/.exec(href);
    expect(match, `hit link ${href}`).not.toBeNull();
    opened = { id: Number(match![1]), page: Number(match![2]) };
    await Promise.all([page.waitForURL(new RegExp(`/documents/${opened.id}`)), first.click()]);
    const section = page.locator(`section#page-${opened.page}`);
    await expect.poll(() => section.locator('mark').count(), POLL).toBeGreaterThan(0);
    expect(await section.locator('mark').first().innerText()).toMatch(/新疆/);
    expect(await section.locator('mark').first().isVisible()).toBe(true);
  });

  it('notes a selected passage: the selection fills the form, and the note is listed and marked in the text', async () => {
    const { id, page: pageNo } = opened!;
    await page.goto(`${room.url}/documents/${id}`);
    // Select the first dozen characters of the page's first text with some substance.
    const selected = await page.evaluate((n) => {
      const { document, getSelection } = globalThis as unknown as InPage;
      const container = document.querySelector(`section#page-${n} .page-text`);
      if (!container) return null;
      const walker = document.createTreeWalker(container, 4 /* NodeFilter.SHOW_TEXT */);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const start = node.data.search(/\S/);
        if (start === -1 || node.data.trim().length < 12) continue;
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + 12);
        const selection = getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return range.toString();
      }
      return null;
    }, pageNo);
    expect(selected, 'a passage to select').toBeTruthy();
    await expect.poll(() => page.inputValue('#note-quote'), POLL).toBe(selected);
    expect(await page.inputValue('#note-page')).toBe(String(pageNo));
    expect(await page.inputValue('#note-start')).not.toBe('');
    expect(await page.locator('#note-selection').innerText()).toContain(`page ${pageNo}`);
    await page.fill('#note-body', 'Check this passage against the 2017 notice (browser, selection).');
    await Promise.all([page.waitForURL(/#note-\d+$/), page.click('#add-note-submit')]);
    const note = page.locator('#notes-list li.note', { hasText: 'browser, selection' });
    await expect.poll(() => note.count(), POLL).toBe(1);
    expect(await note.locator('.note-quote').innerText()).toBe(selected!);
    expect(await note.locator('.note-meta').innerText()).toContain('alice');
    // notes.js marks the noted passage in the page's text.
    const noteId = await note.getAttribute('data-note-id');
    await expect.poll(() => page.locator(`section#page-${pageNo} mark.note-mark[data-note="${noteId}"]`).count(), POLL).toBeGreaterThan(0);
  });

  it('notes a passage through the plain form, without any script', async () => {
    const { id, page: pageNo } = opened!;
    const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
    try {
      const plain = await signInPage(noScript, room.url, 'alice', PASSWORDS.alice);
      await plain.goto(`${room.url}/documents/${id}`);
      const text = await plain.locator(`section#page-${pageNo} .page-text`).innerText();
      const at = Math.max(0, text.indexOf('新疆'));
      const quote = text.slice(at, at + 10).trim();
      expect(quote.length).toBeGreaterThan(1);
      await plain.fill('#note-page', String(pageNo));
      await plain.fill('#note-quote', quote);
      await plain.fill('#note-body', 'Same passage, typed by hand (no script).');
      await Promise.all([plain.waitForURL(/#note-\d+$/), plain.click('#add-note-submit')]);
      const note = plain.locator('#notes-list li.note', { hasText: 'typed by hand' });
      expect(await note.count()).toBe(1);
      expect(await note.locator('.note-quote').innerText()).toBe(quote);
      expect(await note.getAttribute('data-page')).toBe(String(pageNo));
      // The server found the passage on the page: the note carries its offsets.
      expect(await note.getAttribute('data-start')).toMatch(/^\d+$/);
    } finally {
      await noScript.close();
    }
    // Both notes are listed for the collection too.
    await page.goto(`${room.url}/collections/${ALPHA}/notes`);
    const text = await bodyText(page);
    expect(text).toContain('browser, selection');
    expect(text).toContain('typed by hand');
  });

  it('is refused the collection she was not granted: its documents answer the 404 page and never appear in search', async () => {
    expect(bravoDocs.length).toBeGreaterThanOrEqual(4);
    for (const doc of bravoDocs) {
      const response = await page.goto(`${room.url}/documents/${doc.id}`);
      expect(response?.status(), `document ${doc.id} of ${BRAVO}`).toBe(404);
      const text = await page.locator('main').innerText();
      expect(text).toContain(NOT_FOUND_TEXT);
      expect(text.toLowerCase()).not.toContain(BRAVO_MARKER);
    }
    const missing = await page.goto(`${room.url}/documents/987654321`);
    expect(missing?.status()).toBe(404);
    for (const q of ['ZEBRAFINCH', '斑胸草雀', '欧阳振华', 'Kashgar']) {
      await page.goto(`${room.url}/search?${new URLSearchParams({ q })}`);
      expect(await page.locator('li.hit').count(), `hits for ${q}`).toBe(0);
      expect(await page.locator('#results-h').innerText()).toMatch(/^0 documents/);
    }
  });

  it('opens the entity list and an entity page with its network and timeline', async () => {
    await page.goto(`${room.url}/entities`);
    expect(await bodyText(page)).not.toContain(BRAVO_MARKER);
    const link = page.locator('a[href^="/entities/"]', { hasText: /^陈全国$/ }).first();
    expect(await link.count(), 'an entity 陈全国 in the list').toBe(1);
    await Promise.all([page.waitForURL(/\/entities\/\d+$/), link.click()]);
    await expect.poll(() => page.locator('h1').innerText(), POLL).toContain('陈全国');
    expect(await page.locator('svg.network').count()).toBe(1);
    expect(await page.locator('svg.timeline').count()).toBe(1);
    expect(await page.locator('svg.network a').count()).toBeGreaterThan(0);
    const text = await bodyText(page);
    expect(text).not.toContain(BRAVO_MARKER);
    expect(text).not.toContain('欧阳振华');
  });

  it('uploads a watch-list CSV of two names, waits for the results, and downloads them as CSV', async () => {
    await page.goto(`${room.url}/watchlists`);
    await page.fill('#wl-name', 'Officials to watch');
    await page.setInputFiles('#wl-file', { name: 'names.csv', mimeType: 'text/csv', buffer: Buffer.from('name\n习近平\nChen Quanguo\n', 'utf8') });
    await Promise.all([page.waitForURL(/\/watchlists\/\d+$/), page.locator('form[action="/watchlists"] button[type="submit"], form[action="/watchlists"] input[type="submit"]').first().click()]);
    const listUrl = page.url();
    // The run is asynchronous: reload until its results are there (bounded).
    const csvLink = page.locator('a[href$="/results.csv"]');
    const deadline = Date.now() + 90_000;
    while ((await csvLink.count()) === 0) {
      expect(Date.now() < deadline, 'the watch-list run finished within 90 s').toBe(true);
      await page.waitForTimeout(500);
      await page.goto(listUrl);
    }
    const rows = page.locator('table.watchlist tbody tr');
    expect(await rows.count()).toBe(2);
    const names = await rows.locator('td:first-child').allInnerTexts();
    expect(names).toEqual(expect.arrayContaining(['习近平', 'Chen Quanguo']));
    for (const documents of await rows.locator('td:nth-child(2)').allInnerTexts()) expect(Number(documents)).toBeGreaterThan(0);
    const csv = await page.request.get(new URL((await csvLink.first().getAttribute('href'))!, room.url).toString());
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const body = await csv.text();
    expect(body).toContain('习近平');
    expect(body).toContain('Chen Quanguo');
    expect(body.toLowerCase()).not.toContain(BRAVO_MARKER);
  });

  it('signs out: the session ends and pages send her back to the login form', async () => {
    await page.goto(`${room.url}/`);
    await Promise.all([page.waitForURL(/\/login/), page.click('header form[action="/logout"] button')]);
    const response = await page.goto(`${room.url}/search?q=${encodeURIComponent('新疆')}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(response?.status()).toBe(200);
    expect(await page.locator('input[name="username"]').count()).toBe(1);
    const api = await page.request.get(`${room.url}/api/search?q=${encodeURIComponent('新疆')}`);
    expect(api.status()).toBe(401);
  });
});

describe('accessibility (axe-core) of the main pages', () => {
  it('has no serious or critical violations', async () => {
    const found: Array<{ label: string; violations: AxeViolation[] }> = [];
    const check = async (p: Page, label: string, url: string) => {
      const response = await p.goto(url);
      expect(response?.status(), `${label} (${url})`).toBeLessThan(400);
      found.push({ label: `${label} ${url.replace(room.url, '')}`, violations: await runAxe(p) });
    };
    const anonymous = await newContext(browser);
    const admin = await newContext(browser);
    const reporter = await newContext(browser);
    try {
      await check(await anonymous.newPage(), 'login', `${room.url}/login`);
      const r = await signInPage(reporter, room.url, 'alice', PASSWORDS.alice);
      const a = await signInPage(admin, room.url, 'admin', PASSWORDS.admin);
      await check(r, 'collections home', `${room.url}/`);
      await check(r, 'search results', `${room.url}/search?${new URLSearchParams({ q: '新疆' })}`);
      const hit = await r.locator('li.hit h3 a').first().getAttribute('href');
      await check(r, 'document viewer', new URL(hit!, room.url).toString());
      await check(r, 'entities list', `${room.url}/entities`);
      const entity = await r.locator('a[href^="/entities/"]', { hasText: /^陈全国$/ }).first().getAttribute('href');
      await check(r, 'entity page', new URL(entity!, room.url).toString());
      await check(r, 'collection notes', `${room.url}/collections/${ALPHA}/notes`);
      await check(r, 'collection tags', `${room.url}/collections/${ALPHA}/tags`);
      await check(r, 'watch-lists', `${room.url}/watchlists`);
      const list = await r.locator('a[href^="/watchlists/"]').first().getAttribute('href');
      if (list) await check(r, 'watch-list results', new URL(list, room.url).toString());
      await check(r, 'API description', `${room.url}/api/docs`);
      await check(r, 'upload', `${room.url}/upload`);
      // An upload through the form, to check its progress page too.
      await r.selectOption('#upload-collection', ALPHA);
      await r.setInputFiles('#upload-files', { name: 'axe-upload.txt', mimeType: 'text/plain', buffer: Buffer.from('新疆 upload for the accessibility check\n', 'utf8') });
      await Promise.all([r.waitForURL(/\/uploads\/\d+$/, { timeout: 60_000 }), r.click('#upload-submit')]);
      await check(r, 'upload progress', r.url());
      await check(r, 'account', `${room.url}/account`);
      await check(a, 'admin audit', `${room.url}/admin/audit`);
      await check(a, 'admin users', `${room.url}/admin/users`);
    } finally {
      await anonymous.close();
      await admin.close();
      await reporter.close();
    }
    const report = found.map((f) => describeViolations(f.label, f.violations)).join('\n');
    console.log(`axe-core results:\n${report}`);
    const blocking = found.flatMap((f) => f.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${f.label}: ${v.id}`));
    expect(blocking, report).toEqual([]);
  });
});
