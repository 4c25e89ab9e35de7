/**
 * `dossier search --json` over the ingested fixtures: the result shape, Chinese two-character
 * queries in every encoding, phrases, marked snippets, paging, and the page number of a hit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, makeWorkspace, removeDir, runCli, search } from './support/cli.js';

let workspace: string;
const rel = (p: string) => `test/fixtures/${p}`;

beforeAll(async () => {
  workspace = makeWorkspace('search');
  await ingest(workspace, ['test/fixtures'], { ocr: false });
}, 400_000);

afterAll(() => removeDir(workspace));

describe('result shape', () => {
  it('is {total, hits: [{id, path, title, page, snippet}]}', async () => {
    const result = await search(workspace, 'marker-text-utf8');
    expect(typeof result.total).toBe('number');
    expect(Array.isArray(result.hits)).toBe(true);
    expect(result.total).toBeGreaterThanOrEqual(1);
    expect(result.hits.length).toBeGreaterThanOrEqual(1);
    for (const hit of result.hits) {
      expect(hit).toMatchObject({ id: expect.any(Number), path: expect.any(String), page: expect.any(Number), snippet: expect.any(String) });
      expect('title' in hit).toBe(true);
      expect(hit.title === null || typeof hit.title === 'string').toBe(true);
    }
    const utf8 = result.hits.find((h) => h.path === rel('text/utf8.txt'));
    expect(utf8).toBeDefined();
    expect(utf8!.page).toBe(1);
    expect(utf8!.snippet).toContain('<mark>marker-text-utf8</mark>');
  });

  it('finds nothing, with total 0, for a word that is nowhere', async () => {
    const result = await search(workspace, 'zyxwvutsrq');
    expect(result.total).toBe(0);
    expect(result.hits).toEqual([]);
  });

  it('prints the same hits without --json, in readable form', async () => {
    const result = await runCli(['search', 'marker-page-two', '--workspace', workspace]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(rel('pdf/two-pages.pdf'));
    expect(result.stdout).toContain('page 2');
  });
});

describe('Chinese', () => {
  const chinese = [
    'text/utf8.txt',
    'text/utf16le-bom.txt',
    'text/utf16be-bom.txt',
    'text/gbk.txt',
    'text/gb18030.txt',
    'text/big5.txt',
    'office/sample.docx',
    'office/sample.odt',
    'office/sample.rtf',
    'office/gbk.rtf',
    'pdf/two-pages.pdf',
    'html/page.html',
    'html/gbk-meta.html',
  ].map(rel);

  it('the two-character query 新疆 finds the Chinese fixtures in every encoding and format', async () => {
    const result = await search(workspace, '新疆', ['--limit', '100']);
    const paths = result.hits.map((h) => h.path);
    expect(paths).toEqual(expect.arrayContaining(chinese));
    expect(result.total).toBe(result.hits.length);
    for (const hit of result.hits.filter((h) => chinese.includes(h.path))) expect(hit.snippet, hit.path).toContain('<mark>新疆</mark>');
  });

  it('finds Chinese in archive members, e-mails and mbox messages', async () => {
    const paths = (await search(workspace, '红柳泉县', ['--limit', '100'])).hits.map((h) => h.path);
    expect(paths).toEqual(expect.arrayContaining([rel('email/no-extension-message'), rel('archive/sample.tgz!/docs/报告.txt'), rel('text/gbk.txt')]));
    expect(paths.some((p) => p.startsWith(rel('email/sample.mbox!/')))).toBe(true);
  });

  it('finds traditional characters in the Big5 file (習近平)', async () => {
    const paths = (await search(workspace, '習近平')).hits.map((h) => h.path);
    expect(paths).toContain(rel('text/big5.txt'));
  });

  it('finds the GB18030-only characters 㐀 and 𠀀', async () => {
    expect((await search(workspace, '㐀')).hits.map((h) => h.path)).toContain(rel('text/gb18030.txt'));
    expect((await search(workspace, '𠀀')).hits.map((h) => h.path)).toContain(rel('text/gb18030.txt'));
  });
});

describe('phrases', () => {
  it('a quoted phrase matches its words in order only', async () => {
    const inOrder = await search(workspace, '"visible paragraph text"');
    expect(inOrder.hits.map((h) => h.path)).toEqual([rel('html/page.html')]);
    expect(inOrder.hits[0]!.snippet).toContain('<mark>visible paragraph text</mark>');
    expect((await search(workspace, '"text paragraph visible"')).total).toBe(0);
    // The same words unquoted match in any order.
    expect((await search(workspace, 'text paragraph visible')).hits.map((h) => h.path)).toContain(rel('html/page.html'));
  });

  it('a Chinese phrase matches as a whole', async () => {
    const result = await search(workspace, '"职业技能教育培训中心"', ['--limit', '100']);
    expect(result.hits.map((h) => h.path)).toEqual(expect.arrayContaining([rel('text/utf8.txt'), rel('pdf/two-pages.pdf'), rel('office/sample.docx')]));
    expect((await search(workspace, '"培训中心职业技能"')).total).toBe(0);
  });

  it('every term of a query must match', async () => {
    const both = await search(workspace, 'marker-page-one 新疆');
    expect(both.hits.map((h) => h.path)).toContain(rel('pdf/two-pages.pdf'));
    expect((await search(workspace, 'marker-page-one zyxwvutsrq')).total).toBe(0);
  });
});

describe('snippets and pages', () => {
  it('marks the matched words in the snippet', async () => {
    const [hit] = (await search(workspace, 'marker-html-body')).hits;
    expect(hit!.path).toBe(rel('html/page.html'));
    expect(hit!.snippet).toContain('<mark>marker-html-body</mark>');
  });

  it('escapes markup of the text in the snippet', async () => {
    const [hit] = (await search(workspace, 'café')).hits;
    expect(hit!.path).toBe(rel('html/page.html'));
    expect(hit!.snippet).toContain('&amp;');
    expect(hit!.snippet).toContain('&lt;tag&gt;');
    expect(hit!.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/<tag>/);
  });

  it('gives page 2 for a hit on the second page of the PDF', async () => {
    const hit = (await search(workspace, 'marker-page-two')).hits.find((h) => h.path === rel('pdf/two-pages.pdf'));
    expect(hit).toBeDefined();
    expect(hit!.page).toBe(2);
    expect(hit!.title).toBe('Two-page fixture 两页测试');
    expect(hit!.snippet).toContain('<mark>marker-page-two</mark>');
  });

  it('gives page 1 for a hit on the first page of the PDF', async () => {
    const hit = (await search(workspace, 'marker-page-one')).hits.find((h) => h.path === rel('pdf/two-pages.pdf'));
    expect(hit!.page).toBe(1);
  });

  it('never finds the script, style or comment text of an HTML page', async () => {
    for (const secret of ['SCRIPTSECRET', 'STYLESECRET', 'COMMENTSECRET']) {
      const paths = (await search(workspace, secret)).hits.map((h) => h.path);
      expect(paths.filter((p) => p !== rel('README.md')), secret).toEqual([]);
    }
  });
});

describe('paging', () => {
  it('--limit caps the hits but not the total', async () => {
    const all = await search(workspace, '新疆', ['--limit', '100']);
    expect(all.total).toBeGreaterThan(5);
    const three = await search(workspace, '新疆', ['--limit', '3']);
    expect(three.hits).toHaveLength(3);
    expect(three.total).toBe(all.total);
    expect(three.hits.map((h) => h.id)).toEqual(all.hits.slice(0, 3).map((h) => h.id));
  });

  it('--offset continues where a page ended', async () => {
    const all = await search(workspace, '新疆', ['--limit', '100']);
    const next = await search(workspace, '新疆', ['--limit', '3', '--offset', '3']);
    expect(next.hits.map((h) => h.id)).toEqual(all.hits.slice(3, 6).map((h) => h.id));
  });
});
