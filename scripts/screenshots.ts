/**
 * The README's screenshots: builds a workspace from examples/ (with OCR), starts the built
 * workbench (`dossier serve`), signs in through the browser (Debian's chromium via
 * playwright-core) and saves 1280×800 PNGs of the main pages into docs/screenshots/.
 *
 *   npm run build && npm run screenshots
 *
 * Reuses the test helpers that start the server and the browser (test/support/).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, ingest, makeWorkspace, removeDir } from '../test/support/cli.js';
import { launchChromium, newContext, signInPage } from '../test/support/browser.js';
import { HttpClient, addUser, grant, startWorkbench, type Workbench } from '../test/support/workbench.js';

const OUT = path.join(ROOT, 'docs', 'screenshots');
const COLLECTION = 'examples';
const USER = { name: 'li.wen', password: 'screenshots-only-3c9f1e' };

async function shoot(page: Page, name: string): Promise<void> {
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, type: 'png' });
  console.log(`${path.relative(ROOT, file)}  ${Math.round(fs.statSync(file).size / 1024)} KB`);
}

/** The page from its top down to the bottom of an element (at most `maxHeight` pixels), 1280 wide. */
async function shootDownTo(page: Page, name: string, selector: string, maxHeight = 2000): Promise<void> {
  const bottom = await page.locator(selector).first().evaluate((el) => {
    const view = globalThis as unknown as { scrollY: number };
    return el.getBoundingClientRect().bottom + view.scrollY;
  });
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, type: 'png', fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.min(maxHeight, Math.ceil(bottom) + 24) } });
  console.log(`${path.relative(ROOT, file)}  ${Math.round(fs.statSync(file).size / 1024)} KB`);
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const workspace = makeWorkspace('screenshots');
  let server: Workbench | undefined;
  const browser = await launchChromium();
  try {
    console.log('Ingesting examples/ (with OCR)…');
    // Relative paths, so documents show as examples/… (the CLI runs in the repository); the leak
    // without examples/README.md, which describes the files rather than being one of them.
    const files = fs.readdirSync(path.join(ROOT, 'examples')).filter((name) => name !== 'README.md').map((name) => `examples/${name}`);
    await ingest(workspace, files, { collection: COLLECTION });
    await addUser(workspace, USER.name, 'admin', USER.password);
    await grant(workspace, USER.name, COLLECTION);
    server = await startWorkbench(workspace);
    const base = server.url;

    const anonymous = await newContext(browser);
    const login = await anonymous.newPage();
    await login.goto(`${base}/login`);
    await shoot(login, 'login');
    await anonymous.close();

    const context = await newContext(browser);
    const page = await signInPage(context, base, USER.name, USER.password);

    // Search in Chinese, matches marked.
    await page.goto(`${base}/search?${new URLSearchParams({ q: '新疆' })}`);
    await shoot(page, 'search');

    // The source's e-mail (its attachment and the reply in the thread), 新疆 highlighted, a note on a passage.
    const api = await HttpClient.signIn(base, USER.name, USER.password);
    const hits = await api.json<{ hits: Array<{ id: number; page: number; path: string }> }>(`/api/search?q=${encodeURIComponent('新疆')}`);
    const tip = hits.hits.find((h) => h.path.endsWith('tip-from-source')) ?? hits.hits[0];
    if (!tip) throw new Error('no hit for 新疆 in examples/');
    const doc = await api.json<{ pages: Array<{ page: number; text: string }> }>(`/api/documents/${tip.id}`);
    const text = doc.pages.find((p) => p.page === tip.page)?.text ?? '';
    const at = text.indexOf('附件是');
    const quote = at === -1 ? text.slice(0, 20) : text.slice(at, text.indexOf('。', at) + 1);
    const note = await api.request('POST', `/api/documents/${tip.id}/notes`, { json: { page: tip.page, quote, body: '核对：值班安排的附件与县委文件的编号是否一致 — check the roster against the notice number.' } });
    if (note.status !== 201) throw new Error(`adding the note answered ${note.status}: ${note.body}`);
    await page.goto(`${base}/documents/${tip.id}?${new URLSearchParams({ q: '新疆' })}#page-${tip.page}`);
    await page.locator(`section#page-${tip.page} mark`).first().waitFor();
    await page.locator('mark.note-mark').first().waitFor();
    await shootDownTo(page, 'document', '#notes-list');

    // An entity: its network and timeline.
    const entities = await api.json<{ entities: Array<{ id: number; name: string }> }>(`/api/entities?q=${encodeURIComponent('陈全国')}`);
    const entity = entities.entities.find((e) => e.name === '陈全国') ?? entities.entities[0];
    if (!entity) throw new Error('no entity 陈全国');
    await page.goto(`${base}/entities/${entity.id}`);
    await shootDownTo(page, 'entity', 'svg.timeline');

    // An upload (new files: a ZIP of Chinese-named files, a DOCX, an encrypted PDF) and its progress.
    await page.goto(`${base}/upload`);
    await page.selectOption('#upload-collection', COLLECTION);
    const fixtures = path.join(ROOT, 'test', 'fixtures');
    await page.setInputFiles('#upload-files', [path.join(fixtures, 'archive', 'gbk-names.zip'), path.join(fixtures, 'office', 'sample.docx'), path.join(fixtures, 'pdf', 'encrypted-user-password.pdf')]);
    await Promise.all([page.waitForURL(/\/uploads\/\d+$/, { timeout: 60_000 }), page.click('#upload-submit')]);
    await page.locator('#upload-progress[data-state="done"], #upload-progress[data-state="failed"]').waitFor({ timeout: 120_000 }).catch(() => page.reload());
    await shootDownTo(page, 'upload', '#upload-failures, #upload-no-failures');

    // The audit log.
    await page.goto(`${base}/admin/audit`);
    await shoot(page, 'audit');
    await context.close();
  } finally {
    await browser.close();
    await server?.stop();
    removeDir(workspace);
  }
}

await main();
