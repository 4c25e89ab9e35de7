/**
 * The three search modes on the cross-script test set (bench/eval/cross-script.json), through the
 * built CLI: every query's expected documents exactly, per mode; the cross-script contract (a
 * name in four spellings finds the same documents, the 西金平 village never matches Xi Jinping,
 * exact mode keeps scripts apart); why each hit matched; highlight offsets into the page text;
 * and the refusal of an unknown mode.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, ls, makeTempDir, removeDir, ROOT, runCli, show, type ShowView } from './support/cli.js';
import { keyOf, pooled, searchFull, stackLines, writeCorpus, type FullHit, type FullResult, type Mode } from './support/search-json.js';

interface TestSet {
  documents: Record<string, string>;
  queries: Array<{ q: string; mode: Mode; expect: string[] }>;
}

const SET = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench', 'eval', 'cross-script.json'), 'utf8')) as TestSet;
const NAMES = Object.keys(SET.documents);
const MODES: Mode[] = ['exact', 'normalised', 'cross-script'];
const XI_FORMS = ['Xi Jinping', 'Xí Jìnpíng', '习近平', '習近平'];
const XI_DOCS = ['xi-simplified', 'xi-traditional', 'xi-english', 'xi-pinyin-tones'];
/**
 * The queries that file names could answer (Latin words, and cross-script queries, which reach
 * Latin text): these also run where files are named d00.txt, d01.txt, …, so that a match must
 * come from the text. Han queries in exact and normalised mode cannot match a Latin file name.
 */
const NEUTRAL_QUERIES = SET.queries.filter((query) => /[A-Za-z]/.test(query.q) || query.mode === 'cross-script');
/** Further searches the tests below make, started early with the rest. */
const MORE: Array<[string, Mode]> = [
  ['XI JINPING', 'cross-script'], ['"Xi Jinping"', 'cross-script'], ['Xi-Jinping', 'cross-script'],
  ['Xi Jinping', 'exact'], ['Xí Jìnpíng', 'normalised'], ['xijinping', 'exact'], ['xijinping', 'normalised'],
  ['陈全国', 'exact'], ['陳全國', 'exact'], ['Chen Quanguo', 'exact'], ['XI JINPING', 'normalised'], ['新疆', 'cross-script'],
];
const MORE_NEUTRAL: Array<[string, Mode]> = [
  ['xi jin ping', 'cross-script'], ['"Xi Jinping"', 'cross-script'], ['xijinping', 'normalised'], ['Urumqi', 'normalised'], ['Ürümqi', 'normalised'],
];
/**
 * The documents whose pages `show --json` gives the highlight tests; for the other (plain-text)
 * documents the page is the file's text, which the first highlight test checks on these.
 */
const SHOWN = new Set(XI_DOCS);
/** Documents written in Han script (all the others are in Latin script). */
const HAN_DOCS = new Set(NAMES.filter((name) => /\p{Script=Han}/u.test(SET.documents[name]!.replace(/[0-9]/g, '')) && !/[A-Za-z]/.test(SET.documents[name]!)));

let docsDir: string;
let neutralDir: string;
let workspace: string;
let neutralWorkspace: string;
/** One lane per core: every CLI run of this file goes through it. */
const run = pooled(2);

/** The documents (by test-set name) a query finds in the workspace with NAME.txt files. */
async function found(q: string, mode: Mode): Promise<string[]> {
  return (await result(q, mode)).hits.map(keyOf).sort();
}

function result(q: string, mode: Mode): Promise<FullResult> {
  return run<FullResult>(`${mode}\u0000${q}`, () => searchFull(workspace, q, ['--mode', mode]));
}

/** The same, in the workspace whose files are named d00.txt, d01.txt, … (names say nothing). */
async function foundNeutral(q: string, mode: Mode): Promise<string[]> {
  const r = await run<FullResult>(`neutral\u0000${mode}\u0000${q}`, () => searchFull(neutralWorkspace, q, ['--mode', mode]));
  return r.hits.map((h) => NAMES[Number(keyOf(h).slice(1))] ?? `?${h.path}`).sort();
}

/** The text of a hit's page: from `show --json` for the documents in SHOWN, else the file's text. */
async function page(hit: FullHit): Promise<string> {
  if (!SHOWN.has(keyOf(hit))) return SET.documents[keyOf(hit)]!;
  const view = await run<ShowView>(`show ${hit.id}`, () => show(workspace, hit.id));
  return view.pages.find((p) => p.page === hit.page)?.text ?? '';
}

beforeAll(async () => {
  docsDir = makeTempDir('dossier-cross-docs-');
  neutralDir = makeTempDir('dossier-cross-neutral-');
  writeCorpus(docsDir, Object.fromEntries(NAMES.map((name) => [`${name}.txt`, SET.documents[name]!])));
  writeCorpus(neutralDir, Object.fromEntries(NAMES.map((name, i) => [`d${String(i).padStart(2, '0')}.txt`, SET.documents[name]!])));
  workspace = makeTempDir('dossier-cross-ws-');
  neutralWorkspace = makeTempDir('dossier-cross-neutral-ws-');
  const [named, neutral] = await Promise.all([ingest(workspace, [docsDir]), ingest(neutralWorkspace, [neutralDir])]);
  expect(named.ok).toBe(NAMES.length);
  expect(neutral.ok).toBe(NAMES.length);
  // Start every search now, two at a time; each test awaits its own (and fails alone).
  for (const { q, mode } of SET.queries) void result(q, mode).catch(() => undefined);
  for (const { q, mode } of NEUTRAL_QUERIES) void foundNeutral(q, mode).catch(() => undefined);
  for (const [q, mode] of MORE) void result(q, mode).catch(() => undefined);
  for (const [q, mode] of MORE_NEUTRAL) void foundNeutral(q, mode).catch(() => undefined);
  // The pages that highlights are checked against, by id.
  const rows = await ls(workspace);
  for (const row of rows.filter((r) => SHOWN.has(keyOf(r)))) void run(`show ${row.id}`, () => show(workspace, row.id)).catch(() => undefined);
}, 400_000);

afterAll(() => {
  for (const dir of [docsDir, neutralDir, workspace, neutralWorkspace]) removeDir(dir);
});

describe('the cross-script test set, every query exactly', () => {
  it.each(SET.queries.map((query) => [query.mode, query.q, query.expect] as const))('%s: %s finds exactly %j', async (mode, q, want) => {
    const r = await result(q, mode);
    expect(r.mode).toBe(mode);
    expect(r.hits.map(keyOf).sort()).toEqual([...want].sort());
    expect(r.total).toBe(want.length);
  });
});

describe('the same test set with file names that say nothing (matches come from the text)', () => {
  it.each(NEUTRAL_QUERIES.map((query) => [query.mode, query.q, query.expect] as const))('%s: %s finds exactly %j', async (mode, q, want) => {
    expect(await foundNeutral(q, mode)).toEqual([...want].sort());
  });
});

describe('the cross-script contract', () => {
  it('Xi Jinping, Xí Jìnpíng, 习近平 and 習近平 all find the same four documents in cross-script mode', async () => {
    for (const form of XI_FORMS) expect(await found(form, 'cross-script'), form).toEqual([...XI_DOCS].sort());
    for (const form of XI_FORMS) expect(await foundNeutral(form, 'cross-script'), form).toEqual([...XI_DOCS].sort());
  });

  it('the name matches however it is typed: upper case, quoted, hyphenated', async () => {
    for (const form of ['XI JINPING', '"Xi Jinping"', 'Xi-Jinping']) expect(await found(form, 'cross-script'), form).toEqual([...XI_DOCS].sort());
  });

  it('the 西金平 village decoy never matches Xi Jinping, in any spelling or mode', async () => {
    for (const mode of MODES) {
      for (const form of [...XI_FORMS, 'xijinping']) expect(await found(form, mode), `${mode} ${form}`).not.toContain('decoy-village');
    }
    for (const form of [...XI_FORMS, 'xijinping', 'xi jin ping', '"Xi Jinping"']) {
      expect(await foundNeutral(form, 'cross-script'), `${form} (neutral names)`).not.toContain('decoy-village');
    }
  });

  it('a Latin name never matches a Han document outside cross-script mode', async () => {
    const runs: Array<[string, Mode, typeof found]> = [
      ['Xi Jinping', 'normalised', foundNeutral], ['xijinping', 'normalised', foundNeutral], ['Urumqi', 'normalised', foundNeutral],
      ['Xi Jinping', 'exact', found], ['xijinping', 'exact', found], ['Chen Quanguo', 'exact', found],
    ];
    for (const [q, mode, search] of runs) {
      const han = (await search(q, mode)).filter((name) => HAN_DOCS.has(name));
      expect(han, `${mode} ${q}`).toEqual([]);
    }
    // The Latin documents are found all the same.
    expect(await foundNeutral('Urumqi', 'normalised')).toEqual(['urumqi-latin']);
  });

  it('exact mode keeps scripts and spellings apart', async () => {
    expect(await found('习近平', 'exact')).toEqual(['xi-simplified']);
    expect(await found('習近平', 'exact')).toEqual(['xi-traditional']);
    expect(await found('Xi Jinping', 'exact')).toEqual(['xi-english']);
    expect(await found('Xí Jìnpíng', 'exact')).toEqual(['xi-pinyin-tones']);
    expect(await found('陈全国', 'exact')).toEqual(['chen-simplified']);
    expect(await found('陳全國', 'exact')).toEqual(['chen-traditional']);
    expect(await found('Chen Quanguo', 'exact')).toEqual(['chen-english']);
  });

  it('normalised mode folds case, accents and traditional characters, and nothing more', async () => {
    expect(await found('XI JINPING', 'normalised')).toEqual(['xi-english', 'xi-pinyin-tones']);
    expect(await found('Xí Jìnpíng', 'normalised')).toEqual(['xi-english', 'xi-pinyin-tones']);
    expect(await foundNeutral('Ürümqi', 'normalised')).toEqual(['urumqi-latin']);
  });

  it('the default mode is normalised', async () => {
    const r = await searchFull(workspace, '習近平');
    expect(r.mode).toBe('normalised');
    expect(r.hits.map(keyOf).sort()).toEqual(await found('習近平', 'normalised'));
  });
});

describe('why a hit matched', () => {
  it('every hit of every query carries at least one reason', async () => {
    for (const { q, mode } of SET.queries) {
      for (const hit of (await result(q, mode)).hits) expect(hit.matched.length, `${mode} ${q}: ${hit.path}`).toBeGreaterThan(0);
    }
  });

  it('a Han document found by a Latin name says it matched by pinyin or alias', async () => {
    for (const q of ['Xi Jinping', 'Xí Jìnpíng', 'xijinping', 'Chen Quanguo', 'Ilham Tohti', 'Xinjiang', 'Urumqi', 'Hong Kong']) {
      const hits = (await result(q, 'cross-script')).hits.filter((h) => HAN_DOCS.has(keyOf(h)));
      expect(hits.length, q).toBeGreaterThan(0);
      for (const hit of hits) {
        const why = hit.matched.filter((m) => m.via === 'pinyin' || m.via === 'alias' || m.via === 'syllables');
        expect(why.length, `${q}: ${keyOf(hit)} ${JSON.stringify(hit.matched)}`).toBeGreaterThan(0);
        expect(why.every((m) => m.term.length > 0 && m.as.length > 0)).toBe(true);
      }
    }
  });

  it('Xi Jinping finds the Han documents through the name 习近平, and says so', async () => {
    for (const hit of (await result('Xi Jinping', 'cross-script')).hits.filter((h) => HAN_DOCS.has(keyOf(h)))) {
      expect(hit.matched, keyOf(hit)).toEqual(expect.arrayContaining([expect.objectContaining({ term: 'Xi Jinping', via: expect.stringMatching(/^(pinyin|alias)$/) })]));
      const alias = hit.matched.find((m) => m.via === 'alias');
      if (alias) expect(alias.as).toBe('习近平');
    }
  });

  it('a Latin document found by a Han name says it matched by alias, with the Latin form', async () => {
    for (const [q, latin] of [['习近平', 'xi-english'], ['習近平', 'xi-pinyin-tones'], ['陈全国', 'chen-english'], ['新疆', 'xinjiang-english']] as const) {
      const hit = (await result(q, 'cross-script')).hits.find((h) => keyOf(h) === latin);
      expect(hit, `${q} → ${latin}`).toBeDefined();
      const alias = hit!.matched.filter((m) => m.via === 'alias');
      expect(alias.length, `${q} → ${latin}: ${JSON.stringify(hit!.matched)}`).toBeGreaterThan(0);
      expect(alias.every((m) => /^[\p{Script=Latin}\s]+$/u.test(m.as))).toBe(true);
    }
  });

  it('a document found in its own script says exact or normalised, never pinyin or alias', async () => {
    for (const hit of (await result('习近平', 'exact')).hits) expect(hit.matched.map((m) => m.via)).toEqual(['exact']);
    for (const hit of (await result('習近平', 'cross-script')).hits.filter((h) => HAN_DOCS.has(keyOf(h)))) {
      expect(hit.matched.map((m) => m.via), keyOf(hit)).toContain('normalised');
    }
  });

  it('the reason for a Chinese word names the word (as: 习近平), not its bigrams run together', async () => {
    for (const hit of (await result('习近平', 'normalised')).hits) {
      expect(hit.matched, keyOf(hit)).toContainEqual({ term: '习近平', via: 'normalised', as: '习近平' });
    }
  });
});

describe('highlights point at the matched text of the page', () => {
  it('the page of a plain-text document (show --json) is the text of the file', async () => {
    const hits = (await result('Xi Jinping', 'cross-script')).hits;
    expect(hits.map(keyOf).sort()).toEqual([...XI_DOCS].sort());
    for (const hit of hits) expect((await page(hit)).trimEnd(), keyOf(hit)).toBe(SET.documents[keyOf(hit)]);
  });

  const cases: Array<[string, Mode, string[]]> = [
    ['Xi Jinping', 'cross-script', ['习近平', '習近平', 'Xi Jinping', 'Xí Jìnpíng']],
    ['Xí Jìnpíng', 'cross-script', ['习近平', '習近平', 'Xi Jinping', 'Xí Jìnpíng']],
    ['习近平', 'cross-script', ['习近平', '習近平', 'Xi Jinping', 'Xí Jìnpíng']],
    ['習近平', 'cross-script', ['习近平', '習近平', 'Xi Jinping', 'Xí Jìnpíng']],
    ['xijinping', 'cross-script', ['习近平', '習近平']],
    ['Chen Quanguo', 'cross-script', ['陈全国', '陳全國', 'Chen Quanguo']],
    ['Ilham Tohti', 'cross-script', ['伊力哈木·土赫提', 'Ilham Tohti']],
    ['Urumqi', 'cross-script', ['乌鲁木齐', 'Ürümqi']],
    ['Hong Kong', 'cross-script', ['香港', 'Hong Kong']],
    ['習近平', 'normalised', ['习近平', '習近平']],
    ['習近平', 'exact', ['習近平']],
    ['Xí Jìnpíng', 'exact', ['Xí', 'Jìnpíng']],
  ];

  it.each(cases)('%s (%s): every highlight slices to one of %j', async (q, mode, allowed) => {
    const { hits } = await result(q, mode);
    expect(hits.length).toBeGreaterThan(0);
    await Promise.all(hits.map(page));
    for (const hit of hits) {
      const text = await page(hit);
      expect(hit.highlights.length, `${keyOf(hit)} has no highlight`).toBeGreaterThan(0);
      expect([hit.start, hit.end]).toEqual(hit.highlights[0]);
      for (const [s, e] of hit.highlights) {
        expect(s).toBeGreaterThanOrEqual(0);
        expect(e).toBeLessThanOrEqual(text.length);
        expect(allowed, `${keyOf(hit)} [${s}, ${e}) in ${JSON.stringify(text)}`).toContain(text.slice(s, e));
      }
      expect(hit.snippet).toContain(`<mark>${text.slice(hit.start!, hit.end!)}</mark>`);
    }
  });

  it('the Han documents found by Xi Jinping highlight 习近平 or 習近平 at its place in the page', async () => {
    const hits = (await result('Xi Jinping', 'cross-script')).hits.filter((h) => HAN_DOCS.has(keyOf(h)));
    expect(hits.map(keyOf).sort()).toEqual(['xi-simplified', 'xi-traditional']);
    for (const hit of hits) {
      const text = await page(hit);
      const expected = keyOf(hit) === 'xi-simplified' ? '习近平' : '習近平';
      expect(hit.start).toBe(text.indexOf(expected));
      expect(text.slice(hit.start!, hit.end!)).toBe(expected);
    }
  });
});

describe('--mode', () => {
  it('refuses an unknown mode with a non-zero exit and a message, not a stack trace', async () => {
    for (const bad of ['fuzzy', 'EXACT']) {
      const r = await runCli(['search', '习近平', '--mode', bad, '--json', '--workspace', workspace]);
      expect(r.signal).toBeNull();
      expect(r.code, bad).not.toBe(0);
      expect(r.code, bad).not.toBeNull();
      expect(r.stderr).toMatch(/mode/);
      expect(r.stderr).toContain(bad);
      expect(stackLines(r.stderr)).toEqual([]);
      expect(r.stdout.trim()).toBe('');
    }
  });
});
