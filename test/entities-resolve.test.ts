/**
 * Entities through the built CLI on a small mixed corpus written here: one entity for every form
 * of a name (习近平, 習近平, Xi Jinping, Xí Jìnpíng; 陈全国 and Chen Quanguo), never for a
 * homophone decoy (西金平); the entity's page lists Chinese and English documents; editors' splits
 * and merges hold after a reindex; `dossier analyse` prints code-point offsets; a watch-list run
 * writes its CSV and a re-run marks new documents.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, makeTempDir, parseJsonLines, removeDir, runCli, runCliOk } from './support/cli.js';
import { writeCorpus } from './support/search-json.js';

interface EntityRow {
  id: number;
  type: string;
  name: string;
  aliases: string[];
  confidence: number;
  documents: number;
  mentions: number;
}

interface EntityPage extends EntityRow {
  documentList: Array<{ id: number; path: string; lang: string | null; mentions: number }>;
  mentionList: Array<{ documentId: number; page: number; start: number; end: number; text: string; before: string; after: string }>;
  cooccurring: Array<{ id: number; name: string; documents: number }>;
}

const CORPUS = {
  'zh/speech.txt': '中共中央总书记习近平在北京主持召开会议。新疆维吾尔自治区党委书记陈全国出席会议并讲话。\n',
  'zh/traditional.txt': '國家主席習近平在人民大會堂會見外賓，陳全國陪同會見。\n',
  'en/reuters.txt': 'President Xi Jinping met officials in Beijing on Monday. Chen Quanguo, the party secretary of Xinjiang, also attended.\n',
  'en/accents.txt': 'In a speech, Xí Jìnpíng praised the work of local officials.\n',
  'zh/decoy.txt': '西金平村的村民今天在村委会开会，讨论修路的事情。\n',
};

let dir: string;
let workspace: string;
const cli = (args: string[]) => runCliOk([...args, '--workspace', workspace]);
const entityList = async (extra: string[] = []) => parseJsonLines<EntityRow>((await cli(['entities', '--json', '--limit', '500', ...extra])).stdout);
const entityPage = async (id: number) => JSON.parse((await cli(['entities', 'show', String(id), '--json'])).stdout) as EntityPage;
const withForm = (rows: EntityRow[], form: string) => rows.find((e) => e.aliases.includes(form));

beforeAll(async () => {
  dir = makeTempDir();
  workspace = path.join(dir, 'ws');
  writeCorpus(path.join(dir, 'corpus'), CORPUS);
  await ingest(workspace, [path.join(dir, 'corpus')], { collection: 'leak' });
});

afterAll(() => removeDir(dir));

describe('one entity per person across scripts', () => {
  it('习近平, 習近平, Xi Jinping and Xí Jìnpíng are one PERSON whose page lists Chinese and English documents', async () => {
    const rows = await entityList();
    const xi = withForm(rows, '习近平');
    expect(xi, JSON.stringify(rows.map((r) => [r.type, r.name, r.aliases]))).toBeDefined();
    expect(xi!.type).toBe('PERSON');
    expect(xi!.aliases).toEqual(expect.arrayContaining(['习近平', '習近平', 'Xi Jinping', 'Xí Jìnpíng']));
    expect(xi!.documents).toBe(4);
    const page = await entityPage(xi!.id);
    expect(new Set(page.documentList.map((d) => d.lang))).toEqual(new Set(['zh', 'en']));
    expect(page.documentList.map((d) => path.basename(d.path)).sort()).toEqual(['accents.txt', 'reuters.txt', 'speech.txt', 'traditional.txt']);
    for (const m of page.mentionList) expect(['习近平', '習近平', 'Xi Jinping', 'Xí Jìnpíng']).toContain(m.text);
    // Entities that appear with it: 陈全国 shares three of its documents.
    expect(page.cooccurring.find((c) => c.name === '陈全国' || c.name === '陳全國')?.documents).toBe(3);
  });

  it('陈全国, 陳全國 and Chen Quanguo are one PERSON', async () => {
    const chen = withForm(await entityList(), '陈全国');
    expect(chen?.aliases).toEqual(expect.arrayContaining(['陈全国', '陳全國', 'Chen Quanguo']));
    expect(chen?.documents).toBe(3);
  });

  it('the village 西金平 is not Xi Jinping', async () => {
    const rows = await entityList();
    const xi = withForm(rows, '习近平')!;
    expect(xi.aliases).not.toContain('西金平');
    const page = await entityPage(xi.id);
    expect(page.documentList.map((d) => path.basename(d.path))).not.toContain('decoy.txt');
  });

  it('lists entities by type and by a form', async () => {
    const people = await entityList(['--type', 'PERSON']);
    expect(people.every((e) => e.type === 'PERSON')).toBe(true);
    const found = await entityList(['--q', 'Quanguo']);
    expect(found.map((e) => e.name)).toContain('陈全国');
  });

  it('an unknown entity is a clear error', async () => {
    const r = await runCli(['entities', 'show', '999999', '--workspace', workspace]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no entity 999999/);
  });
});

describe("editors' decisions", () => {
  it('a split form stays split after a reindex, and a merge brings it back', async () => {
    const xi = withForm(await entityList(), '习近平')!;
    const split = JSON.parse((await cli(['entities', 'split', String(xi.id), 'Xi Jinping', '--json', '--user', 'editor'])).stdout) as { entity: number };
    expect(split.entity).toBeGreaterThan(0);
    const check = async () => {
      const rows = await entityList();
      const han = withForm(rows, '习近平')!;
      const latin = withForm(rows, 'Xi Jinping')!;
      expect(han.id).not.toBe(latin.id);
      expect(han.aliases).not.toContain('Xi Jinping');
      return { han, latin };
    };
    await check();
    await cli(['reindex']);
    const { han, latin } = await check();
    await cli(['entities', 'merge', String(han.id), String(latin.id), '--user', 'editor']);
    // The command line's decisions are audited like the workbench's, in the chain, under the operator's name.
    const audit = parseJsonLines<{ action: string; username: string; detail: Record<string, unknown> }>((await cli(['audit', 'ls', '--json', '--user', 'editor'])).stdout);
    expect(audit.map((e) => e.action).sort()).toEqual(['entity.merge', 'entity.split']);
    expect(audit.find((e) => e.action === 'entity.merge')?.detail).toMatchObject({ ids: [han.id, latin.id] });
    expect((await cli(['audit', 'verify', '--json'])).stdout).toMatch(/"intact":\s*true/);
    await cli(['reindex']);
    const merged = withForm(await entityList(), '习近平')!;
    expect(merged.aliases).toEqual(expect.arrayContaining(['Xi Jinping', '習近平']));
    expect(merged.confidence).toBe(1);
  });

  it('refuses to split a form the entity does not have, or to merge one entity', async () => {
    const xi = withForm(await entityList(), '习近平')!;
    const r = await runCli(['entities', 'split', String(xi.id), 'Nobody', '--workspace', workspace]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has no form "Nobody"/);
    const m = await runCli(['entities', 'merge', String(xi.id), '--workspace', workspace]);
    expect(m.code).toBe(2);
  });
});

describe('dossier analyse', () => {
  it('prints language, tokens and entities with offsets in characters of the input', async () => {
    const text = '𠮷 新疆维吾尔自治区党委书记陈全国在乌鲁木齐讲话';
    const r = await runCliOk(['analyse', '--workspace', workspace], { input: text });
    const out = JSON.parse(r.stdout) as { language: string; tokens: Array<{ text: string; start: number }>; entities: Array<{ text: string; type: string; start: number; end: number }> };
    expect(out.language).toBe('zh');
    const chars = Array.from(text);
    for (const e of out.entities) expect(chars.slice(e.start, e.end).join('')).toBe(e.text);
    expect(out.entities.find((e) => e.text === '陈全国')?.type).toBe('PERSON');
    expect(out.tokens.map((t) => t.text)).toContain('陈全国');
  });

  it('--jsonl answers one JSON object per input line', async () => {
    const r = await runCliOk(['analyse', '--jsonl', '--workspace', workspace], { input: 'Xi Jinping met Chen Quanguo in Beijing.\n"习近平在北京"\n{"text": "电话 13800138000"}\n' });
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { language: string; entities: Array<{ text: string; type: string }> });
    expect(lines).toHaveLength(3);
    expect(lines[0]!.entities).toEqual(expect.arrayContaining([expect.objectContaining({ text: 'Xi Jinping', type: 'PERSON' })]));
    expect(lines[1]!.entities).toEqual(expect.arrayContaining([expect.objectContaining({ text: '习近平', type: 'PERSON' }), expect.objectContaining({ text: '北京', type: 'LOCATION' })]));
    expect(lines[2]!.entities).toEqual([expect.objectContaining({ text: '13800138000', type: 'PHONE' })]);
  });
});

describe('watch-list', () => {
  it('searches every name across scripts, writes the CSV, and a re-run marks new documents', async () => {
    const list = path.join(dir, 'names.csv');
    fs.writeFileSync(list, 'name,notes\nXi Jinping,head of state\n陈全国,"party secretary, Xinjiang"\nNobody Atall,\n');
    const out = path.join(dir, 'results.csv');
    const run = JSON.parse((await cli(['watchlist', 'run', list, '--out', out, '--json'])).stdout) as { id: number; results: Array<{ name: string; documents: number; hits: number; top: Array<{ hits: number | null }> }> };
    const by = (name: string) => run.results.find((r) => r.name === name)!;
    expect(by('Xi Jinping').documents).toBe(4);
    expect(by('Xi Jinping').hits).toBeGreaterThanOrEqual(4);
    expect(by('陈全国').documents).toBe(3);
    expect(by('Nobody Atall').documents).toBe(0);
    const csv = fs.readFileSync(out, 'utf8').trim().split(/\r\n/);
    expect(csv[0]).toBe('name,documents,hits,new_documents,document_id,title,path,collection,date,document_hits,new,error');
    expect(csv.filter((l) => l.startsWith('Xi Jinping,4,'))).toHaveLength(4);
    expect(csv.some((l) => l.startsWith('Nobody Atall,0,0,0,'))).toBe(true);

    writeCorpus(path.join(dir, 'more'), { 'later.txt': '习近平总书记在新疆考察。\n' });
    await ingest(workspace, [path.join(dir, 'more')], { collection: 'leak' });
    const again = JSON.parse((await cli(['watchlist', 'rerun', String(run.id), '--json'])).stdout) as { results: Array<{ name: string; documents: number; newDocuments: number }> };
    const xi = again.results.find((r) => r.name === 'Xi Jinping')!;
    expect(xi.documents).toBe(5);
    expect(xi.newDocuments).toBe(1);
  });
});
