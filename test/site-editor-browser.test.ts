/**
 * From an ingested leak to a published story, in the browser: a Chinese document is ingested,
 * its English translation imported and reviewed, the document published; the public page shows
 * the translation beside the original and `#p1-s2` scrolls to and highlights that segment. An
 * editor writes the story in the workbench's editor (refusals shown in the form: an image that
 * is not one, an unknown field, a quotation that is not in the document), publishes it, and a
 * reader finds it on the public site; the editor makes a note public and private again with the
 * reader's button, which refuses a note spelling a redacted name. Real `dossier serve` and
 * `dossier site serve`, real chromium; no request leaves 127.0.0.1, the site sets no cookie.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { makeWorkspace, parseJsonLines, removeDir, runCli, runCliOk } from './support/cli.js';
import { CHROMIUM, CHROMIUM_ARGS, VIEWPORT, signInPage } from './support/browser.js';
import { PHOTO, startSiteServer, type SiteServer } from './support/site.js';
import { addUser, grant, startWorkbench, type Workbench } from './support/workbench.js';
import { chromium } from 'playwright-core';

const ZH = '自治区党委召开会议。会议由陈全国主持，2017年3月在乌鲁木齐举行。\n\n会议强调，要加强职业技能教育培训中心的管理；确保学员不逃跑。共有1200名学员参加培训。最后一句话！\n';
const EN = 'The regional Party committee held a meeting. The meeting was chaired by Chen Quanguo. It was held in Urumqi in March 2017.\n\nThe meeting stressed that management of the vocational skills education and training centres must be strengthened, and that no student may escape. In all, 1,200 students took part in the training. A last sentence!\n';
const PASSWORD = 'eddie-pass-3c7e9a1f';
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';
const MARK = 'rgb(255, 243, 176)';

interface Segment { page: number; index: number | null; source: string; target: string | null; status: string; group: number }

let ws: string;
let files: string;
let site: SiteServer;
let workbench: Workbench;
let browser: Browser;
let reader: BrowserContext;
let editor: BrowserContext;
let desk: Page;
const requested: string[] = [];
const siteCookies: string[] = [];

const background = (page: Page, selector: string) => page.locator(selector).evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);

beforeAll(async () => {
  ws = makeWorkspace('site-editor');
  files = path.join(ws, '..', `${path.basename(ws)}-files`);
  fs.mkdirSync(files);
  fs.writeFileSync(path.join(files, 'meeting-zh.txt'), ZH);
  fs.writeFileSync(path.join(files, 'meeting-en.txt'), EN);
  fs.copyFileSync(PHOTO, path.join(files, 'gate.jpg'));
  fs.writeFileSync(path.join(files, 'not-a-photo.jpg'), 'this is text, not a JPEG\n');
  await runCliOk(['ingest', path.join(files, 'meeting-zh.txt'), '--workspace', ws, '--quiet']);
  await runCliOk(['translate', '1', '--from', path.join(files, 'meeting-en.txt'), '--workspace', ws]);
  const segments = (JSON.parse((await runCliOk(['translation', '1', '--json', '--workspace', ws])).stdout) as { segments: Segment[] }).segments;
  const groups = new Map<number, Segment>();
  for (const s of segments) if (s.index !== null && !groups.has(s.group)) groups.set(s.group, s);
  for (const s of groups.values()) await runCliOk(['segment', 'status', '1', `${s.page}.${s.index}`, 'reviewed', '--workspace', ws]);
  await runCliOk(['publish', '1', '--workspace', ws]);
  await addUser(ws, 'eddie', 'editor', PASSWORD);
  await grant(ws, 'eddie', 'default');
  [site, workbench] = await Promise.all([startSiteServer(ws), startWorkbench(ws)]);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
  // Two browsers' worth of state: cookies are per host, not per port, so the reader never visits the workbench.
  reader = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB', userAgent: USER_AGENT });
  editor = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB' });
  for (const context of [reader, editor]) {
    context.setDefaultTimeout(30_000);
    context.on('request', (r) => requested.push(r.url()));
    context.on('response', async (r) => {
      const cookie = await r.headerValue('set-cookie');
      if (cookie && r.url().startsWith(site.url)) siteCookies.push(`${r.url()}: ${cookie}`);
    });
  }
  desk = await signInPage(editor, workbench.url, 'eddie', PASSWORD);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([site?.stop(), workbench?.stop()]);
  removeDir(ws);
  removeDir(files);
});

describe('a published document with its reviewed translation', () => {
  it('shows the translation beside the original, and #p1-s2 scrolls to and highlights that segment', async () => {
    const page = await reader.newPage();
    await page.setViewportSize({ width: 1280, height: 300 }); // short, so the passage is below the fold unless scrolled to
    await page.goto(`${site.url}/documents/1/#p1-s2`);
    const row = page.locator('#p1-s2');
    const original = await row.locator('td[lang="zh"]').innerText();
    const translation = await row.locator('td[lang="en"]').innerText();
    expect(ZH.replace(/\s/g, '')).toContain(original.replace(/\s/g, ''));
    expect(original.length).toBeGreaterThan(3);
    expect(EN.replace(/\s+/g, ' ')).toContain(translation.replace(/\s+/g, ' ').trim());
    expect(await background(page, '#p1-s2')).toBe(MARK);
    expect(await background(page, '#p1-s0')).not.toBe(MARK);
    const box = await row.evaluate((el) => {
      const r = (el as unknown as { getBoundingClientRect(): { top: number; bottom: number } }).getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, scrolled: (globalThis as unknown as { scrollY: number }).scrollY, height: (globalThis as unknown as { innerHeight: number }).innerHeight };
    });
    expect(box.scrolled).toBeGreaterThan(0);
    expect(box.top).toBeGreaterThanOrEqual(-1);
    expect(box.top).toBeLessThan(box.height);
    await page.close();
  });
});

describe('the story editor in the workbench', () => {
  const fill = async (values: Record<string, string>) => {
    for (const [selector, value] of Object.entries(values)) await desk.fill(selector, value);
  };

  it('shows the command’s refusals in the form and keeps what was typed', async () => {
    await desk.goto(`${workbench.url}/publishing`);
    await Promise.all([desk.waitForURL(/\/publishing\/stories\/new$/), desk.click('#new-story')]);
    await fill({
      '#story-title': 'The meeting in Urumqi',
      '#story-slug': 'urumqi-meeting',
      '#story-dek': 'What the minutes say, in Chinese and in English.',
      '#story-byline': 'By E. Editor',
      '#story-date': '2026-12-02',
      '#story-image_alt': 'A gate in front of a walled compound',
      '#story-image_credit': 'Photo by the fixtures (CC0)',
      '#story-takeaways': 'The meeting was chaired by the Party secretary.\n1,200 students took part.',
      '#context-1-label': "The government's view",
      '#context-1-title': 'White paper on vocational training',
      '#context-1-url': 'https://example.org/white-paper',
      '#context-1-source': 'State Council',
      '#context-2-label': 'Dissenting voices',
      '#context-2-title': 'A former trainee speaks',
      '#context-2-url': 'https://example.org/testimony',
      '#story-tags': 'xinjiang, minutes',
      '#story-body': 'The minutes say that [“the meeting was chaired by Chen Quanguo”](doc:1#p1-s1) and that [“no student may escape”](doc:1#p2-s0).',
    });
    await desk.selectOption('#story-comments', 'open');
    await desk.setInputFiles('#story-image', path.join(files, 'not-a-photo.jpg'));
    const refused = await Promise.all([desk.waitForResponse((r) => r.url().endsWith('/publishing/stories') && r.request().method() === 'POST'), desk.click('#story-save')]);
    expect(refused[0].status()).toBe(400);
    expect(await desk.locator('#story-error').innerText()).toContain('not-a-photo.jpg is not an image');
    expect(await desk.inputValue('#story-title')).toBe('The meeting in Urumqi');
    expect(await desk.inputValue('#context-2-title')).toBe('A former trainee speaks');
    // A field the form does not know is refused by name, with the words `dossier story create` uses.
    const csrf = await desk.locator('#story-form input[name="csrf"]').inputValue();
    const posted = await editor.request.post(`${workbench.url}/publishing/stories`, { multipart: { csrf, title: 'Odd', subtitle: 'not a field', body: 'Text.' }, maxRedirects: 0 });
    expect(posted.status()).toBe(400);
    fs.writeFileSync(path.join(files, 'odd.md'), '---\ntitle: Odd\nsubtitle: not a field\n---\nText.\n');
    const cli = JSON.parse((await runCli(['story', 'create', path.join(files, 'odd.md'), '--json', '--workspace', ws])).stdout) as { error: { message: string } };
    expect(cli.error.message).toContain('unknown field "subtitle"');
    expect(await posted.text()).toContain(cli.error.message.replaceAll('"', '&quot;'));
    expect(await runCliOk(['story', 'ls', '--json', '--workspace', ws]).then((r) => JSON.parse(r.stdout) as unknown[])).toEqual([]);
  });

  it('saves the draft with its image, refuses to publish a quotation that is not in the document, then publishes', async () => {
    await desk.setInputFiles('#story-image', path.join(files, 'gate.jpg'));
    await Promise.all([desk.waitForURL(/\/publishing\/stories\/urumqi-meeting\/edit\?saved=1$/), desk.click('#story-save')]);
    expect(await desk.locator('#story-status').innerText()).toContain('draft');
    expect(await desk.inputValue('#context-1-label')).toBe("The government's view");
    // The second quotation is on the page, not in segment 0 of page 2 (there is no page 2): refused, named.
    const refused = await Promise.all([desk.waitForResponse((r) => r.url().endsWith('/publish')), desk.click('#story-publish')]);
    expect(refused[0].status()).toBe(409);
    expect(await desk.locator('#story-error').innerText()).toContain('quote_mismatch');
    expect(await desk.locator('#story-broken-quotes li').allInnerTexts()).toEqual([expect.stringContaining('no student may escape')]);
    await desk.fill('#story-body', 'The minutes say that [“the meeting was chaired by Chen Quanguo”](doc:1#p1-s1) and that [“确保学员不逃跑”](doc:1#p1-s2).');
    await Promise.all([desk.waitForURL(/saved=1$/), desk.click('#story-save')]);
    await Promise.all([desk.waitForURL(/saved=published$/), desk.click('#story-publish')]);
    expect(await desk.locator('#story-status').innerText()).toContain('published');
    const audit = parseJsonLines<{ action: string; username: string | null; detail: { slug: string } }>((await runCliOk(['audit', 'ls', '--json', '--workspace', ws])).stdout);
    // newest first; the refused image and the refused publication left no entry
    expect(audit.filter((a) => a.action.startsWith('story.')).map((a) => `${a.action} ${a.detail.slug} by ${a.username}`)).toEqual(['story.publish urumqi-meeting by eddie', 'story.edit urumqi-meeting by eddie', 'story.create urumqi-meeting by eddie']);
    await desk.goto(`${workbench.url}/publishing`);
    expect(await desk.locator('#story-list tr[data-slug="urumqi-meeting"]').innerText()).toContain('published');
  });

  it('the reader finds the published story on the public site, with its image, context and quotations', async () => {
    const page = await reader.newPage();
    await page.goto(`${site.url}/`);
    await Promise.all([page.waitForURL(/stories\/urumqi-meeting\/$/), page.click('text=The meeting in Urumqi')]);
    expect(await page.locator('h1').innerText()).toBe('The meeting in Urumqi');
    await expect.poll(() => page.locator('figure.feature img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    expect(await page.locator('figure.feature img').getAttribute('alt')).toBe('A gate in front of a walled compound');
    expect(await page.locator('figure.feature figcaption').innerText()).toBe('Photo by the fixtures (CC0)');
    expect(await page.locator('.takeaways li').allInnerTexts()).toEqual(['The meeting was chaired by the Party secretary.', '1,200 students took part.']);
    const context = await page.locator('main').innerText();
    expect(context).toContain("The government's view");
    expect(context).toContain('White paper on vocational training');
    expect(context).toContain('Dissenting voices');
    await Promise.all([page.waitForURL(/documents\/1\/#p1-s2$/), page.click('a.quotation >> nth=1')]);
    expect(await background(page, '#p1-s2')).toBe(MARK);
    await page.close();
  });
});

describe("a note's public / private button in the reader", () => {
  it('puts a note on the published page and takes it off; refuses a note that spells a redacted name', async () => {
    const publicPage = async () => (await fetch(`${site.url}/documents/1/`)).text();
    await desk.goto(`${workbench.url}/documents/1`);
    await desk.fill('#note-body', 'The minutes are dated March 2017.');
    await Promise.all([desk.waitForEvent('load'), desk.click('#add-note-submit')]);
    const note = desk.locator('.note', { hasText: 'The minutes are dated March 2017.' });
    await Promise.all([desk.waitForEvent('load'), note.locator('.note-visibility button').click()]);
    expect(await note.locator('.note-public').innerText()).toBe('public');
    expect(await publicPage()).toContain('The minutes are dated March 2017.');
    await Promise.all([desk.waitForEvent('load'), note.locator('.note-visibility button').click()]);
    expect(await note.locator('.note-public').count()).toBe(0);
    expect(await publicPage()).not.toContain('The minutes are dated March 2017.');

    await runCliOk(['redact', '1', '--text', '陈全国', '--workspace', ws]);
    await desk.fill('#note-body', 'Chaired by Chen Quanguo himself.');
    await Promise.all([desk.waitForEvent('load'), desk.click('#add-note-submit')]);
    const leaky = desk.locator('.note', { hasText: 'Chaired by Chen Quanguo himself.' });
    const refused = await Promise.all([desk.waitForResponse((r) => r.url().endsWith('/visibility')), leaky.locator('.note-visibility button').click()]);
    expect(refused[0].status()).toBe(409);
    expect(await desk.locator('main').innerText()).toContain('redacted');
    expect(await publicPage()).not.toContain('Chen Quanguo himself');
    const audit = parseJsonLines<{ action: string }>((await runCliOk(['audit', 'ls', '--json', '--workspace', ws])).stdout);
    expect(audit.filter((a) => a.action.startsWith('note.')).map((a) => a.action)).toEqual(['note.private', 'note.public']);
  });
});

describe('privacy', () => {
  it('sent no request anywhere but 127.0.0.1, and the public site set no cookie', async () => {
    expect(requested.filter((u) => u.startsWith(site.url)).length).toBeGreaterThan(5);
    expect(requested.filter((u) => new URL(u).hostname !== '127.0.0.1')).toEqual([]);
    expect(siteCookies).toEqual([]);
    expect(await reader.cookies()).toEqual([]);
  });
});
