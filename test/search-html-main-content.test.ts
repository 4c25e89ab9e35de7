/**
 * Web pages: a page's title and snippet come from its main-content block (Readability), not from
 * the site's menu, sidebar and footer around it, while the menu stays in the text and searchable.
 * Real statutes from shared/corpus/prc-laws, each wrapped in one site's page: the same <title> (the
 * site's name) on every page, a navigation menu naming 知识产权 (intellectual property), a sidebar
 * and a footer. Three pages only: fewer than a collection needs for its repeated lines to count as
 * boilerplate (MIN_COLLECTION), so only the page's own structure can tell the menu from the text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, makeTempDir, makeWorkspace, removeDir, search, show } from './support/cli.js';
import { chooseStatutes } from './support/statutes.js';

const WORD = '知识产权';
const SITE = '法规信息网';
const MENU = ['首页', '法律法规', WORD, '司法解释', '办事指南', '政策解读', '在线服务', '联系我们'];

const page = (title: string, paragraphs: string[]) => `<!doctype html><html><head><meta charset="utf-8"><title>${SITE}</title></head><body>
<header><div class="logo">${SITE}</div><nav><ul>${MENU.map((m) => `<li><a href="#">${m}</a></li>`).join('')}</ul></nav></header>
<div class="wrap"><aside class="sidebar"><h3>相关链接</h3><ul><li><a href="#">国家${WORD}局</a></li><li><a href="#">最高人民法院</a></li><li><a href="#">司法部</a></li></ul></aside>
<div class="article"><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</div></div>
<footer><p>版权所有 ${SITE} · 本站内容仅供参考，以正式公布文本为准</p><p>地址：北京市西城区 电话：010-12345678</p></footer></body></html>`;

let workspace: string;
let web: string;
let target = '';
let passage = '';
const titles: string[] = [];

beforeAll(async () => {
  web = makeTempDir('dossier-main-content-');
  const picked = chooseStatutes(WORD, 2);
  target = picked.target.title;
  passage = picked.passage;
  const chosen = picked.chosen;
  chosen.forEach((law, i) => {
    titles.push(law.title);
    fs.writeFileSync(path.join(web, `page-${i}.html`), page(law.title, law.paragraphs));
  });
  workspace = makeWorkspace('main-content');
  await ingest(workspace, [web], { ocr: false, collection: 'web' });
}, 300_000);

afterAll(() => {
  removeDir(workspace);
  removeDir(web);
});

describe('HTML main content', () => {
  it('titles each page by its main block, not by the site name every page carries, and keeps the <title> in the metadata', async () => {
    expect(target).not.toBe('');
    const result = await search(workspace, '办事指南');
    expect(result.total).toBe(3); // the menu is still searchable: every page matches
    expect(result.hits.map((h) => h.title).sort()).toEqual([...titles].sort());
    const doc = await show(workspace, result.hits[0]!.id);
    expect(doc.metadata.title).toBe(SITE);
    // The menu, sidebar and footer are still in the text the reader sees.
    for (const kept of ['办事指南', '相关链接', '版权所有']) expect(doc.text).toContain(kept);
  });

  it('opens the snippet on the main block, not on the menu that also holds the word', async () => {
    const result = await search(workspace, WORD);
    expect(result.total).toBe(3); // every page names it in its menu and sidebar
    const hit = result.hits.find((h) => h.title === target)!;
    const snippet = hit.snippet.replace(/<\/?mark>/g, '');
    expect(snippet).not.toContain('首页');
    expect(snippet).not.toContain('相关链接');
    expect(passage.replace(/\s+/g, ' ')).toContain(snippet.replace(/^…|…$/g, '').slice(0, 20));
    expect(hit.snippet).toContain(`<mark>${WORD}</mark>`);
    // A page with the word only in its menu and sidebar still shows (and marks) it there.
    const other = result.hits.find((h) => h.title !== target)!;
    expect(other.snippet).toContain(`<mark>${WORD}</mark>`);
  });

  it('without words to match (filters only), opens each snippet on the main block rather than the menu', async () => {
    const result = await search(workspace, 'collection:web');
    expect(result.total).toBe(3);
    for (const hit of result.hits) {
      expect(hit.snippet).toContain(hit.title!);
      expect(hit.snippet).not.toContain('首页');
    }
  });
});
