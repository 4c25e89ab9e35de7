/**
 * The public site in a real browser (Debian's chromium via playwright-core) against the real
 * `dossier site serve` over a real workspace: a reader opens a story (skip link first, feature
 * image and credit), sends a comment that waits for moderation and appears once approved,
 * sees popular posts, follows a quotation to its highlighted passage on the published
 * document. Every request stays on 127.0.0.1 and no cookie is ever set; axe-core finds no
 * serious or critical violation on the public pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { removeDir, runCliOk } from './support/cli.js';
import { CHROMIUM, CHROMIUM_ARGS, VIEWPORT, describeViolations, runAxe, type AxeViolation } from './support/browser.js';
import { PAGE_ONE_QUOTE, publishedWorkspace, startSiteServer, writeStory, type SiteServer } from './support/site.js';
import { chromium } from 'playwright-core';

let ws: string;
let site: SiteServer;
let browser: Browser;
let reader: BrowserContext;
const requested: string[] = [];
const setCookies: string[] = [];
/** A reader's browser, not a headless one (isbot rightly ignores "HeadlessChrome"). */
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';

beforeAll(async () => {
  const made = await publishedWorkspace('site-browser');
  ws = made.workspace;
  await runCliOk(['story', 'create', writeStory(made.stories, 'a.md', 'title: The training centre\nslug: centre\ndek: What the notice says.\nbyline: By A. Reporter\ndate: 2026-12-01\nimage: photo.jpg\nimage_alt: A gate in front of a walled compound\nimage_credit: Photo by the fixtures (CC0)\ntakeaways: [It names the centre.]\ncomments: open', `The notice names the [“${PAGE_ONE_QUOTE}”](doc:1#p1-s3).`), '--workspace', ws]);
  await runCliOk(['story', 'create', writeStory(made.stories, 'b.md', 'title: A second look\nslug: second-look\ncomments: closed', 'Another story.'), '--workspace', ws]);
  await runCliOk(['story', 'publish', 'centre', '--workspace', ws]);
  await runCliOk(['story', 'publish', 'second-look', '--workspace', ws]);
  site = await startSiteServer(ws);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
  reader = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB', userAgent: USER_AGENT });
  reader.setDefaultTimeout(30_000);
  reader.on('request', (r) => requested.push(r.url()));
  reader.on('response', async (r) => {
    const cookie = await r.headerValue('set-cookie');
    if (cookie) setCookies.push(`${r.url()}: ${cookie}`);
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  removeDir(ws);
});

describe('the public site in a browser', () => {
  let page: Page;

  it('opens a story: the skip link is the first focusable element; image, credit, takeaways', async () => {
    page = await reader.newPage();
    await page.goto(`${site.url}/stories/centre/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { className: string; textContent: string } } }).document.activeElement.className)).toBe('skip-link');
    await expect.poll(() => page.locator('figure.feature img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    expect(await page.locator('figure.feature figcaption').innerText()).toBe('Photo by the fixtures (CC0)');
    expect(await page.locator('.takeaways li').allInnerTexts()).toEqual(['It names the centre.']);
  });

  it('sends a comment that waits for moderation, then appears once an editor approves it', async () => {
    await page.fill('#comment-name', 'A reader');
    await page.fill('#comment-body', 'Thank you for publishing the documents.');
    await page.waitForTimeout(3_200); // a form sent within 3 s of being served is refused
    await Promise.all([page.waitForURL(/comment=sent/), page.click('.comment-form button[type="submit"]')]);
    expect(await page.locator('.notice').innerText()).toContain('awaiting moderation');
    expect(await page.locator('.comment').count()).toBe(0);
    const pending = JSON.parse((await runCliOk(['comments', 'ls', '--pending', '--json', '--workspace', ws])).stdout) as Array<{ id: number; name: string }>;
    expect(pending.map((c) => c.name)).toEqual(['A reader']);
    await runCliOk(['comments', 'approve', String(pending[0]!.id), '--workspace', ws]);
    await page.goto(`${site.url}/stories/centre/`);
    expect(await page.locator('.comment').innerText()).toContain('Thank you for publishing the documents.');
  });

  it('lists a story read by this reader under Popular posts on the other one', async () => {
    const other = await reader.newPage();
    await other.goto(`${site.url}/stories/second-look/`);
    await other.close();
    await page.goto(`${site.url}/stories/centre/`);
    expect(await page.locator('.popular li a').allInnerTexts()).toEqual(['A second look']);
    const stats = JSON.parse((await runCliOk(['site', 'stats', '--json', '--workspace', ws])).stdout) as { stories: Array<{ slug: string; views: number }> };
    expect(stats.stories.find((s) => s.slug === 'second-look')!.views).toBe(1);
  });

  it('follows the quotation to its passage on the published document, scrolled to and highlighted', async () => {
    await Promise.all([page.waitForURL(/documents\/1\/#p1-s3$/), page.click('a.quotation')]);
    const passage = page.locator('#p1-s3');
    expect(await passage.innerText()).toContain(PAGE_ONE_QUOTE);
    expect(await passage.getAttribute('lang')).toBe('zh');
    expect(await passage.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor)).toBe('rgb(255, 243, 176)');
    expect(await passage.isVisible()).toBe(true);
    await expect.poll(() => page.locator('#p1 img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    await page.goto(`${site.url}/documents/1/#p2`);
    expect(await page.locator('#p2').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor)).toBe('rgb(255, 243, 176)');
  });

  it('has no serious or critical accessibility violation (axe-core) on the public pages', async () => {
    const found: Array<{ label: string; violations: AxeViolation[] }> = [];
    for (const p of ['/', '/stories/centre/', '/documents/1/', '/documents/', '/search/?q=%E6%96%B0%E7%96%86', '/embed/documents/1/?page=1', '/nothing-here']) {
      await page.goto(`${site.url}${p}`);
      found.push({ label: p, violations: await runAxe(page) });
    }
    const report = found.map((f) => describeViolations(f.label, f.violations)).join('\n');
    console.log(`axe-core results:\n${report}`);
    const grave = found.flatMap((f) => f.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'));
    expect(grave, report).toEqual([]);
  });

  it('sent no request anywhere but 127.0.0.1 and was never given a cookie', async () => {
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((u) => new URL(u).hostname !== '127.0.0.1')).toEqual([]);
    expect(setCookies).toEqual([]);
    expect(await reader.cookies()).toEqual([]);
  });
});
