/**
 * The workspace dictionary through the built CLI: `dossier dict add` teaches the chain a name, so
 * cross-script search finds it in both directions (Latin alias ⇄ Han form) and by its pinyin, in
 * documents ingested before (reindexed by the add) and after; `dict ls --json` lists it; invalid
 * entries are refused with a message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, makeTempDir, parseJsonLines, removeDir, runCli, type CliResult } from './support/cli.js';
import { keyOf, searchFull, stackLines, writeCorpus, type FullResult } from './support/search-json.js';

const BEFORE_ADD = {
  'hl.txt': '红柳泉县公安局召开会议，部署年度工作。\n',
  'en.txt': 'Police in Hongliuquan County held a meeting on Monday.\n',
  'other.txt': 'The weather was mild and the market was busy.\n',
};
const AFTER_ADD = { 'later.txt': '红柳泉县教育局发布通知。\n' };

interface DictRow {
  id: number;
  han: string;
  aliases: string[];
  type: string;
  collection: string | null;
  created: string;
}

let dir: string;
let workspace: string;
let tradWorkspace: string;
const cross = ['--mode', 'cross-script'];
const before: Record<string, FullResult> = {};
const after: Record<string, FullResult> = {};
const afterLater: Record<string, FullResult> = {};
let added: CliResult;
let tradAdded: CliResult;
const tradAfter: Record<string, FullResult> = {};

const dict = (args: string[], ws = workspace) => runCli(['dict', ...args, '--workspace', ws]);
const keys = (r: FullResult | undefined) => (r ? r.hits.map(keyOf).sort() : ['(search failed)']);

/** Run searches two at a time, keeping what each returned (a failure is left out and shows as a failed expectation). */
async function record(into: Record<string, FullResult>, ws: string, queries: Array<[string, string[]]>): Promise<void> {
  const one = async ([q, extra]: [string, string[]]) => {
    try {
      into[`${q} ${extra.join(' ')}`.trim()] = await searchFull(ws, q, extra);
    } catch {
      // the test that reads it fails
    }
  };
  for (let i = 0; i < queries.length; i += 2) await Promise.all(queries.slice(i, i + 2).map(one));
}

/** Invalid `dict add` arguments: [what, arguments, what the message must say]. */
const INVALID: Array<[string, string[], RegExp]> = [
  ['Latin text', ['Hongliuquan', '--alias', 'Hongliuquan'], /Han/],
  ['one character', ['红', '--alias', 'Hong'], /two or more/],
  ['spaces between the characters', ['红 柳', '--alias', 'Hong Liu'], /Han/],
  ['an unknown type', ['红柳', '--type', 'town'], /type/],
  ['an unknown collection', ['红柳', '--collection', 'no-such-collection'], /no-such-collection/],
];
const invalid = new Map<string, CliResult>();

beforeAll(async () => {
  dir = makeTempDir('dossier-dict-docs-');
  writeCorpus(dir, Object.fromEntries([...Object.entries(BEFORE_ADD).map(([n, c]) => [`before/${n}`, c]), ...Object.entries(AFTER_ADD).map(([n, c]) => [`after/${n}`, c])]));
  workspace = makeTempDir('dossier-dict-ws-');
  tradWorkspace = makeTempDir('dossier-dict-trad-ws-');
  await Promise.all([ingest(workspace, [`${dir}/before`]), ingest(tradWorkspace, [`${dir}/before`])]);

  const queries: Array<[string, string[]]> = [
    ['Hongliuquan County', cross],
    ['红柳泉县', cross],
    ['hongliuquanxian', cross],
  ];
  await record(before, workspace, queries);
  // The same name added in traditional characters, in a workspace of its own, alongside.
  const traditional = (async () => {
    tradAdded = await dict(['add', '紅柳泉縣', '--alias', 'Hongliuquan County', '--type', 'place'], tradWorkspace);
    await record(tradAfter, tradWorkspace, [['Hongliuquan County', cross], ['hongliuquanxian', cross]]);
  })();
  added = await dict(['add', '红柳泉县', '--alias', 'Hongliuquan County', '--type', 'place']);
  await traditional;
  await record(after, workspace, [...queries, ['Hongliuquan County', ['--mode', 'normalised']]]);
  await ingest(workspace, [`${dir}/after`]);
  await record(afterLater, workspace, [['Hongliuquan County', cross], ['hongliuquanxian', cross]]);
  for (let i = 0; i < INVALID.length; i += 2) {
    await Promise.all(INVALID.slice(i, i + 2).map(async ([what, args]) => invalid.set(what, await dict(['add', ...args]))));
  }
}, 400_000);

afterAll(() => {
  for (const d of [dir, workspace, tradWorkspace]) removeDir(d);
});

describe('dict add', () => {
  it('adds the name and reindexes, and says so', () => {
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('红柳泉县');
    expect(added.stdout).toMatch(/Reindexed \d+ documents/);
  });

  it('before the add, "Hongliuquan County" does not find the Chinese document; after it, it does', () => {
    expect(keys(before['Hongliuquan County --mode cross-script'])).toEqual(['en']);
    expect(keys(after['Hongliuquan County --mode cross-script'])).toEqual(['en', 'hl']);
  });

  it('the Chinese document says it matched by the alias, and marks 红柳泉县', () => {
    const hit = after['Hongliuquan County --mode cross-script']?.hits.find((h) => keyOf(h) === 'hl');
    expect(hit).toBeDefined();
    expect(hit!.matched).toContainEqual({ term: 'Hongliuquan County', via: 'alias', as: '红柳泉县' });
    expect([hit!.start, hit!.end]).toEqual([0, 4]);
    expect(hit!.snippet).toContain('<mark>红柳泉县</mark>');
  });

  it('the Han name now finds the English document too', () => {
    expect(keys(before['红柳泉县 --mode cross-script'])).toEqual(['hl']);
    expect(keys(after['红柳泉县 --mode cross-script'])).toEqual(['en', 'hl']);
    const hit = after['红柳泉县 --mode cross-script']?.hits.find((h) => keyOf(h) === 'en');
    expect(hit?.matched).toContainEqual({ term: '红柳泉县', via: 'alias', as: 'Hongliuquan County' });
  });

  it('the reindex makes the name one word, with its pinyin', () => {
    expect(keys(before['hongliuquanxian --mode cross-script'])).toEqual([]);
    expect(keys(after['hongliuquanxian --mode cross-script'])).toEqual(['hl']);
  });

  it('aliases are for cross-script mode only', () => {
    expect(keys(after['Hongliuquan County --mode normalised'])).toEqual(['en']);
  });

  it('documents ingested after the add are found by the alias and the pinyin too', () => {
    expect(keys(afterLater['Hongliuquan County --mode cross-script'])).toEqual(['en', 'hl', 'later']);
    expect(keys(afterLater['hongliuquanxian --mode cross-script'])).toEqual(['hl', 'later']);
  });

  it('a name added in traditional characters is found by its alias and, after the add\'s own reindex, by its pinyin', () => {
    expect(tradAdded.code).toBe(0);
    expect(keys(tradAfter['Hongliuquan County --mode cross-script'])).toEqual(['en', 'hl']);
    expect(keys(tradAfter['hongliuquanxian --mode cross-script'])).toEqual(['hl']);
  });
});

describe('dict ls', () => {
  it('--json lists the entry with its aliases and type, and nothing the refused attempts below tried to add', async () => {
    const r = await dict(['ls', '--json']);
    expect(r.code).toBe(0);
    const rows = parseJsonLines<DictRow>(r.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ han: '红柳泉县', aliases: ['Hongliuquan County'], type: 'place', collection: null });
    expect(typeof rows[0]!.id).toBe('number');
    expect(Number.isNaN(Date.parse(rows[0]!.created))).toBe(false);
  });

  it('without --json prints the entry readably', async () => {
    const r = await dict(['ls']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('红柳泉县');
    expect(r.stdout).toContain('Hongliuquan County');
    expect(r.stdout).toContain('place');
  });
});

describe('invalid entries are refused with a message', () => {
  it.each(INVALID)('%s', (what, _args, says) => {
    const r = invalid.get(what)!;
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    expect(r.stderr).toMatch(says);
    expect(stackLines(r.stderr)).toEqual([]);
  });

});
