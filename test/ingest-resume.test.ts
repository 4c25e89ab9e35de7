/**
 * Ingest is idempotent and resumable: running it again adds nothing, and an ingest killed with
 * SIGKILL in the middle, then run again, ends with exactly what a clean run produces, with no
 * extraction process left behind.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { EMAIL_CORPUS, ingest, ls, makeWorkspace, removeDir, spawnCli, type LsRow } from './support/cli.js';
import { childPids, hasProc, isAlive, waitFor, workersOf } from './support/processes.js';
import { allPaths, countDocuments, type PathRow } from './support/workspace-db.js';

const workspaces: string[] = [];
const fresh = (name: string) => {
  const ws = makeWorkspace(name);
  workspaces.push(ws);
  return ws;
};
afterAll(() => workspaces.forEach(removeDir));

/** What must not depend on how a run went: every path of every document, with its outcome. */
const outcome = (r: PathRow) => JSON.stringify([r.path, r.sha256, r.status, r.reason, r.mime]);
const lsKey = (r: LsRow) => JSON.stringify(r);

describe('running the same ingest again', () => {
  it('adds nothing and leaves the listing unchanged', async () => {
    const ws = fresh('rerun');
    const first = await ingest(ws, ['test/fixtures'], { ocr: false });
    expect(first.added).toBeGreaterThan(30);
    const before = await ls(ws);
    const again = await ingest(ws, ['test/fixtures'], { ocr: false });
    expect(again.added).toBe(0);
    expect(again.files).toBe(first.files);
    expect(again.documents).toBe(first.documents);
    expect(again.pending).toBe(0);
    const after = await ls(ws);
    expect(after.map(lsKey)).toEqual(before.map(lsKey));
  });

  it('counts every new document of a first ingest in added, archive members and attachments included', async () => {
    // IngestSummary.added: "Documents registered in this run (new content), members included".
    const ws = fresh('added');
    const first = await ingest(ws, ['test/fixtures'], { ocr: false });
    const rows = await ls(ws);
    expect(rows.some((r) => r.parent !== null)).toBe(true);
    expect(first.documents).toBe(rows.length);
    expect(first.added).toBe(rows.length);
  });

  it('adds a file given again under another path as a second path, not a second document', async () => {
    const ws = fresh('rerun-path');
    await ingest(ws, ['test/fixtures/text']);
    const again = await ingest(ws, ['./test/fixtures/text/utf8.txt']);
    expect(again.added).toBe(0);
    const rows = await ls(ws);
    expect(rows.filter((r) => r.path.endsWith('utf8.txt'))).toHaveLength(1);
    expect(allPaths(ws).filter((p) => p.path.endsWith('utf8.txt')).map((p) => p.path).sort()).toEqual(['./test/fixtures/text/utf8.txt', 'test/fixtures/text/utf8.txt']);
  });
});

describe('kill -9 in the middle of an ingest', () => {
  const sources = [EMAIL_CORPUS, 'test/fixtures'];
  const args = (ws: string) => ['ingest', ...sources, '--workspace', ws, '--json', '--quiet'];

  it(
    'resumes to the same result as a clean run, and a third run adds nothing',
    async () => {
      const killed = fresh('killed');
      const child = spawnCli(args(killed));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));

      // Wait until a good part is registered and some of it read, but not all (2000+ documents).
      const midway = await waitFor(() => {
        const { documents, done } = countDocuments(killed);
        return documents >= 300 && done >= 50;
      }, 120_000, 50);
      const workers = hasProc ? childPids(child.pid!) : [];
      const atKill = countDocuments(killed);
      child.kill('SIGKILL');
      const end = await exited;
      expect(midway, `the ingest never got going: ${stderr}`).toBe(true);
      expect(end.signal).toBe('SIGKILL');
      expect(atKill.done, 'the ingest finished before it could be killed').toBeLessThan(2000);

      // The extraction processes go away with their parent.
      if (hasProc) {
        expect(workers.length).toBeGreaterThanOrEqual(1);
        const gone = await waitFor(() => workers.every((pid) => !isAlive(pid)) && workersOf(killed).length === 0, 15_000);
        expect(gone, `orphaned extraction processes: ${workersOf(killed).join(', ')}`).toBe(true);
      }

      const resumed = await ingest(killed, sources);
      expect(resumed.pending).toBe(0);

      const clean = fresh('clean');
      const reference = await ingest(clean, sources);
      expect(reference.pending).toBe(0);
      expect(resumed.documents).toBe(reference.documents);
      expect(resumed.ok).toBe(reference.ok);
      expect(resumed.failed).toBe(reference.failed);

      const got = allPaths(killed).map(outcome).sort();
      const want = allPaths(clean).map(outcome).sort();
      expect(got.length).toBe(want.length);
      const gotSet = new Set(got);
      const wantSet = new Set(want);
      expect(got.filter((k) => !wantSet.has(k)), 'in the resumed workspace only').toEqual([]);
      expect(want.filter((k) => !gotSet.has(k)), 'in the clean workspace only').toEqual([]);

      // Documents as listed: same contents, same outcomes (ids may differ).
      const docKey = (r: LsRow) => JSON.stringify([r.sha256, r.status, r.reason ?? null, r.mime, r.sha256 === null ? r.path : null]);
      expect((await ls(killed)).map(docKey).sort()).toEqual((await ls(clean)).map(docKey).sort());

      const third = await ingest(killed, sources);
      expect(third.added).toBe(0);
      expect(third.documents).toBe(reference.documents);
      expect(allPaths(killed).map(outcome).sort()).toEqual(want);
      if (hasProc) expect(workersOf(killed)).toEqual([]);
    },
    600_000,
  );
});
