/**
 * Translations from the command line, against the built CLI and a real workspace: import and
 * alignment (1-1, 1-2, 2-1 links; the published JSON shape), editors' corrections surviving a
 * re-import, reviewed translations found by English search, bad input, and machine translation
 * against fake LibreTranslate services on 127.0.0.1 (one that answers, one that hangs, one that
 * answers garbage); without DOSSIER_MT_URL no request is made.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, ls, makeWorkspace, parseJsonLines, removeDir, runCli, runCliOk, search, type LsRow } from './support/cli.js';

const ZH = '自治区党委召开会议。会议由陈全国主持，2017年3月在乌鲁木齐举行。\n\n会议强调，要加强职业技能教育培训中心的管理；确保学员不逃跑。共有1200名学员参加培训。最后一句话！\n';
const EN = 'The regional Party committee held a meeting. The meeting was chaired by Chen Quanguo. It was held in Urumqi in March 2017.\n\nThe meeting stressed that management of the vocational skills education and training centres must be strengthened, and that no student may escape. In all, 1,200 students took part in the training. A last sentence!\n';
const SECOND = '第二份文件只有两句话。它没有译文。\n';

interface Segment { page: number; index: number | null; source: string; target: string | null; status: string; group: number }

let ws: string;
let src: string;
let docs: LsRow[];
let mt: http.Server;
let mtUrl: string;
const received: Array<{ mode: string; body: { q: string[]; source: string; target: string; format: string } }> = [];
const id = (name: string) => docs.find((d) => d.path.endsWith(name))!.id;
const segments = async (doc: number) => (JSON.parse((await runCliOk(['translation', String(doc), '--json', '--workspace', ws])).stdout) as { segments: Segment[] }).segments;

beforeAll(async () => {
  ws = makeWorkspace('translate');
  src = path.join(ws, '..', `${path.basename(ws)}-src`);
  fs.mkdirSync(src);
  fs.writeFileSync(path.join(src, 'orig-zh.txt'), ZH);
  fs.writeFileSync(path.join(src, 'trans-en.txt'), EN);
  fs.writeFileSync(path.join(src, 'second-zh.txt'), SECOND);
  fs.writeFileSync(path.join(src, 'broken.pdf'), '%PDF-1.7\nthis is not a PDF at all\n');
  await ingest(ws, [src]);
  docs = await ls(ws);
  // The fake LibreTranslate: /good answers, /hang never does, /garbage answers nonsense.
  mt = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => {
      const mode = (req.url ?? '').split('/')[1] ?? '';
      const body = JSON.parse(data) as { q: string[]; source: string; target: string; format: string };
      received.push({ mode, body });
      if (mode === 'hang') return;
      res.setHeader('content-type', 'application/json');
      if (mode === 'garbage') return res.end(JSON.stringify({ translatedText: ['only one'] }));
      res.end(JSON.stringify({ translatedText: body.q.map((q) => `EN(${q.length} chars)`) }));
    });
  });
  await new Promise<void>((resolve) => mt.listen(0, '127.0.0.1', resolve));
  mtUrl = `http://127.0.0.1:${(mt.address() as AddressInfo).port}`;
}, 300_000);

afterAll(async () => {
  mt?.closeAllConnections();
  await new Promise((resolve) => mt?.close(resolve));
  removeDir(ws);
  removeDir(src);
});

describe('dossier translate --from', () => {
  it('aligns a translated document sentence by sentence, with 1-2 and 2-1 groups, in the published shape', async () => {
    const out = await runCliOk(['translate', String(id('orig-zh.txt')), '--from', String(id('trans-en.txt')), '--workspace', ws]);
    expect(out.stdout).toMatch(/segments aligned/);
    const segs = await segments(id('orig-zh.txt'));
    for (const s of segs) expect(Object.keys(s).sort()).toEqual(['group', 'index', 'page', 'source', 'status', 'target']);
    expect(segs.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(segs[1]!.target).toBe('The meeting was chaired by Chen Quanguo. It was held in Urumqi in March 2017.'); // 1-2
    // 2-1: the two sentences share a group and the translation stands once, on the first.
    expect(segs[3]!.group).toBe(segs[2]!.group);
    expect(segs[2]!.target).toMatch(/^The meeting stressed .* no student may escape\.$/);
    expect(segs[3]!.target).toBeNull();
    expect(segs[4]!.target).toBe('In all, 1,200 students took part in the training.');
    expect(new Set(segs.map((s) => s.status))).toEqual(new Set(['draft']));
  });

  it('keeps editors\' corrections (edit, status, split) across a re-import from a file', async () => {
    const doc = String(id('orig-zh.txt'));
    await runCliOk(['segment', 'edit', doc, '1.0', 'The autonomous region\'s Party committee met.', '--status', 'reviewed', '--workspace', ws]);
    await runCliOk(['segment', 'split', doc, '1.3', '--first', 'Management must be strengthened.', '--second', 'No student may escape.', '--workspace', ws]);
    const file = path.join(src, 'trans-en.txt');
    const again = await runCliOk(['translate', doc, '--from', file, '--workspace', ws]);
    expect(again.stdout).toMatch(/corrections replayed 2, skipped 0/);
    const segs = await segments(id('orig-zh.txt'));
    expect(segs[0]).toMatchObject({ target: "The autonomous region's Party committee met.", status: 'reviewed' });
    expect(segs[3]!.group).not.toBe(segs[2]!.group);
    expect(segs[3]!.target).toBe('No student may escape.');
    const text = (await runCliOk(['translation', doc, '--workspace', ws])).stdout;
    expect(text).toContain('from file trans-en.txt');
  });

  it('finds the Chinese original through its reviewed translation, and says so', async () => {
    const doc = id('orig-zh.txt');
    const before = await search(ws, 'autonomous committee');
    expect(before.hits.find((h) => h.id === doc)).toMatchObject({ matchedIn: 'translation' });
    // A draft is not indexed: only reviewed text is.
    const draft = await search(ws, 'strengthened');
    expect(draft.hits.find((h) => h.id === doc)).toBeUndefined();
    await runCliOk(['segment', 'status', String(doc), '1.2', 'reviewed', '--workspace', ws]);
    const after = await search(ws, 'strengthened');
    const hit = after.hits.find((h) => h.id === doc);
    expect(hit).toMatchObject({ matchedIn: 'translation', page: 1 });
    expect(hit!.snippet).toContain('<mark>');
    expect((await runCliOk(['search', 'strengthened', '--workspace', ws])).stdout).toContain('matched in translation');
    // A whole-index rebuild writes the reviewed translations' rows again.
    await runCliOk(['reindex', '--workspace', ws]);
    expect((await search(ws, 'strengthened')).hits.find((h) => h.id === doc)).toMatchObject({ matchedIn: 'translation' });
  });

  it('refuses bad input with exit 2 and writes nothing', async () => {
    const doc = String(id('second-zh.txt'));
    const missing = await runCli(['translate', doc, '--from', path.join(src, 'no-such-file.txt'), '--workspace', ws]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the translation file/);
    const binary = path.join(src, '..', `${path.basename(ws)}-binary.bin`);
    fs.writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe, 0x00]));
    const notText = await runCli(['translate', doc, '--from', binary, '--workspace', ws]);
    fs.rmSync(binary);
    expect(notText.code).toBe(2);
    expect(notText.stderr).toMatch(/not a text file/);
    const failed = docs.find((d) => d.path.endsWith('broken.pdf'))!;
    expect(failed.status).toBe('failed');
    const fromFailed = await runCli(['translate', String(failed.id), '--from', String(id('trans-en.txt')), '--workspace', ws]);
    expect(fromFailed.code).toBe(2);
    expect(fromFailed.stderr).toMatch(/could not be read/);
    const gone = await runCli(['segment', 'edit', String(id('orig-zh.txt')), '9.9', 'x', '--workspace', ws]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/does not exist/);
    expect(await segments(Number(doc))).toEqual([]);
    expect(await segments(failed.id)).toEqual([]);
  });
});

describe('dossier translate --machine', () => {
  it('sends nothing without DOSSIER_MT_URL', async () => {
    const off = await runCli(['translate', String(id('second-zh.txt')), '--machine', '--workspace', ws]);
    expect(off.code).toBe(2);
    expect(off.stderr).toMatch(/DOSSIER_MT_URL/);
    expect(received).toEqual([]);
  });

  it('leaves segments untranslated, says why and fails when the service hangs or answers garbage', async () => {
    const doc = String(id('second-zh.txt'));
    const hang = await runCli(['translate', doc, '--machine', '--workspace', ws], { env: { DOSSIER_MT_URL: `${mtUrl}/hang`, DOSSIER_MT_TIMEOUT_MS: '1500' } });
    expect(hang.code).toBe(2);
    expect(hang.stderr).toMatch(/did not answer within 1500 ms/);
    let segs = await segments(Number(doc));
    expect(segs.map((s) => s.status)).toEqual(['untranslated', 'untranslated']);
    expect((await runCliOk(['translation', doc, '--workspace', ws])).stdout).toMatch(/did not answer within 1500 ms/);
    const garbage = await runCli(['translate', doc, '--machine', '--workspace', ws], { env: { DOSSIER_MT_URL: `${mtUrl}/garbage` } });
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toMatch(/one translation per segment/);
    segs = await segments(Number(doc));
    expect(segs.every((s) => s.target === null && s.status === 'untranslated')).toBe(true);
  });

  it('translates through the service, labels the output as machine translation, and audits every call', async () => {
    const doc = String(id('second-zh.txt'));
    const good = await runCliOk(['translate', doc, '--machine', '--workspace', ws], { env: { DOSSIER_MT_URL: `${mtUrl}/good` } });
    expect(good.stdout).toMatch(/2 segments machine-translated/);
    const call = received.find((r) => r.mode === 'good')!;
    expect(call.body).toMatchObject({ q: ['第二份文件只有两句话。', '它没有译文。'], source: 'zh', target: 'en', format: 'text' });
    const segs = await segments(Number(doc));
    expect(segs.map((s) => [s.status, s.target])).toEqual([['machine', 'EN(11 chars)'], ['machine', 'EN(6 chars)']]);
    expect((await runCliOk(['translation', doc, '--workspace', ws])).stdout).toContain('MACHINE TRANSLATION');
    const audit = parseJsonLines<{ action: string; documentId: number; detail: { host: string; segments: string[] } }>((await runCliOk(['audit', 'ls', '--json', '--action', 'translate.machine', '--workspace', ws])).stdout);
    // One entry per call made: the hanging one, the garbage one, the good one.
    expect(audit.length).toBe(received.length);
    expect(audit.every((a) => a.documentId === Number(doc) && a.detail.host === new URL(mtUrl).host)).toBe(true);
    expect(audit.at(-1)!.detail.segments).toEqual(['1.0', '1.1']);
    const imports = parseJsonLines<{ action: string }>((await runCliOk(['audit', 'ls', '--json', '--action', 'translate.import', '--workspace', ws])).stdout);
    expect(imports.length).toBe(2);
  });
});

describe('publishing a translation', () => {
  it('refuses a reviewed translation that spells a redacted name in pinyin, and publishes once it no longer does', async () => {
    const doc = String(id('orig-zh.txt'));
    await runCliOk(['translate', doc, '--from', path.join(src, 'trans-en.txt'), '--workspace', ws]);
    const chaired = (await segments(Number(doc))).find((s) => (s.target ?? '').includes('Chen Quanguo'))!;
    await runCliOk(['segment', 'status', doc, `${chaired.page}.${chaired.index}`, 'reviewed', '--workspace', ws]);
    await runCliOk(['redact', doc, '--text', '陈全国', '--workspace', ws]);
    const refused = await runCli(['publish', doc, '--json', '--workspace', ws]);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'redaction_leak' } });
    expect(refused.stdout).toContain('陈全国');
    await runCliOk(['segment', 'edit', doc, `${chaired.page}.${chaired.index}`, 'The meeting was chaired by [name withheld].', '--workspace', ws]);
    await runCliOk(['segment', 'status', doc, `${chaired.page}.${chaired.index}`, 'reviewed', '--workspace', ws]);
    const published = JSON.parse((await runCliOk(['publish', doc, '--json', '--workspace', ws])).stdout) as { reviewedSegments: number };
    expect(published.reviewedSegments).toBeGreaterThan(0);
  });
});
