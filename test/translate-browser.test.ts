/**
 * The aligned translation view and the two-pane reader in a real browser (Debian's chromium via
 * playwright-core) against `dossier serve`: segments side by side with the right lang
 * attributes, a segment edited through its plain form (no script needed), the show-pinyin
 * toggle with a keyboard-focusable CC-CEDICT gloss, the JSON API, and the reader's keyboard:
 * j / k between pages, n for the next match, the side panel beside the page.
 * DOSSIER_WRITE_SCREENSHOTS=1 also writes docs/screenshots/translation-aligned.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, signInPage } from './support/browser.js';
import { FIXTURES, ROOT, ingest, ls, makeWorkspace, removeDir, runCliOk, type LsRow } from './support/cli.js';
import { addUser, grant, HttpClient, startWorkbench, type Workbench } from './support/workbench.js';

const ZH = '自治区党委召开会议。会议由陈全国主持，2017年3月在乌鲁木齐举行。\n\n会议强调，要加强职业技能教育培训中心的管理；确保学员不逃跑。共有1200名学员参加培训。\n';
const EN = 'The regional Party committee held a meeting. The meeting was chaired by Chen Quanguo. It was held in Urumqi in March 2017.\n\nThe meeting stressed that management of the vocational skills education and training centres must be strengthened, and that no student may escape. In all, 1,200 students took part in the training.\n';
const PASSWORD = 'editor-pass-5e1d7c3b';

let ws: string;
let src: string;
let server: Workbench;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let docs: LsRow[];
const id = (name: string) => docs.find((d) => d.path.endsWith(name))!.id;

beforeAll(async () => {
  ws = makeWorkspace('translate-browser');
  src = `${ws}-src`;
  fs.mkdirSync(src);
  fs.writeFileSync(path.join(src, 'meeting-zh.txt'), ZH);
  fs.writeFileSync(path.join(src, 'meeting-en.txt'), EN);
  fs.copyFileSync(path.join(FIXTURES, 'pdf', 'two-pages.pdf'), path.join(src, 'two-pages.pdf'));
  await ingest(ws, [src]);
  docs = await ls(ws);
  await runCliOk(['translate', String(id('meeting-zh.txt')), '--from', String(id('meeting-en.txt')), '--workspace', ws]);
  await addUser(ws, 'ed', 'editor', PASSWORD);
  await grant(ws, 'ed', 'default');
  server = await startWorkbench(ws);
  browser = await launchChromium();
  context = await newContext(browser);
  page = await signInPage(context, server.url, 'ed', PASSWORD);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  removeDir(ws);
  removeDir(src);
});

describe('the aligned translation view', () => {
  it('shows original and translation side by side, segment by segment, with their languages and statuses', async () => {
    await page.goto(`${server.url}/documents/${id('meeting-zh.txt')}/translation`);
    const rows = page.locator('ol.aligned > li.segment');
    expect(await rows.count()).toBe(5);
    expect(await rows.nth(0).locator('.seg-source').getAttribute('lang')).toBe('zh');
    expect(await rows.nth(0).locator('.seg-target').getAttribute('lang')).toBe('en');
    expect(await rows.nth(1).locator('.seg-target p').first().innerText()).toBe('The meeting was chaired by Chen Quanguo. It was held in Urumqi in March 2017.');
    expect(await rows.nth(3).locator('.seg-target').innerText()).toContain('translated with the sentence above');
    expect(await rows.nth(0).locator('.seg-status').innerText()).toMatch(/Draft · cli/);
    // Side by side on a wide screen: the translation's box starts right of the original's.
    const [a, b] = [await rows.nth(0).locator('.seg-source').boundingBox(), await rows.nth(0).locator('.seg-target').boundingBox()];
    expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1);
  });

  it('edits a segment through its plain form and records who reviewed it', async () => {
    const row = page.locator('#seg-1-0');
    await row.locator('summary').click();
    await row.locator('textarea[name="target"]').fill('The Party committee of the autonomous region met.');
    await row.locator('select[name="status"]').selectOption('reviewed');
    await Promise.all([page.waitForURL(/#seg-1-0$/), row.locator('form.segment-form button[type="submit"]').click()]);
    const saved = page.locator('#seg-1-0 .seg-target');
    expect(await saved.locator('p').first().innerText()).toBe('The Party committee of the autonomous region met.');
    expect(await saved.locator('.seg-status').innerText()).toMatch(/^Reviewed · ed · /);
    const api = await HttpClient.signIn(server.url, 'ed', PASSWORD);
    const json = await api.json<{ segments: Array<{ status: string; target: string | null; group: number }> }>(`/api/documents/${id('meeting-zh.txt')}/translation`);
    expect(json.segments[0]).toMatchObject({ status: 'reviewed', target: 'The Party committee of the autonomous region met.', group: 1 });
    if (process.env.DOSSIER_WRITE_SCREENSHOTS === '1') {
      await page.goto(`${server.url}/documents/${id('meeting-zh.txt')}/translation?pinyin=1`);
      await page.screenshot({ path: path.join(ROOT, 'docs', 'screenshots', 'translation-aligned.png'), fullPage: true });
    }
  });

  it('shows pinyin and CC-CEDICT glosses on request, each gloss reachable by keyboard', async () => {
    await page.goto(`${server.url}/documents/${id('meeting-zh.txt')}/translation`);
    expect(await page.locator('ruby').count()).toBe(0);
    await Promise.all([page.waitForURL(/pinyin=1/), page.getByRole('link', { name: 'Show pinyin' }).click()]);
    expect(await page.locator('#seg-1-1 ruby rt').allInnerTexts()).toContain('Wūlǔmùqí');
    expect(await page.locator('body').innerText()).toContain('CC-CEDICT');
    const word = page.locator('#seg-1-1 .aid-word', { hasText: '乌鲁木齐' });
    expect(await word.locator('.aid-gloss').isVisible()).toBe(false);
    await word.focus();
    expect(await word.locator('.aid-gloss').isVisible()).toBe(true);
    expect(await word.locator('.aid-gloss').innerText()).toMatch(/Ürümqi/);
    await page.keyboard.press('Tab');
    expect(await word.locator('.aid-gloss').isVisible()).toBe(false);
  });
});

describe('the two-pane reader', () => {
  it('puts the page beside a side panel and moves between pages (j/k) and matches (n) by keyboard', async () => {
    const pdf = id('two-pages.pdf');
    await page.goto(`${server.url}/documents/${pdf}?q=${encodeURIComponent('marker')}`);
    const main = await page.locator('.reader-main').boundingBox();
    const panel = await page.locator('aside.reader-panel').boundingBox();
    expect(panel!.x).toBeGreaterThan(main!.x + main!.width - 1);
    expect(await page.locator('aside.reader-panel').innerText()).toMatch(/About this document[\s\S]*Translation/);
    await page.keyboard.press('j');
    await page.waitForURL(/#page-2$/);
    await page.keyboard.press('k');
    await page.waitForURL(/#page-1$/);
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    const current = page.locator('.page-text mark.current');
    expect(await current.count()).toBe(1);
    expect(await current.evaluate((m: { closest(s: string): { id: string } | null }) => m.closest('section.page')?.id)).toBe('page-2');
    // Typing in a field is not navigation.
    await page.locator('#header-q').focus();
    await page.keyboard.press('j');
    expect(new URL(page.url()).hash).toBe('#page-1');
  });
});
