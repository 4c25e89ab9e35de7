/**
 * `dossier serve` answers searches on worker threads with their own connections
 * (search/search-threads.ts, src/search-thread.ts): the answers must be the CLI's, in every mode
 * and match setting (`any` re-ranks by proximity, which writes a temp table on the thread's
 * connection), errors must keep their HTTP status, and a document ingested by another process
 * while the server runs must be found (what a thread remembers about the index is dropped when
 * the index changes).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, makeTempDir, makeWorkspace, removeDir, search } from './support/cli.js';
import { addUser, HttpClient, pollUntil, startWorkbench, type Workbench } from './support/workbench.js';

let workspace: string;
let folder: string;
let server: Workbench;
let client: HttpClient;

const paragraphs = [
  '中华人民共和国劳动合同法规定，用人单位应当依法建立和完善劳动规章制度。',
  'The kernel delivers the signal to the handler the process installed.',
  '人民法院依照法律规定独立行使审判权，不受行政机关干涉。',
  'A man page documents the signal handler and the kernel interface.',
];

beforeAll(async () => {
  workspace = makeWorkspace('search-threads');
  folder = makeTempDir('search-threads-files-');
  paragraphs.forEach((text, i) => fs.writeFileSync(path.join(folder, `doc-${i}.txt`), `${text}\n\n${paragraphs[(i + 1) % paragraphs.length]}\n`));
  await ingest(workspace, [folder], { ocr: false });
  await addUser(workspace, 'admin', 'admin', 'threads-password-1');
  server = await startWorkbench(workspace, { DOSSIER_SEARCH_THREADS: '2' });
  await pollUntil('the search threads', async () => /Searches now run on 2 threads/.test(server.output()), 60_000);
  client = await HttpClient.signIn(server.url, 'admin', 'threads-password-1');
}, 400_000);

afterAll(async () => {
  await server?.stop();
  removeDir(workspace);
  removeDir(folder);
});

type Hit = { id: number; page: number; snippet: string; highlights?: unknown; matched?: unknown };
const api = (q: string, mode: string, match: string) => client.json<{ total: number; hits: Hit[] }>(`/api/search?${new URLSearchParams({ q, mode, match })}`);

describe('searches on threads', () => {
  const cases: Array<[string, string, string]> = [
    ['kernel signal', 'normalised', 'all'],
    ['the kernel handler', 'normalised', 'any'],
    ['劳动合同', 'normalised', 'all'],
    ['人民法院依照法律规定行使审判权吗？', 'normalised', 'any'],
    ['renmin fayuan', 'cross-script', 'all'],
    ['"man page"', 'exact', 'all'],
  ];
  for (const [q, mode, match] of cases) {
    it(`answers as the CLI does: ${q} (${mode}, ${match})`, async () => {
      const cli = await search(workspace, q, ['--mode', mode, '--match', match]);
      const http = await api(q, mode, match);
      expect(cli.total).toBeGreaterThan(0);
      expect(http.total).toBe(cli.total);
      expect(http.hits.map((h) => [h.id, h.page, h.snippet])).toEqual(cli.hits.map((h) => [h.id, h.page, h.snippet]));
    });
  }

  it('keeps a bad query a 400 with its error code', async () => {
    const answer = await client.get(`/api/search?${new URLSearchParams({ q: 'kernel', mode: 'sideways' })}`);
    expect(answer.status).toBe(400);
    expect((JSON.parse(answer.body) as { error: { code: string } }).error.code).toBe('invalid_argument');
  });

  it('finds a document another process ingested while it runs', async () => {
    expect((await api('zebrafinch', 'normalised', 'all')).total).toBe(0);
    const before = (await api('kernel', 'normalised', 'all')).total;
    const later = makeTempDir('search-threads-later-');
    fs.writeFileSync(path.join(later, 'late.txt'), 'A zebrafinch sang near the kernel of the matter.\n');
    await ingest(workspace, [later], { ocr: false, collection: 'later' });
    removeDir(later);
    const found = await api('zebrafinch', 'normalised', 'all');
    expect(found.total).toBe(1);
    expect(found.hits[0]!.snippet).toContain('<mark>zebrafinch</mark>');
    // A word asked before counts the new document too (the thread's remembered matches are dropped).
    expect((await api('kernel', 'normalised', 'all')).total).toBe(before + 1);
  });
});
