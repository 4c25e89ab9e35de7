/**
 * The README's screenshots of the public site: a workspace with the fixture PDF published and a
 * story from Markdown, `dossier site serve` from the built CLI, Debian's chromium via
 * playwright-core; 1280-wide PNGs into docs/screenshots/site-*.png, and the workbench's story
 * editor (`dossier serve`) into docs/screenshots/workbench-story-editor.png.
 *
 *   npm run build && npm run screenshots:site
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, removeDir, runCliOk } from '../test/support/cli.js';
import { launchChromium, newContext, signInPage } from '../test/support/browser.js';
import { addUser, startWorkbench } from '../test/support/workbench.js';
import { PAGE_ONE_QUOTE, publishedWorkspace, startSiteServer, writeStory } from '../test/support/site.js';

const OUT = path.join(ROOT, 'docs', 'screenshots');

async function main(): Promise<void> {
  const { workspace, stories } = await publishedWorkspace('site-screenshots');
  const front = `title: Inside the Hongliuquan training centre
slug: hongliuquan
dek: A two-page internal notice names a "vocational skills" centre and the county that runs it.
byline: By A. Reporter
date: 2026-12-01
image: photo.jpg
image_alt: A photograph used as the story's feature image
image_credit: Photo by the Dossier test fixtures (CC0)
takeaways:
  - The notice names the centre and the county that runs it.
  - Its second page carries the name of Xi Jinping.
context:
  - {label: Understand the context, title: What the centres are, url: "https://example.org/explainer", source: Example News}
  - {label: "The government's view", title: White paper on vocational education, url: "https://example.gov/paper", source: State Council}
  - {label: Dissenting voices, title: A former detainee speaks, url: "https://example.net/interview", source: Example Weekly}
comments: open`;
  await runCliOk(['story', 'create', writeStory(stories, 'story.md', front, `The notice, published in full, names the [“${PAGE_ONE_QUOTE}”](doc:1#p1-s3) in Hongliuquan county.\n\nIt was issued on two pages; the second names Xi Jinping.`), '--workspace', workspace]);
  await runCliOk(['story', 'publish', 'hongliuquan', '--workspace', workspace]);
  const site = await startSiteServer(workspace, ['--name', 'The Herald']);
  const browser = await launchChromium();
  try {
    const page = await (await newContext(browser)).newPage();
    for (const [name, url] of [['site-story', '/stories/hongliuquan/'], ['site-document', '/documents/1/#p1-s3'], ['site-search', '/search/?q=Xi%20Jinping']] as const) {
      await page.goto(`${site.url}${url}`);
      await page.waitForLoadState('load');
      const file = path.join(OUT, `${name}.png`);
      await page.screenshot({ path: file, type: 'png', fullPage: name === 'site-story', clip: name === 'site-story' ? { x: 0, y: 0, width: 1280, height: 1900 } : undefined });
      console.log(`${path.relative(ROOT, file)}  ${Math.round(fs.statSync(file).size / 1024)} KB`);
    }
    await addUser(workspace, 'editor', 'editor', 'editor-pass-9d2c4b7e');
    const workbench = await startWorkbench(workspace);
    try {
      const desk = await signInPage(await newContext(browser), workbench.url, 'editor', 'editor-pass-9d2c4b7e');
      await desk.goto(`${workbench.url}/publishing/stories/hongliuquan/edit`);
      const file = path.join(OUT, 'workbench-story-editor.png');
      await desk.screenshot({ path: file, type: 'png', fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1500 } });
      console.log(`${path.relative(ROOT, file)}  ${Math.round(fs.statSync(file).size / 1024)} KB`);
    } finally {
      await workbench.stop();
    }
  } finally {
    await browser.close();
    await site.stop();
    removeDir(workspace);
  }
}

await main();
