/**
 * The query language of `dossier search`, through the built CLI, on a small purpose-made set of
 * Chinese and English text files, HTML pages and e-mails in two collections: boolean operators,
 * parentheses, phrases, prefixes, fields, filters, `--match any`, `--facets`, and the refusal of
 * malformed queries (exit code 2, a message that points at the problem, never a stack trace).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, makeTempDir, removeDir, runCli, type CliResult } from './support/cli.js';
import { keyOf, pooled, searchFull, searchRaw, stackLines, writeCorpus, type FullHit, type FullResult } from './support/search-json.js';

/** Collection alpha. */
const ALPHA: Record<string, string> = {
  'n1.txt': '新疆维吾尔自治区关于职业技能教育培训的通知。各地要落实封闭式管理，确保学员稳定。\n',
  'n2.txt': '新疆旅游业发展迅速，游客人数创新高。今年培训导游五百名。\n',
  'n3.txt': 'Quarterly report: vocational training centres expanded across the region. Trainees attend political classes every morning.\n',
  'n4.html': `<!doctype html>
<html><head><meta charset="utf-8"><title>Policy brief on detention</title><meta name="date" content="2015-06-01"></head>
<body><p>The closed management policy applies to every facility in the county.</p><p>Visitors are not admitted.</p></body></html>
`,
  // Subject 培训安排, encoded as a MIME word.
  'm2016.eml': `From: Li Wen <li.wen@example.org>
To: Tips Desk <tips@newsroom.example>
Subject: =?UTF-8?B?5Z+56K6t5a6J5o6S?=
Date: Tue, 10 May 2016 08:00:00 +0000
Message-ID: <m2016@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

关于新疆教育培训中心的人员安排，请查收附件并回复。
`,
  'r1.txt': 'The reservoir, the aqueduct and the pumping station were inspected by engineers.\n',
  'r2.txt': 'The aqueduct and the reservoir were inspected by engineers.\n',
  'r3.txt': 'The reservoir was inspected by engineers.\n',
};

/** Collection beta. */
const BETA: Record<string, string> = {
  'm2017.eml': `From: Zhang Wei <zhang.wei@example.com>
To: Night Editor <editor@paper.example>
Subject: Camp expansion
Date: Thu, 02 Mar 2017 09:30:00 +0000
Message-ID: <m2017@example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

The management closed the camp gates at night. Vocational training expanded in Xinjiang this year.
`,
  'n7.txt': '乌鲁木齐市教育局发布职业培训计划。\n',
  'n8.html': `<!doctype html>
<html><head><meta charset="utf-8"><title>通知：旅游季节开始</title></head>
<body><p>喀什古城旅游季节今天开始，欢迎游客。</p></body></html>
`,
  // Not a PDF at all: it fails (corrupt), so no search may find or count it.
  'broken.pdf': '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis is not a pdf at all\n',
};

/** What each document that reads is, as written above (broken.pdf fails and is in no result): the facts the filters and facets must agree with. */
const FACTS: Record<string, { type: string; lang: string; collection: string; year: string | null; sender: string | null }> = {
  n1: { type: 'text', lang: 'zh', collection: 'alpha', year: null, sender: null },
  n2: { type: 'text', lang: 'zh', collection: 'alpha', year: null, sender: null },
  n3: { type: 'text', lang: 'en', collection: 'alpha', year: null, sender: null },
  n4: { type: 'html', lang: 'en', collection: 'alpha', year: '2015', sender: null },
  m2016: { type: 'email', lang: 'zh', collection: 'alpha', year: '2016', sender: 'Li Wen <li.wen@example.org>' },
  r1: { type: 'text', lang: 'en', collection: 'alpha', year: null, sender: null },
  r2: { type: 'text', lang: 'en', collection: 'alpha', year: null, sender: null },
  r3: { type: 'text', lang: 'en', collection: 'alpha', year: null, sender: null },
  m2017: { type: 'email', lang: 'en', collection: 'beta', year: '2017', sender: 'Zhang Wei <zhang.wei@example.com>' },
  n7: { type: 'text', lang: 'zh', collection: 'beta', year: null, sender: null },
  n8: { type: 'html', lang: 'zh', collection: 'beta', year: null, sender: null },
};
const ALL = Object.keys(FACTS).sort();
const where = (test: (f: (typeof FACTS)[string]) => boolean) => ALL.filter((k) => test(FACTS[k]!));

let corpus: string;
let workspace: string;
/** One lane per core: every CLI run of this file goes through it. */
const run = pooled(2);

/** A search whose exit code is not judged (for malformed queries). */
function raw(q: string): Promise<CliResult> {
  return run<CliResult>(`raw\u0000${q}`, () => searchRaw(workspace, q));
}

function result(q: string, extra: string[] = []): Promise<FullResult> {
  return run<FullResult>(`${q}\u0000${extra.join('\u0000')}`, () => searchFull(workspace, q, extra));
}

/** The documents (file names without extension) a query finds, sorted. */
async function found(q: string, extra: string[] = []): Promise<string[]> {
  const r = await result(q, extra);
  expect(r.total, `total of ${q}`).toBe(r.hits.length);
  return r.hits.map(keyOf).sort();
}

/** Searches that expect documents, started early (two at a time); each test awaits its own. */
const EXPECTED: Array<[string, string[]]> = [
  // AND, implicit and explicit
  ['新疆 培训', ['m2016', 'n1', 'n2']],
  ['新疆 AND 培训', ['m2016', 'n1', 'n2']],
  ['closed management', ['m2017', 'n4']],
  ['新疆 喀什', []],
  // OR
  ['新疆 OR 乌鲁木齐', ['m2016', 'n1', 'n2', 'n7']],
  // NOT and -word
  ['新疆 NOT 旅游', ['m2016', 'n1']],
  ['新疆 -旅游', ['m2016', 'n1']],
  ['reservoir -aqueduct', ['r3']],
  ['reservoir NOT (pumping OR engineers)', []],
  // parentheses and precedence (AND binds tighter than OR)
  ['培训 AND (旅游 OR 乌鲁木齐)', ['n2', 'n7']],
  ['(新疆 OR 喀什) 旅游', ['n2', 'n8']],
  ['新疆 OR 喀什 旅游', ['m2016', 'n1', 'n2', 'n8']],
  ['(reservoir OR camp) (pumping OR gates)', ['m2017', 'r1']],
  // phrases: the words in this order, next to each other
  ['"closed management"', ['n4']],
  ['"management closed"', ['m2017']],
  ['"培训中心"', ['m2016']],
  ['"中心培训"', []],
  // prefix
  ['expan*', ['m2017', 'n3']],
  ['expan', []],
  ['reserv*', ['r1', 'r2', 'r3']],
  // fields
  ['title:通知', ['n8']],
  ['通知', ['n1', 'n8']],
  ['title:培训', ['m2016']],
  ['from:li.wen', ['m2016']],
  ['from:"Li Wen"', ['m2016']],
  ['from:zhang', ['m2017']],
  ['from:tips', []],
  ['to:tips', ['m2016']],
  ['to:editor', ['m2017']],
  // filters
  ['type:email', where((f) => f.type === 'email')],
  ['type:text', where((f) => f.type === 'text')],
  ['type:html', where((f) => f.type === 'html')],
  ['type:pdf', []],
  ['培训 type:email', ['m2016']],
  ['新疆 -type:email', ['n1', 'n2']],
  ['lang:zh', where((f) => f.lang === 'zh')],
  ['lang:en', where((f) => f.lang === 'en')],
  ['training lang:en', ['m2017', 'n3']],
  ['collection:alpha', where((f) => f.collection === 'alpha')],
  ['collection:beta', where((f) => f.collection === 'beta')],
  ['培训 collection:beta', ['n7']],
  ['培训 NOT collection:beta', ['m2016', 'n1', 'n2']],
  ['date:2017', ['m2017']],
  ['date:2016-01..2016-12', ['m2016']],
  ['date:..2016-12', ['m2016', 'n4']],
  ['type:email date:2017 collection:beta lang:en', ['m2017']],
];

/** [query, what the message must say, where the caret must point (0-based), or null for no caret] */
const MALFORMED: Array<[string, RegExp, number | null]> = [
  ['新疆 "培训', /quote/i, 3],
  ['(新疆 OR 培训', /parenthes/i, 0],
  ['新疆 培训)', /parenthes/i, 5],
  ['新疆 AND', /AND/, 3],
  ['OR 新疆', /OR/, 0],
  ['NOT 新疆', /NOT/, null],
  ['新疆 OR NOT 培训', /NOT/, null],
  ['type:foo', /type.*foo|foo.*type/i, null],
  ['date:2017-13', /2017-13/, null],
  ['(type:pdf OR 新疆)', /type:.*OR|OR.*type:/, null],
  ['', /empty/i, null],
];
/** Filters without a value. */
const NO_VALUE = ['新疆 type:', 'date:'];

/** Searches made with --match any. */
const ANY = ['新疆 喀什', 'reservoir aqueduct pumping', 'pumping zyxwvut', '新疆 培训 旅游 游客'];

/** Searches whose facets are checked against their hits. */
const FACETED = ['培训', 'training OR 培训', 'type:email', 'collection:beta', 'type:pdf'];

beforeAll(async () => {
  corpus = makeTempDir('dossier-query-corpus-');
  writeCorpus(corpus, Object.fromEntries([...Object.entries(ALPHA).map(([n, c]) => [`alpha/${n}`, c]), ...Object.entries(BETA).map(([n, c]) => [`beta/${n}`, c])]));
  workspace = makeTempDir('dossier-query-ws-');
  const a = await ingest(workspace, [`${corpus}/alpha`], { collection: 'alpha' });
  const b = await ingest(workspace, [`${corpus}/beta`], { collection: 'beta' });
  expect([a.ok, a.failed, b.ok, b.failed]).toEqual([Object.keys(ALPHA).length, 0, Object.keys(BETA).length - 1, 1]);
  for (const [q] of EXPECTED) void result(q).catch(() => undefined);
  for (const q of FACETED) void result(q, ['--facets']).catch(() => undefined);
  for (const q of ANY) void result(q, ['--match', 'any']).catch(() => undefined);
  for (const q of [...MALFORMED.map(([q]) => q), ...NO_VALUE]) void raw(q).catch(() => undefined);
}, 400_000);

afterAll(() => {
  removeDir(corpus);
  removeDir(workspace);
});

describe('words, operators, phrases, prefixes, fields and filters', () => {
  it.each(EXPECTED)('%s finds exactly %j', async (q, want) => {
    expect(await found(q)).toEqual([...want].sort());
  });

  it('a query may start with -word, as the help says "-word is NOT word"', async () => {
    const r = await runCli(['search', '-旅游 新疆', '--json', '--workspace', workspace]);
    expect(r.code, r.stderr.split('\n')[0]).toBe(0);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as FullResult).hits.map(keyOf).sort()).toEqual(['m2016', 'n1']);
  });

  it('the hits of a filter carry the filtered record fields', async () => {
    for (const hit of (await result('date:..2016-12')).hits) expect(hit.date! < '2017-01-01', hit.path).toBe(true);
    for (const hit of (await result('collection:beta')).hits) expect(hit.collection).toBe('beta');
    for (const hit of (await result('type:html')).hits) expect(hit.mime).toBe('text/html');
    for (const hit of (await result('type:email')).hits) expect(hit.mime).toBe('message/rfc822');
  });
});

describe('--match any', () => {
  it('finds the documents that match any of the terms', async () => {
    expect(await found('新疆 喀什', ['--match', 'any'])).toEqual(['m2016', 'n1', 'n2', 'n8']);
    expect(await found('reservoir aqueduct pumping', ['--match', 'any'])).toEqual(['r1', 'r2', 'r3']);
    // Every term still has to be somewhere: a word that is nowhere adds nothing.
    expect(await found('pumping zyxwvut', ['--match', 'any'])).toEqual(['r1']);
    expect(await found('pumping zyxwvut')).toEqual([]);
  });

  it('ranks a document with more of the terms above one with fewer', async () => {
    const ranked = (await result('reservoir aqueduct pumping', ['--match', 'any'])).hits.map(keyOf);
    expect(ranked).toEqual(['r1', 'r2', 'r3']);
  });

  it('ranks a document with all four Chinese terms above one with two of them', async () => {
    // n2 has 新疆, 培训, 旅游 and 游客; n8 only 旅游 and 游客; n1, m2016 新疆 and 培训; n7 培训.
    const hits = (await result('新疆 培训 旅游 游客', ['--match', 'any'])).hits;
    const ranked = hits.map(keyOf);
    expect([...ranked].sort()).toEqual(['m2016', 'n1', 'n2', 'n7', 'n8']);
    const coverage: Record<string, number> = { n2: 4, n8: 2, n1: 2, m2016: 2, n7: 1 };
    for (let i = 0; i < ranked.length; i++) {
      for (let j = i + 1; j < ranked.length; j++) {
        expect(coverage[ranked[i]!]!, `${ranked[i]} (${coverage[ranked[i]!]} terms) ranks above ${ranked[j]} (${coverage[ranked[j]!]} terms): ${ranked.join(' > ')}`).toBeGreaterThanOrEqual(coverage[ranked[j]!]!);
      }
    }
  });
});

describe('--facets', () => {
  /** The facet counts the hits themselves imply. */
  function expectedFacets(hits: FullHit[]): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = { type: {}, lang: {}, collection: {}, year: {}, sender: {} };
    const bump = (facet: string, key: string | null) => {
      if (key !== null) out[facet]![key] = (out[facet]![key] ?? 0) + 1;
    };
    for (const hit of hits) {
      const facts = FACTS[keyOf(hit)]!;
      expect(hit.collection).toBe(facts.collection);
      expect(hit.date?.slice(0, 4) ?? null).toBe(facts.year);
      bump('type', facts.type);
      bump('lang', facts.lang);
      bump('collection', hit.collection);
      bump('year', hit.date?.slice(0, 4) ?? null);
      bump('sender', facts.sender);
    }
    return out;
  }

  it.each(FACETED.map((q) => [q]))('%s: type, lang, collection, year and sender counts agree with the hits', async (q) => {
    const r = await result(q, ['--facets']);
    expect(r.hits.length).toBe(r.total);
    expect(r.facets).toBeDefined();
    expect(r.facets).toEqual(expectedFacets(r.hits));
    const typed = Object.values(r.facets!.type).reduce((a, b) => a + b, 0);
    expect(typed).toBe(r.total);
  });

  it('without --facets there are none', async () => {
    expect((await result('培训')).facets).toBeUndefined();
  });
});

describe('malformed queries exit 2 with a message that points at the problem', () => {
  it.each(MALFORMED)('%j', async (q, says, caret) => {
    const r = await raw(q);
    expect(r.code).toBe(2);
    expect(r.stdout.trim()).toBe('');
    expect(r.stderr).toMatch(/^dossier: /);
    expect(r.stderr).toMatch(says);
    expect(stackLines(r.stderr)).toEqual([]);
    if (caret !== null) {
      expect(r.stderr).toContain(`(at character ${caret + 1})`);
      const lines = r.stderr.split('\n');
      const at = lines.indexOf(q);
      expect(at, 'the query is echoed on its own line').toBeGreaterThan(0);
      expect(lines[at + 1]).toBe(`${' '.repeat(caret)}^`);
    }
  });

  it.each(NO_VALUE.map((q) => [q]))('%j: a filter without a value is refused, not searched as a word', async (q) => {
    const r = await raw(q);
    expect(r.code, r.stdout.slice(0, 300)).toBe(2);
    expect(r.stderr).toMatch(new RegExp(q.trim().split(' ').pop()!.replace(':', ':?')));
    expect(stackLines(r.stderr)).toEqual([]);
  });
});
