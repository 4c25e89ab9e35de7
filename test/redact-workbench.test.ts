/**
 * Redaction in the workbench: the JSON API and the page's forms call the same commands as the CLI.
 * An editor marks by text (as a selection fills the form), removes a mark, applies, and sees the
 * derivative beside the original with the check's report; a reporter may read but not redact; bad
 * input is a 400 with a stable code. Real: `dossier serve`, a PDF written by MuPDF, poppler.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, makeTempDir, removeDir, ls } from './support/cli.js';
import { HttpClient, addUser, grant, startWorkbench, type Workbench } from './support/workbench.js';
import { writePdf } from './support/redact-pdfs.js';

let dir: string;
let server: Workbench;
let editor: HttpClient;
let reporter: HttpClient;
let id: number;

beforeAll(async () => {
  dir = makeTempDir('dossier-redact-web-');
  const workspace = path.join(dir, 'ws');
  fs.mkdirSync(path.join(dir, 'in'));
  fs.writeFileSync(path.join(dir, 'in', 'memo.pdf'), writePdf([{ lines: ['The witness Wang Lihua met 陈全国.', 'Nothing else here.'] }], { author: 'Wang Lihua' }));
  await ingest(workspace, [path.join(dir, 'in')], { ocr: false });
  id = (await ls(workspace))[0]!.id;
  await addUser(workspace, 'eve', 'editor', 'correct-horse-battery');
  await addUser(workspace, 'rita', 'reporter', 'correct-horse-battery');
  await grant(workspace, 'eve', 'default');
  await grant(workspace, 'rita', 'default');
  server = await startWorkbench(workspace);
  editor = await HttpClient.signIn(server.url, 'eve', 'correct-horse-battery');
  reporter = await HttpClient.signIn(server.url, 'rita', 'correct-horse-battery');
}, 400_000);

afterAll(async () => {
  await server?.stop();
  removeDir(dir);
});

describe('redaction in the workbench', () => {
  it('marks by the form a selection fills, and by the API; removes a pending mark', async () => {
    const form = await editor.request('POST', `/documents/${id}/redactions`, { form: { kind: 'text', text: 'Wang Lihua', page: '1' } });
    expect(form.status).toBe(303);
    const api = await editor.request('POST', `/api/documents/${id}/redactions`, { json: { kind: 'text', text: '陳全國' } });
    expect(api.status).toBe(201);
    const extra = await editor.request('POST', `/api/documents/${id}/redactions`, { json: { kind: 'page', page: 1 } });
    const extraId = (JSON.parse(extra.body) as { marks: Array<{ id: number }> }).marks[0]!.id;
    expect((await editor.request('DELETE', `/api/documents/${id}/redactions/${extraId}`)).status).toBe(204);
    const listed = await editor.json<{ marks: Array<{ text?: string; page: number | null }> }>(`/api/documents/${id}/redactions`);
    expect(listed.marks.map((m) => [m.text, m.page])).toEqual([['Wang Lihua', 1], ['陳全國', null]]);
  });

  it('refuses bad input with 400 and a reporter with 403', async () => {
    const outside = await editor.request('POST', `/api/documents/${id}/redactions`, { json: { kind: 'box', page: 1, x: 5000, y: 0, w: 10, h: 10 } });
    expect(outside.status).toBe(400);
    expect(JSON.parse(outside.body)).toMatchObject({ error: { code: 'invalid_argument' } });
    expect((await reporter.request('POST', `/api/documents/${id}/redactions/apply`)).status).toBe(403);
  });

  it('applies, shows the derivative beside the original with the check, and serves the redacted PDF', async () => {
    const applied = await editor.request('POST', `/api/documents/${id}/redactions/apply`);
    expect(applied.status).toBe(201);
    expect(JSON.parse(applied.body)).toMatchObject({ pages: 1, check: { ok: true, leaks: [], revisions: 1, metadata: [] } });
    const page = await reporter.get(`/documents/${id}/redact`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Check passed');
    expect(page.body).toContain(`/documents/${id}/redacted/pages/1/image`);
    expect(page.body).not.toContain('Mark text');
    const pdf = await editor.request('GET', `/documents/${id}/redacted.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.body.startsWith('%PDF')).toBe(true);
    const image = await editor.get(`/documents/${id}/redacted/pages/1/image`);
    expect(image.headers.get('content-type')).toBe('image/png');
    const check = await editor.request('POST', `/api/documents/${id}/redactions/check`);
    expect(JSON.parse(check.body)).toMatchObject({ check: { ok: true } });
  });
});
