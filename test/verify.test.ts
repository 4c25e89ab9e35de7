/**
 * Verify (issue 10) end to end through the built CLI and `dossier serve`: near-duplicates,
 * compare, re-hashing the stored files, BagIt manifests, search collapse, and the workbench's
 * pages and API for them.
 *
 * Real: two prc-laws statutes (one edited in 5 % of its letters by this file, deterministically),
 * plain-text and email pairs with planted marks written by scripts/make-compare-pairs.py, a
 * corrupt PDF, SQLite, the blob store on disk (a blob is changed and removed, then put back).
 * Collections: alpha (everything), bravo (one more copy of the statute); `rita` is a reporter
 * granted only alpha.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ingest, ls, makeTempDir, makeWorkspace, removeDir, runCli, runCliOk, sha256Of, walkFiles, type LsRow } from './support/cli.js';
import { HttpClient, addUser, grant, startWorkbench, type Workbench } from './support/workbench.js';

const PASSWORD = 'a-long-test-password-1';
const STATUTES = path.resolve(ROOT, '..', 'shared', 'corpus', 'prc-laws', '刑法');

let workspace: string;
let sources: string;
let rows: LsRow[];
/** The document holding a source file's content (identical files, like the pairs' a-sides, are one document). */
const idOf = (name: string): number => {
  const file = walkFiles(sources).find((f) => path.basename(f) === name);
  const row = file ? rows.find((r) => r.sha256 === sha256Of(file)) : undefined;
  if (!row) throw new Error(`no document ${name}`);
  return row.id;
};

/** 5 % of the letters and digits changed, the same way every run. */
function edit(text: string): string {
  let seed = 7;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  return [...text].map((c) => (/[\p{L}\p{N}]/u.test(c) && random() < 0.05 ? '改' : c)).join('');
}

beforeAll(async () => {
  workspace = makeWorkspace('verify');
  sources = makeTempDir('dossier-verify-src-');
  const alpha = path.join(sources, 'alpha');
  const bravo = path.join(sources, 'bravo');
  fs.mkdirSync(alpha);
  fs.mkdirSync(bravo);
  const statute = fs.readFileSync(path.join(STATUTES, '刑法修正案（七）.md'), 'utf8');
  fs.writeFileSync(path.join(alpha, 'statute.txt'), statute);
  fs.writeFileSync(path.join(alpha, 'statute-edited.txt'), edit(statute));
  fs.writeFileSync(path.join(alpha, 'unrelated.txt'), fs.readFileSync(path.join(STATUTES, '刑法修正案（十）.md'), 'utf8'));
  fs.writeFileSync(path.join(bravo, 'statute-bravo.txt'), `${statute}\n（副本）`);
  fs.writeFileSync(path.join(alpha, 'broken.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog >>\nnot a pdf at all');
  execFileSync('python3', [path.join(ROOT, 'scripts', 'make-compare-pairs.py'), path.join(alpha, 'pairs'), '--no-office'], { stdio: 'ignore' });
  fs.rmSync(path.join(alpha, 'pairs', 'expected.json'));
  await ingest(workspace, [alpha], { collection: 'alpha' });
  await ingest(workspace, [bravo], { collection: 'bravo' });
  rows = await ls(workspace);
}, 300_000);

afterAll(() => {
  removeDir(workspace);
  removeDir(sources);
});

describe('dossier similar', () => {
  it('finds the edited copy and the other collection’s copy, best first, and not the unrelated statute', async () => {
    const found = JSON.parse((await runCliOk(['similar', String(idOf('statute.txt')), '--json', '--workspace', workspace])).stdout) as Array<{ id: number; path: string; similarity: number }>;
    expect(found.map((f) => path.basename(f.path))).toEqual(['statute-bravo.txt', 'statute-edited.txt']);
    expect(found[1]!.similarity).toBeGreaterThanOrEqual(0.8);
    expect(found[1]!.similarity).toBeLessThan(1);
    const all = JSON.parse((await runCliOk(['similar', String(idOf('statute.txt')), '--min', '0', '--json', '--workspace', workspace])).stdout) as Array<{ path: string }>;
    expect(all.map((f) => path.basename(f.path))).not.toContain('unrelated.txt');
  });

  it('refuses a similarity outside 0..1 and an unknown document (exit 2)', async () => {
    const bad = await runCli(['similar', String(idOf('statute.txt')), '--min', '1.5', '--workspace', workspace]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--min/);
    expect((await runCli(['similar', '987654', '--workspace', workspace])).code).toBe(2);
  });

  it('reindex computes signatures again for documents stored without them', async () => {
    const db = new Database(path.join(workspace, 'dossier.db'));
    db.exec('DELETE FROM similarity_buckets; DELETE FROM similarity_signatures;');
    db.close();
    expect(JSON.parse((await runCliOk(['similar', String(idOf('statute.txt')), '--json', '--workspace', workspace])).stdout)).toEqual([]);
    await runCliOk(['reindex', '--workspace', workspace]);
    expect(JSON.parse((await runCliOk(['similar', String(idOf('statute.txt')), '--json', '--workspace', workspace])).stdout)).toHaveLength(2);
  });

  it('search --collapse folds the copies into the best-ranked hit', async () => {
    const plain = JSON.parse((await runCliOk(['search', '刑法修正案', '--json', '--workspace', workspace])).stdout) as { hits: Array<{ id: number }> };
    const collapsed = JSON.parse((await runCliOk(['search', '刑法修正案', '--collapse', '--json', '--workspace', workspace])).stdout) as { hits: Array<{ id: number; duplicates: number[] }> };
    expect(collapsed.hits.length).toBe(plain.hits.length - 2);
    expect(collapsed.hits.flatMap((h) => h.duplicates).length).toBe(2);
  });
});

interface CompareJson {
  text: Array<{ kind: string; pageA: number; startA: number; endA: number; startB: number; endB: number; a: string; b: string }>;
  invisible: Array<{ kind: string; side: string; page: number; start: number; char: string }>;
  metadata: Array<{ field: string; a: string | null; b: string | null }>;
}
const compare = async (a: string, b: string): Promise<CompareJson> => JSON.parse((await runCliOk(['compare', String(idOf(a)), String(idOf(b)), '--json', '--workspace', workspace])).stdout) as CompareJson;

describe('dossier compare', () => {
  it('reports a changed number with its offsets in both pages', async () => {
    const result = await compare('txt-text-a.txt', 'txt-text-b.txt');
    expect(result.text).toEqual([expect.objectContaining({ kind: 'changed', a: '120', b: '150', pageA: 1, startA: 38, endA: 41, startB: 38, endB: 41 })]);
    expect(result.invisible).toEqual([]);
  });

  it.each([
    ['txt-zero-width', 'zero-width', 'U+200B'],
    ['txt-homoglyph', 'homoglyph', 'U+0430'],
    ['txt-full-width', 'full-width', 'U+FF14'],
    ['txt-space', 'space', 'U+00A0'],
    ['eml-zero-width', 'zero-width', 'U+200B'],
    ['eml-homoglyph', 'homoglyph', 'U+0430'],
  ])('finds the invisible mark in %s as %s, not as a text change', async (name, kind, char) => {
    const ext = name.startsWith('eml') ? 'eml' : 'txt';
    const result = await compare(`${name}-a.${ext}`, `${name}-b.${ext}`);
    expect(result.text).toEqual([]);
    expect(result.invisible).toContainEqual(expect.objectContaining({ kind, side: 'b', page: 1, char }));
  });

  it('finds CRLF against LF in the stored bytes, and a changed email header', async () => {
    const breaks = await compare('txt-line-break-a.txt', 'txt-line-break-b.txt');
    expect(breaks.invisible).toContainEqual(expect.objectContaining({ kind: 'line-break', side: 'b' }));
    expect(breaks.metadata).toContainEqual({ field: 'lineEndings', a: 'lf', b: 'crlf' });
    const headers = await compare('eml-metadata-a.eml', 'eml-metadata-b.eml');
    expect(headers.metadata).toContainEqual(expect.objectContaining({ field: 'subject', a: 'Budget approval', b: 'Budget approval (copy)' }));
  });

  it('refuses a document compared with itself and one that failed to extract (exit 2)', async () => {
    const self = await runCli(['compare', String(idOf('statute.txt')), String(idOf('statute.txt')), '--workspace', workspace]);
    expect(self.code).toBe(2);
    expect(self.stderr).toMatch(/itself/);
    const failed = await runCli(['compare', String(idOf('statute.txt')), String(idOf('broken.pdf')), '--workspace', workspace]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/failed to extract/);
  });
});

describe('dossier verify and manifest', () => {
  it('re-hashes every stored file: exit 0, then 3 naming a changed and a missing file', async () => {
    const ok = JSON.parse((await runCliOk(['verify', '--json', '--workspace', workspace])).stdout) as { checked: number; ok: number; audit: { intact: boolean } };
    expect(ok.checked).toBe(rows.filter((r) => r.sha256).length);
    expect(ok.ok).toBe(ok.checked);
    expect(ok.audit.intact).toBe(true);
    const changed = rows.find((r) => path.basename(r.path) === 'unrelated.txt')!;
    const gone = rows.find((r) => path.basename(r.path) === 'statute-edited.txt')!;
    const blob = (sha: string) => path.join(workspace, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
    expect(fs.existsSync(blob(changed.sha256!))).toBe(true);
    const original = fs.readFileSync(blob(changed.sha256!));
    fs.appendFileSync(blob(changed.sha256!), 'tampered');
    fs.renameSync(blob(gone.sha256!), `${blob(gone.sha256!)}.away`);
    try {
      const bad = await runCli(['verify', '--collection', 'alpha', '--json', '--workspace', workspace]);
      expect(bad.code).toBe(3);
      const report = JSON.parse(bad.stdout) as { mismatched: Array<{ id: number; expected: string; actual: string }>; missing: Array<{ id: number }> };
      expect(report.mismatched).toEqual([expect.objectContaining({ id: changed.id, expected: changed.sha256 })]);
      expect(report.missing).toEqual([expect.objectContaining({ id: gone.id })]);
      const bag = path.join(sources, 'bag-broken');
      const refused = await runCli(['manifest', 'alpha', '--out', bag, '--workspace', workspace]);
      expect(refused.code).toBe(2);
      expect(fs.existsSync(bag)).toBe(false);
      expect(fs.readdirSync(sources).filter((n) => n.includes('partial'))).toEqual([]);
    } finally {
      fs.writeFileSync(blob(changed.sha256!), original);
      fs.renameSync(`${blob(gone.sha256!)}.away`, blob(gone.sha256!));
    }
  });

  it('exports a BagIt folder with custody events, and names every changed, added or missing file', async () => {
    const bag = path.join(sources, 'bag');
    await runCliOk(['manifest', 'alpha', '--out', bag, '--workspace', workspace]);
    for (const name of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', 'custody.jsonl']) expect(fs.existsSync(path.join(bag, name))).toBe(true);
    expect(fs.readFileSync(path.join(bag, 'bag-info.txt'), 'utf8')).toMatch(/External-Identifier: alpha/);
    const custody = fs.readFileSync(path.join(bag, 'custody.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { file: string; events: Array<{ event: string }> });
    expect(custody.length).toBe(rows.filter((r) => r.collection === 'alpha' && r.sha256).length);
    expect(custody[0]!.events.map((e) => e.event)).toEqual(expect.arrayContaining(['received', 'ingested']));
    expect((await runCliOk(['manifest', 'verify', bag])).stdout).toMatch(/match the manifest/);
    const payload = custody[0]!.file;
    fs.appendFileSync(path.join(bag, payload), 'x');
    fs.writeFileSync(path.join(bag, 'data', 'planted.txt'), 'planted');
    fs.rmSync(path.join(bag, custody[1]!.file));
    const check = await runCli(['manifest', 'verify', bag, '--json']);
    expect(check.code).toBe(3);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: false, changed: [payload], added: ['data/planted.txt'], missing: [custody[1]!.file] });
    expect((await runCli(['manifest', 'alpha', '--out', bag, '--workspace', workspace])).code).toBe(2);
    expect((await runCli(['manifest', 'verify', sources])).code).toBe(2);
    const audit = (await runCliOk(['audit', 'ls', '--json', '--workspace', workspace])).stdout;
    for (const action of ['manifest.export', 'verify.run', 'compare']) expect(audit).toContain(`"action":"${action}"`);
  });
});

describe('the workbench', () => {
  let server: Workbench;
  let admin: HttpClient;
  let rita: HttpClient;
  beforeAll(async () => {
    await addUser(workspace, 'admin', 'admin', PASSWORD);
    await addUser(workspace, 'rita', 'reporter', PASSWORD);
    await grant(workspace, 'rita', 'alpha');
    server = await startWorkbench(workspace);
    admin = await HttpClient.signIn(server.url, 'admin', PASSWORD);
    rita = await HttpClient.signIn(server.url, 'rita', PASSWORD);
  }, 400_000);
  afterAll(async () => server?.stop());

  it('lists versions and near-duplicates the user may see, with a link to compare', async () => {
    const statute = idOf('statute.txt');
    const similar = JSON.parse((await rita.request('GET', `/api/documents/${statute}/similar`)).body) as Array<{ path: string }>;
    expect(similar.map((s) => path.basename(s.path))).toEqual(['statute-edited.txt']);
    expect(JSON.parse((await admin.request('GET', `/api/documents/${statute}/similar`)).body)).toHaveLength(2);
    const page = await rita.request('GET', `/documents/${statute}`);
    expect(page.body).toContain('Versions and near-duplicates');
    expect(page.body).toContain(`/compare?a=${statute}&amp;b=${idOf('statute-edited.txt')}`);
    expect(page.body).not.toContain('statute-bravo');
  });

  it('shows two copies side by side with the marks, and answers the API', async () => {
    const [a, b] = [idOf('txt-homoglyph-a.txt'), idOf('txt-homoglyph-b.txt')];
    const page = await rita.request('GET', `/compare?a=${a}&b=${b}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('class="compare-columns"');
    expect(page.body).toMatch(/<mark class="diff-invisible" title="homoglyph U\+0430/);
    const api = JSON.parse((await rita.request('GET', `/api/compare?a=${idOf('txt-text-a.txt')}&b=${idOf('txt-text-b.txt')}`)).body) as CompareJson;
    expect(api.text[0]).toMatchObject({ kind: 'changed', a: '120', b: '150' });
  });

  it('answers 400, 409 and 404 with {error: {code, message}}, and /api/verify only to admins', async () => {
    const self = await rita.request('GET', `/api/compare?a=${idOf('statute.txt')}&b=${idOf('statute.txt')}`);
    expect(self.status).toBe(400);
    expect(JSON.parse(self.body)).toMatchObject({ error: { code: 'invalid_argument' } });
    const failed = await rita.request('GET', `/api/compare?a=${idOf('statute.txt')}&b=${idOf('broken.pdf')}`);
    expect(failed.status).toBe(409);
    expect(JSON.parse(failed.body)).toMatchObject({ error: { code: 'conflict' } });
    expect((await rita.request('GET', `/api/compare?a=${idOf('statute.txt')}&b=${idOf('statute-bravo.txt')}`)).status).toBe(404);
    expect((await rita.request('GET', '/api/verify')).status).toBe(403);
    const report = JSON.parse((await admin.request('GET', '/api/verify?collection=alpha')).body) as { checked: number; ok: number };
    expect(report.ok).toBe(report.checked);
  });

  it('collapses near-duplicates on the search page when asked', async () => {
    const page = await admin.request('GET', `/search?q=${encodeURIComponent('刑法修正案')}&collapse=1`);
    expect(page.body).toContain('name="collapse" value="1" checked');
    expect(page.body).toMatch(/\+ 2 near-duplicates/);
  });
});
