/**
 * Boilerplate on real text: lines a collection repeats in many documents (a site's navigation
 * menu and footer, a list poster's signature) rank low and stay out of snippets, yet are still
 * found and still shown. Web pages: real statutes from shared/corpus/prc-laws, each wrapped in
 * one navigation menu that names 知识产权 (intellectual property); one statute speaks of it in
 * its own text. Mail: real email-linux-man messages, some signed with a real maintainer signature.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_CORPUS, ingest, type IngestSummary, makeTempDir, makeWorkspace, removeDir, runCliOk, search, show } from './support/cli.js';
import { chooseStatutes } from './support/statutes.js';

const WORD = '知识产权';
const MENU = ['首页', '法律法规', WORD, '司法解释', '办事指南', '联系我们'];

const page = (title: string, paragraphs: string[]) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
<nav><ul>${MENU.map((m) => `<li><a href="#">${m}</a></li>`).join('')}</ul></nav>
<main><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</main>
<footer><p>版权所有 法规信息网 · 本站内容仅供参考，以正式公布文本为准</p></footer></body></html>`;

let workspace: string;
let web: string;
let mail: string;
let target = '';
let passage = '';
/** A statute kept out of the first ingest, added later as a short page: its menu must be boilerplate at once. */
let late: { title: string; paragraphs: string[] } | undefined;
let webIngest: IngestSummary;

beforeAll(async () => {
  web = makeTempDir('dossier-boiler-web-');
  // 24 pages besides the target; the 25th statute without the word is added later, as one short page.
  const picked = chooseStatutes(WORD, 25);
  target = picked.target.title;
  passage = picked.passage;
  const lateLaw = picked.chosen.filter((law) => law !== picked.target).pop()!;
  late = { title: lateLaw.title, paragraphs: lateLaw.paragraphs.slice(0, 1) };
  const chosen = picked.chosen.filter((law) => law !== lateLaw);
  chosen.forEach((law, i) => fs.writeFileSync(path.join(web, `page-${String(i).padStart(2, '0')}.html`), page(law.title, law.paragraphs)));
  mail = makeTempDir('dossier-boiler-mail-');
  const messages = fs.readdirSync(EMAIL_CORPUS).filter((f) => f.endsWith('.eml')).sort();
  const signed = messages.filter((f) => fs.readFileSync(path.join(EMAIL_CORPUS, f), 'latin1').includes('Linux man-pages comaintainer; http://www.alejandro-colomar.es/')).slice(0, 8);
  for (const f of [...signed, ...messages.filter((m) => !signed.includes(m)).slice(0, 42)]) fs.copyFileSync(path.join(EMAIL_CORPUS, f), path.join(mail, f));
  workspace = makeWorkspace('boilerplate');
  webIngest = await ingest(workspace, [web], { ocr: false, collection: 'web' });
  await ingest(workspace, [mail], { ocr: false, collection: 'list' });
}, 600_000);

afterAll(() => {
  removeDir(workspace);
  removeDir(web);
  removeDir(mail);
});

describe('boilerplate', () => {
  it('lists the lines a collection repeats, with their document counts', async () => {
    expect(target).not.toBe('');
    // The ingest learnt the menu from the first pages it read and analysed the later ones with it:
    // only pages read before that are re-indexed afterwards.
    expect(webIngest.boilerplate).toEqual(expect.objectContaining({ counted: 25 }));
    expect(webIngest.boilerplate!.lines).toBeGreaterThanOrEqual(2);
    expect(webIngest.boilerplate!.reindexed).toBeGreaterThan(0);
    expect(webIngest.boilerplate!.reindexed).toBeLessThan(25);
    const listed = JSON.parse((await runCliOk(['boilerplate', '--json', '--workspace', workspace])).stdout) as { blocks: Array<{ collection: string; documents: number; text: string }> };
    const webBlocks = listed.blocks.filter((b) => b.collection === 'web');
    expect(webBlocks.find((b) => b.text.includes(WORD))?.documents).toBe(25);
    expect(webBlocks.some((b) => b.text.includes('版权所有 法规信息网'))).toBe(true);
    // No statute's own sentences: each is in one page only.
    expect(webBlocks.every((b) => b.documents >= 5)).toBe(true);
    expect(listed.blocks.some((b) => b.collection === 'list' && b.text.includes('alejandro-colomar.es'))).toBe(true);
    const one = JSON.parse((await runCliOk(['boilerplate', '--collection', 'list', '--recompute', '--json', '--workspace', workspace])).stdout) as { recomputed: Array<{ collection: string; documents: number }>; blocks: Array<{ collection: string }> };
    expect(one.recomputed).toEqual([expect.objectContaining({ collection: 'list', reindexed: 0 })]); // nothing changed since ingest
    expect(one.blocks.every((b) => b.collection === 'list')).toBe(true);
  });

  it('ranks the page whose own text holds a menu word above the pages that only carry it in the menu', async () => {
    const result = await search(workspace, `${WORD} collection:web`);
    expect(result.total).toBe(25); // the menu is still searchable: every page matches
    expect(result.hits[0]!.title).toBe(target);
    // The snippet shows the statute's passage, not the menu.
    const snippet = result.hits[0]!.snippet.replace(/<\/?mark>/g, '');
    expect(snippet).not.toContain('首页');
    expect(passage.replace(/\s+/g, ' ')).toContain(snippet.replace(/^…|…$/g, '').slice(0, 20));
    expect(result.hits[0]!.snippet).toContain(`<mark>${WORD}</mark>`);
    // A page with the word only in its menu still shows (and marks) it there.
    expect(result.hits[1]!.snippet).toContain(`<mark>${WORD}</mark>`);
  });

  it('keeps the menu in the text the reader shows', async () => {
    const result = await search(workspace, '办事指南 collection:web');
    expect(result.total).toBe(25);
    const doc = await show(workspace, result.hits[0]!.id);
    expect(JSON.stringify(doc)).toContain('办事指南');
  });

  it('still finds a signature line, in every message that carries it', async () => {
    const result = await search(workspace, 'comaintainer collection:list');
    expect(result.total).toBeGreaterThanOrEqual(8);
  });
});

describe('boilerplate of documents added later', () => {
  it('moves the menu of a page ingested into a known collection out of its body, without re-reading the collection', async () => {
    expect(late).toBeDefined();
    const more = makeTempDir('dossier-boiler-late-');
    try {
      fs.writeFileSync(path.join(more, 'late.html'), page(late!.title, late!.paragraphs));
      const added = await ingest(workspace, [more], { ocr: false, collection: 'web' });
      // Analysed with the collection's stored lines as it was read: nothing to re-index afterwards.
      expect(added.boilerplate).toEqual({ lines: expect.any(Number), counted: 1, reindexed: 0 });
    } finally {
      removeDir(more);
    }
    const listed = JSON.parse((await runCliOk(['boilerplate', '--json', '--collection', 'web', '--workspace', workspace])).stdout) as { blocks: Array<{ documents: number; text: string }> };
    expect(listed.blocks.find((b) => b.text.includes(WORD))?.documents).toBe(26); // counted once more, not recounted from scratch
    // The new page is one short paragraph with the word only in its menu: with the menu in its
    // body it would outrank the long statute that uses the word in its own text.
    const result = await search(workspace, `${WORD} collection:web`);
    expect(result.total).toBe(26);
    expect(result.hits[0]!.title).toBe(target);
    expect(result.hits.findIndex((h) => h.title === late!.title)).toBeGreaterThan(0);
    // A recount finds the same lines, so nothing is re-indexed.
    const again = JSON.parse((await runCliOk(['boilerplate', '--collection', 'web', '--recompute', '--json', '--workspace', workspace])).stdout) as { recomputed: Array<{ documents: number; counted: number; reindexed: number }> };
    expect(again.recomputed).toEqual([expect.objectContaining({ documents: 26, counted: 26, reindexed: 0 })]);
  });
});
