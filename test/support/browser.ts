/**
 * A real browser for the workbench tests: Debian's chromium (/usr/bin/chromium, installed by
 * .ci/run) driven by playwright-core. Playwright's own browser download is never used.
 *
 * Playwright's launch() refuses a `--user-data-dir` argument (it owns that flag): for a
 * non-persistent launch it creates a fresh, empty profile folder under the system temp folder
 * (playwright_chromiumdev_profile-*) and deletes it on close, so every run starts with a fresh
 * profile. It also adds `--headless` (headless: true) and `--no-sandbox` itself; passing them again
 * is harmless, and they are listed so the flags this project relies on are visible in one place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './cli.js';

export const CHROMIUM = process.env.DOSSIER_TEST_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const VIEWPORT = { width: 1280, height: 800 };

export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium), as .ci/run does`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
}

/** A new browser context (its own cookies) with the README's viewport. */
export async function newContext(browser: Browser, options: { bypassCSP?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB', bypassCSP: options.bypassCSP ?? false });
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(60_000);
  return context;
}

/** Sign in through the /login form (fields `username` and `password`); resolves on the page it lands on. */
export async function signInPage(context: BrowserContext, base: string, username: string, password: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('#login-form button[type="submit"]')]);
  return page;
}

// ---------------------------------------------------------------- accessibility (axe-core)

export const AXE_SOURCE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }>;
}

/**
 * Run axe-core on the page as it is. page.addScriptTag({ path }) inserts an inline <script>, which
 * the workbench's CSP (script-src 'self' 'nonce-…') refuses; so axe's source is evaluated through
 * the DevTools protocol instead (page.evaluate), which CSP does not govern. The page keeps its
 * real policy, so axe sees exactly what a user's browser renders (bypassCSP: true would also
 * work, but would hide anything the policy blocks).
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  // In-page code sees the browser's globals; this project's TypeScript has no DOM library, hence the casts.
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(fs.readFileSync(AXE_SOURCE, 'utf8'));
  return page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> }; document: unknown };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })) }));
  });
}

/** Violations as lines a person can act on: rule, impact, help, and each element. */
export function describeViolations(label: string, violations: AxeViolation[]): string {
  if (violations.length === 0) return `${label}: no violations`;
  const lines = [`${label}: ${violations.length} violation(s)`];
  for (const v of violations) {
    lines.push(`  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes.slice(0, 10)) lines.push(`      ${JSON.stringify(node.target)}  ${node.html.slice(0, 160)}${node.failureSummary ? `\n        ${node.failureSummary.replace(/\n/g, '\n        ')}` : ''}`);
    if (v.nodes.length > 10) lines.push(`      … and ${v.nodes.length - 10} more`);
  }
  return lines.join('\n');
}
