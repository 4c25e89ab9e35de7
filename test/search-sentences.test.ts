/**
 * A Chinese sentence or question pasted as a query (no spaces) finds the paragraph it was
 * written from: its Han runs become words and bigrams. `--match any` ranks by them; `all` needs
 * every word, anywhere in the page, not as one phrase; quotes still ask for the exact phrase.
 * The paragraphs are written for this test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, makeTempDir, makeWorkspace, removeDir, search } from './support/cli.js';

const PARAGRAPHS: Record<string, string> = {
  game: '《星河纪元4》是由北辰工作室和青岚互动共同开发的太空策略游戏，于2015年在日本发售。游戏以三条故事线为主轴，玩家可以选择不同的阵营。\n',
  studio: '北辰工作室成立于1998年，总部设在杭州，早期以制作棋牌游戏为主，后来转向策略游戏。\n',
  publisher: '青岚互动是一家位于成都的游戏发行商，代理过多款海外作品。\n',
  novel: '《海港日記》是由雲杉出版社於一九九二年出版的長篇小說，作者是林秋白，講述一個漁村家庭三代人的故事。\n',
  decoy: '这款游戏是由哪家公司发行的并不重要，重要的是玩家是否喜欢它的故事。\n',
};

let workspace: string;
let docs: string;
const nameOf = (p: string) => path.basename(p, '.txt');

beforeAll(async () => {
  docs = makeTempDir('dossier-sentences-docs-');
  for (const [name, text] of Object.entries(PARAGRAPHS)) fs.writeFileSync(path.join(docs, `${name}.txt`), text);
  workspace = makeWorkspace('sentences');
  await ingest(workspace, [docs], { ocr: false });
}, 400_000);

afterAll(() => {
  removeDir(workspace);
  removeDir(docs);
});

describe('a pasted Chinese question, --match any', () => {
  it('finds the paragraph it was written from, first', async () => {
    const result = await search(workspace, '《星河纪元4》是由哪两个公司合作开发的？', ['--match', 'any']);
    expect(result.hits.map((h) => nameOf(h.path))[0]).toBe('game');
    expect(result.hits[0]!.snippet).toContain('<mark>');
  });

  it('finds it across scripts: a traditional question on simplified text, and the reverse', async () => {
    expect(nameOf((await search(workspace, '星河紀元4是哪兩家公司開發的？', ['--match', 'any'])).hits[0]!.path)).toBe('game');
    expect(nameOf((await search(workspace, '《海港日记》是由哪家出版社出版的？', ['--match', 'any'])).hits[0]!.path)).toBe('novel');
  });

  it('ranks a question about a name by that name (北辰工作室 总部 in 杭州?)', async () => {
    const result = await search(workspace, '北辰工作室的总部设在哪个城市', ['--match', 'any']);
    expect(nameOf(result.hits[0]!.path)).toBe('studio');
  });
});

describe('a Chinese run without spaces, --match all', () => {
  it('needs its words anywhere in the page, not as one phrase', async () => {
    const paths = (await search(workspace, '北辰工作室杭州')).hits.map((h) => nameOf(h.path));
    expect(paths).toEqual(['studio']);
  });

  it('needs every word: no paragraph has both 北辰 and 成都', async () => {
    expect((await search(workspace, '北辰工作室成都')).total).toBe(0);
  });

  it('still asks for the exact phrase when quoted', async () => {
    expect((await search(workspace, '"北辰工作室杭州"')).total).toBe(0);
    expect((await search(workspace, '"北辰工作室成立"')).hits.map((h) => nameOf(h.path))).toEqual(['studio']);
  });

  it('highlights each word where it stands', async () => {
    const hit = (await search(workspace, '北辰工作室杭州')).hits[0]!;
    expect(hit.snippet).toContain('<mark>杭州</mark>');
    expect(hit.snippet).toMatch(/<mark>北辰(工作室)?<\/mark>/);
  });
});
