/**
 * Hostile and broken input: encrypted, truncated, empty and unknown files; zip bombs, path
 * traversal, symbolic links and encrypted members in archives; GBK member names; paths that do not
 * exist or cannot be read; malformed search queries. Each must end as a recorded failure with a
 * stable reason or a clear error, never as a crash or a file written outside the workspace.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  byPath,
  FAILURE_REASONS,
  FIXTURES,
  folderBytes,
  ingest,
  ls,
  makeTempDir,
  removeDir,
  runCli,
  search,
  sha256Of,
  show,
  walkFiles,
  type IngestSummary,
  type LsRow,
} from './support/cli.js';

/** Whether chmod 000 really blocks reading here (it does not for root). */
function permissionsBlockReads(): boolean {
  const probe = makeTempDir('dossier-probe-');
  try {
    fs.chmodSync(probe, 0o000);
    try {
      fs.readdirSync(probe);
      return false;
    } catch {
      return true;
    }
  } finally {
    removeDir(probe);
  }
}
const canBlockReads = permissionsBlockReads();
const rootNote = canBlockReads ? '' : ' [skipped: running as root, chmod 000 does not block reads]';

const ENCRYPTED_PDF = path.join(FIXTURES, 'pdf', 'encrypted-user-password.pdf');
const TRUNCATED_PDF = path.join(FIXTURES, 'pdf', 'truncated.pdf');
const BAD = path.join(FIXTURES, 'bad');
const ARCHIVES = path.join(FIXTURES, 'archive');
const archive = (name: string) => path.join(ARCHIVES, name);

/** Everything lives in one sandbox: the CLI runs from sandbox/a/b/cwd, the workspace is sandbox/a/b/ws. */
let sandbox: string;
let cwd: string;
let workspace: string;
let linked: string;
let summary: IngestSummary;
let rows: LsRow[];
let row: (p: string) => LsRow;
const childrenOf = (p: string) => rows.filter((r) => r.parent === row(p).id);
/** Member names of a container's children (what follows `container!/`). */
const memberNames = (p: string) => childrenOf(p).map((c) => c.path.slice(`${p}!/`.length));

const escapeTargets = () => [
  '/etc/absolute.txt',
  ...[cwd, workspace, path.join(workspace, 'blobs'), path.join(workspace, 'blobs', 'tmp'), ARCHIVES, sandbox].flatMap((base) => [
    path.resolve(base, '../../evil.txt'),
    path.resolve(base, 'dir/../../../evil2.txt'),
    path.resolve(base, 'evil.txt'),
    path.resolve(base, 'etc/absolute.txt'),
  ]),
];
let existedBefore: string[];

beforeAll(async () => {
  sandbox = makeTempDir('dossier-bad-');
  cwd = path.join(sandbox, 'a', 'b', 'cwd');
  workspace = path.join(sandbox, 'a', 'b', 'ws');
  fs.mkdirSync(cwd, { recursive: true });
  // A folder on disk holding a file and a symbolic link to /etc/passwd.
  linked = path.join(sandbox, 'linked');
  fs.mkdirSync(linked);
  fs.writeFileSync(path.join(linked, 'a.txt'), 'marker-disk-ok plain file next to a link\n');
  fs.symlinkSync('/etc/passwd', path.join(linked, 'passwd-link'));
  existedBefore = escapeTargets().filter((p) => fs.existsSync(p));
  summary = await ingest(workspace, [ENCRYPTED_PDF, TRUNCATED_PDF, BAD, ARCHIVES, linked], { cwd });
  rows = await ls(workspace, [], { cwd });
  row = byPath(rows);
}, 400_000);

afterAll(() => removeDir(sandbox));

describe('broken files become failed documents with a stable reason', () => {
  it('finishes the ingest with nothing pending', () => {
    expect(summary.pending).toBe(0);
    expect(rows.filter((r) => r.status === 'pending')).toEqual([]);
    for (const r of rows.filter((r) => r.status === 'failed')) expect(FAILURE_REASONS as readonly string[], r.path).toContain(r.reason);
  });

  it('an encrypted PDF fails as encrypted', async () => {
    expect(row(ENCRYPTED_PDF)).toMatchObject({ mime: 'application/pdf', status: 'failed', reason: 'encrypted' });
    expect((await show(workspace, row(ENCRYPTED_PDF).id)).text).not.toContain('marker-pdf-encrypted');
  });

  it('a truncated PDF fails as corrupt', () => {
    expect(row(TRUNCATED_PDF)).toMatchObject({ mime: 'application/pdf', status: 'failed', reason: 'corrupt' });
  });

  it('an empty file fails as empty', () => {
    expect(row(path.join(BAD, 'empty.bin'))).toMatchObject({ status: 'failed', reason: 'empty', size: 0 });
  });

  it('random bytes fail as unsupported and are not read as text', async () => {
    const garbage = row(path.join(BAD, 'garbage.bin'));
    expect(garbage).toMatchObject({ mime: 'application/octet-stream', status: 'failed', reason: 'unsupported' });
    expect((await show(workspace, garbage.id)).pages).toEqual([]);
  });

  it('ls --status failed lists exactly the failed documents', async () => {
    const failed = await ls(workspace, ['--status', 'failed'], { cwd });
    expect(failed.map((r) => r.id)).toEqual(rows.filter((r) => r.status === 'failed').map((r) => r.id));
    expect(failed.every((r) => typeof r.reason === 'string')).toBe(true);
  });
});

describe('zip bomb', () => {
  it('refuses the member as archive_bomb', () => {
    const bomb = archive('bomb.zip');
    expect(row(bomb)).toMatchObject({ mime: 'application/zip' });
    expect(memberNames(bomb)).toEqual(['zeros.bin']);
    expect(row(`${bomb}!/zeros.bin`)).toMatchObject({ status: 'failed', reason: 'archive_bomb', sha256: null });
  });

  it('never stores the 200 MB of zeros: the whole workspace stays under 50 MB', () => {
    expect(folderBytes(workspace)).toBeLessThan(50 * 1024 * 1024);
    expect(walkFiles(workspace).filter((f) => fs.statSync(f).size >= 200 * 1024 * 1024)).toEqual([]);
  });
});

describe('path traversal in a zip', () => {
  const traversal = () => archive('traversal.zip');

  it('keeps all four members, under safe names', () => {
    const names = memberNames(traversal());
    expect(names).toHaveLength(4);
    expect(names).toContain('ok.txt');
    for (const name of names) {
      expect(name.split('/'), name).not.toContain('..');
      expect(name.startsWith('/'), name).toBe(false);
      expect(name.includes('\\'), name).toBe(false);
    }
    for (const child of childrenOf(traversal())) expect(child.status, child.path).toBe('ok');
  });

  it('reads the contents of every member from the blob store', async () => {
    const texts = await Promise.all(childrenOf(traversal()).map(async (c) => (await show(workspace, c.id)).text));
    const all = texts.join('\n');
    for (const marker of ['marker-traversal-ok', 'marker-evil-dotdot', 'marker-evil-absolute', 'marker-evil-dotdot-nested']) expect(all).toContain(marker);
  });

  it('writes nothing outside the workspace', () => {
    const created = escapeTargets().filter((p) => fs.existsSync(p) && !existedBefore.includes(p));
    expect(created).toEqual([]);
    // Within the sandbox, only the workspace and the input folder hold files.
    const strays = walkFiles(sandbox).filter((f) => !f.startsWith(workspace + path.sep) && !f.startsWith(linked + path.sep));
    expect(strays).toEqual([]);
  });

  it('stores members by content hash only, never under their own names', () => {
    const names = walkFiles(workspace).map((f) => path.relative(workspace, f).split(path.sep).join('/'));
    const unexpected = names.filter((n) => !/^dossier\.db(-wal|-shm|-journal)?$/.test(n) && !/^blobs\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(n) && !/^blobs\/tmp\//.test(n));
    expect(unexpected).toEqual([]);
  });
});

describe('links, encryption and names inside archives', () => {
  it('records symbolic links in a zip as unsafe_member, without following them', () => {
    const zip = archive('symlink.zip');
    expect(memberNames(zip).sort()).toEqual(['link-to-passwd', 'link-up', 'ok.txt']);
    for (const link of ['link-to-passwd', 'link-up']) {
      expect(row(`${zip}!/${link}`), link).toMatchObject({ status: 'failed', reason: 'unsafe_member', sha256: null });
    }
    expect(row(`${zip}!/ok.txt`).status).toBe('ok');
  });

  it('keeps the ok.txt next to the links', async () => {
    expect((await show(workspace, row(`${archive('symlink.zip')}!/ok.txt`).id)).text).toContain('marker-symlink-ok');
  });

  it('records an encrypted zip member as encrypted and indexes none of it', async () => {
    const zip = archive('encrypted.zip');
    expect(memberNames(zip)).toEqual(['secret.txt']);
    expect(row(`${zip}!/secret.txt`)).toMatchObject({ status: 'failed', reason: 'encrypted', sha256: null });
    expect((await search(workspace, 'marker-zip-encrypted-secret')).total).toBe(0);
  });

  it('decodes GBK member names (no UTF-8 flag) as Chinese', async () => {
    const zip = archive('gbk-names.zip');
    expect(memberNames(zip).sort()).toEqual(['readme.txt', '名单/说明.txt', '新疆报告.txt'].sort());
    const report = await show(workspace, row(`${zip}!/新疆报告.txt`).id);
    expect(report.text).toContain('marker-zip-gbk-member');
    expect(report.text).toContain('新疆报告');
    expect((await show(workspace, row(`${zip}!/名单/说明.txt`).id)).text).toContain('marker-zip-gbk-dir');
  });
});

describe('links on disk', () => {
  it('does not follow a symbolic link to /etc/passwd in an ingested folder', () => {
    const passwdHash = sha256Of('/etc/passwd');
    expect(rows.filter((r) => r.sha256 === passwdHash)).toEqual([]);
    expect(row(path.join(linked, 'a.txt')).status).toBe('ok');
    const link = rows.find((r) => r.path === path.join(linked, 'passwd-link'));
    if (link) expect(link).toMatchObject({ status: 'failed', sha256: null });
  });
});

describe('limits from the environment', () => {
  it('fails a file over DOSSIER_MAX_FILE_BYTES as too_large without reading it', async () => {
    const ws = makeTempDir('dossier-limit-');
    try {
      const pdf = path.join(FIXTURES, 'pdf', 'two-pages.pdf');
      await ingest(ws, [pdf], { env: { DOSSIER_MAX_FILE_BYTES: '1000' } });
      const [only] = await ls(ws);
      expect(only).toMatchObject({ path: pdf, status: 'failed', reason: 'too_large' });
      expect((await search(ws, 'marker-page-one')).total).toBe(0);
    } finally {
      removeDir(ws);
    }
  });
});

describe('paths that cannot be ingested', () => {
  it('a path that does not exist: non-zero exit, a clear error, nothing ingested', async () => {
    const ws = makeTempDir('dossier-missing-');
    try {
      const missing = path.join(ws, 'no', 'such', 'leak');
      const result = await runCli(['ingest', missing, '--workspace', ws, '--json']);
      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stderr).toMatch(/no such file or folder/i);
      expect(result.stderr).toContain(missing);
      expect(result.stdout.trim()).toBe('');
      expect(await ls(ws)).toEqual([]);
    } finally {
      removeDir(ws);
    }
  });

  it('a missing path next to a good one stops the whole ingest before any work', async () => {
    const ws = makeTempDir('dossier-missing2-');
    try {
      const result = await runCli(['ingest', path.join(FIXTURES, 'text', 'utf8.txt'), '/definitely/not/here', '--workspace', ws]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('/definitely/not/here');
      expect(await ls(ws)).toEqual([]);
    } finally {
      removeDir(ws);
    }
  });

  it.skipIf(!canBlockReads)(`an unreadable folder is recorded as failed unreadable and the rest is ingested${rootNote}`, async () => {
    const dir = makeTempDir('dossier-unreadable-');
    const ws = makeTempDir('dossier-unreadable-ws-');
    const locked = path.join(dir, 'locked');
    try {
      fs.writeFileSync(path.join(dir, 'ok.txt'), 'marker-readable-sibling\n');
      fs.mkdirSync(locked);
      fs.writeFileSync(path.join(locked, 'hidden.txt'), 'marker-behind-lock\n');
      fs.chmodSync(locked, 0o000);
      const result = await runCli(['ingest', dir, '--workspace', ws, '--json', '--quiet']);
      expect(result.code).toBe(0);
      const listed = await ls(ws);
      expect(listed.find((r) => r.path === path.join(dir, 'ok.txt'))?.status).toBe('ok');
      expect(listed.find((r) => r.path === locked)).toMatchObject({ status: 'failed', reason: 'unreadable' });
    } finally {
      fs.chmodSync(locked, 0o700);
      removeDir(dir);
      removeDir(ws);
    }
  });

  it.skipIf(!canBlockReads)(`an unreadable file is recorded as failed unreadable${rootNote}`, async () => {
    const dir = makeTempDir('dossier-unreadable-file-');
    const ws = makeTempDir('dossier-unreadable-file-ws-');
    const file = path.join(dir, 'secret.txt');
    try {
      fs.writeFileSync(file, 'marker-unreadable-file\n');
      fs.chmodSync(file, 0o000);
      const result = await runCli(['ingest', dir, '--workspace', ws, '--json', '--quiet']);
      expect(result.code).toBe(0);
      expect((await ls(ws)).find((r) => r.path === file)).toMatchObject({ status: 'failed', reason: 'unreadable' });
    } finally {
      removeDir(dir);
      removeDir(ws);
    }
  });
});

describe('bad command-line input', () => {
  it('show of an id that does not exist: non-zero exit and a message naming it', async () => {
    const result = await runCli(['show', '987654', '--json', '--workspace', workspace]);
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain('987654');
    expect(result.stdout.trim()).toBe('');
  });

  it('show of something that is not an id: non-zero exit and a message', async () => {
    const result = await runCli(['show', 'abc', '--workspace', workspace]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('abc');
  });

  it('an invalid DOSSIER_WORKERS stops before any work, saying what is wrong', async () => {
    const ws = makeTempDir('dossier-workers-');
    try {
      const result = await runCli(['ingest', path.join(FIXTURES, 'text'), '--workspace', ws], { env: { DOSSIER_WORKERS: '0' } });
      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stderr).toMatch(/workers/i);
      expect(fs.existsSync(path.join(ws, 'dossier.db')) ? (await ls(ws)).length : 0).toBe(0);
    } finally {
      removeDir(ws);
    }
  });
});

describe('malformed search queries', () => {
  it.each([
    ['an unclosed quote', '"新疆 report', /quote/i],
    ['an empty query', '', /empty/i],
    ['a query of spaces', '   ', /empty/i],
    ['a query with nothing searchable', '!!! ???', /nothing|no letters|empty/i],
  ])('%s exits with code 2 and says why', async (_what, query, message) => {
    const result = await runCli(['search', query, '--json', '--workspace', workspace]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout.trim()).toBe('');
  });
});
