/**
 * Notes, tags and uploads in the workbench, through the real `dossier serve` (built CLI, real
 * SQLite, real extraction processes) and the CLI next to it.
 *
 * Workspace: collection `alpha` (two text memos and a two-page PDF), collection `bravo` (one
 * memo). People: `admin`; `rita` (reporter) and `ed` (editor) and `vic` (viewer), granted alpha;
 * `olga` (reporter), granted only bravo. The server's upload limit is 1.5 MB.
 *
 * Real: the server, the CLI, multipart bodies, the ingest of uploads (a corrupt PDF among them).
 * The OpenAPI check builds the app from dist/ in this process to read Hono's route table.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, ingest, ls, makeTempDir, makeWorkspace, removeDir, runCliOk, search, show } from './support/cli.js';
import { HttpClient, addUser, grant, pollUntil, startWorkbench, type HttpAnswer, type Workbench } from './support/workbench.js';

const PASSWORD = 'a-long-test-password-1';
const UPLOAD_LIMIT = 1_500_000;

let workspace: string;
let sources: string;
let server: Workbench;
let admin: HttpClient;
let rita: HttpClient;
let ed: HttpClient;
let vic: HttpClient;
let olga: HttpClient;
let anonymous: HttpClient;
let kingfisher: number;
let heron: number;
let pdf: number;
let osprey: number;

interface Note {
  id: number;
  documentId: number;
  author: string;
  page: number | null;
  start: number | null;
  end: number | null;
  quote: string | null;
  body: string;
  url: string;
  mayDelete: boolean;
}

interface Upload {
  id: number;
  state: string;
  collection: string;
  files: number;
  progress: { filesTotal?: number; filesDone?: number; extracted?: number; failed?: number; rate?: number; eta?: number | null; phase?: string; summary?: unknown };
  documents: { ok: number; failed: number; pending: number };
  failed: Array<{ id: number; path: string; reason: string | null; message: string | null }>;
  url: string;
}

/** A ZIP of stored (uncompressed) members: enough for a test, no library needed. */
function makeZip(entries: Array<[string, string]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

function files(form: FormData, list: Array<[string, Buffer | string]>): FormData {
  for (const [name, content] of list) form.append('files', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), name);
  return form;
}

const json = <T>(answer: HttpAnswer): T => JSON.parse(answer.body) as T;
const apiSearch = (client: HttpClient, q: string) => client.json<{ total: number; hits: Array<{ id: number; path: string; collection: string }> }>(`/api/search?q=${encodeURIComponent(q)}&limit=100`);
/** Send without the X-CSRF-Token header, as a browser form does (the token is in the form's csrf field). */
const asForm = { 'X-CSRF-Token': '' };

async function waitForUpload(client: HttpClient, id: number): Promise<Upload> {
  return pollUntil(`upload ${id} to finish`, async () => {
    const { upload } = await client.json<{ upload: Upload }>(`/api/uploads/${id}`);
    return upload.state === 'done' || upload.state === 'failed' ? upload : null;
  }, 180_000, 300);
}

beforeAll(async () => {
  workspace = makeWorkspace('notes-tags');
  sources = makeTempDir('dossier-notes-src-');
  const alphaDir = path.join(sources, 'alpha');
  const bravoDir = path.join(sources, 'bravo');
  fs.mkdirSync(alphaDir);
  fs.mkdirSync(bravoDir);
  fs.writeFileSync(path.join(alphaDir, 'kingfisher.txt'), 'The harbour ledger of KINGFISHER.\nThe shipment left the harbour at dawn, before the inspectors came.\nNobody signed for it.\n');
  fs.writeFileSync(path.join(alphaDir, 'heron.txt'), 'The harbour ledger of HERON.\nA quiet week at the harbour.\n');
  fs.copyFileSync(path.join(FIXTURES, 'pdf', 'two-pages.pdf'), path.join(alphaDir, 'two-pages.pdf'));
  fs.writeFileSync(path.join(bravoDir, 'osprey.txt'), 'OSPREY: the harbour plan of the other desk.\n');
  await ingest(workspace, [alphaDir], { collection: 'alpha', ocr: false });
  await ingest(workspace, [bravoDir], { collection: 'bravo', ocr: false });
  const rows = await ls(workspace);
  const idOf = (name: string) => rows.find((r) => path.basename(r.path) === name)!.id;
  [kingfisher, heron, pdf, osprey] = [idOf('kingfisher.txt'), idOf('heron.txt'), idOf('two-pages.pdf'), idOf('osprey.txt')];
  for (const [name, role] of [['admin', 'admin'], ['rita', 'reporter'], ['ed', 'editor'], ['vic', 'viewer'], ['olga', 'reporter']] as const) await addUser(workspace, name, role, PASSWORD);
  for (const name of ['rita', 'ed', 'vic']) await grant(workspace, name, 'alpha');
  await grant(workspace, 'olga', 'bravo');
  server = await startWorkbench(workspace, { DOSSIER_UPLOAD_MAX_BYTES: String(UPLOAD_LIMIT) });
  const signIn = (name: string) => HttpClient.signIn(server.url, name, PASSWORD);
  [admin, rita, ed, vic, olga] = await Promise.all([signIn('admin'), signIn('rita'), signIn('ed'), signIn('vic'), signIn('olga')]);
  anonymous = new HttpClient(server.url);
}, 300_000);

afterAll(async () => {
  if (server && server.process.exitCode !== null) console.error(`dossier serve exited early:\n${server.output()}`);
  await server?.stop();
  removeDir(workspace);
  removeDir(sources);
});

describe('notes on passages', () => {
  let formNote: Note;
  let apiNote: Note;

  it('the document page offers the note form, with labelled fields and stable names', async () => {
    const page = await rita.get(`/documents/${pdf}`);
    expect(page.status).toBe(200);
    for (const fragment of ['id="notes"', 'id="add-note"', `action="/documents/${pdf}/notes"`, 'name="page"', 'name="quote"', 'name="body"', 'name="start"', 'name="end"', 'for="note-page"', 'for="note-quote"', 'for="note-body"', 'id="tags"', 'id="add-tag"', 'name="tag"', '/assets/notes.js']) {
      expect(page.body, fragment).toContain(fragment);
    }
    // No inline script (the CSP forbids them): every script comes from /assets/.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('adds a note through the form without JavaScript: a page number and a pasted passage, located by the server', async () => {
    const text = (await show(workspace, pdf)).pages.find((p) => p.page === 2)!.text;
    const passage = text.trim().split(/\n/)[0]!.trim().slice(0, 40).trim();
    expect(passage.length).toBeGreaterThan(5);
    // Pasted with its spaces collapsed and a line break: the server still finds it.
    const pasted = passage.replace(/\s+/g, ' \n ');
    const answer = await rita.request('POST', `/documents/${pdf}/notes`, { headers: asForm, form: { csrf: rita.csrf!, page: '2', quote: pasted, start: '', end: '', body: 'Check this against the original ledger.' } });
    expect(answer.status, answer.body).toBe(303);
    expect(answer.location).toMatch(new RegExp(`^/documents/${pdf}#note-\\d+$`));
    const { notes } = await rita.json<{ notes: Note[] }>(`/api/documents/${pdf}/notes`);
    formNote = notes.find((n) => answer.location!.endsWith(`#note-${n.id}`))!;
    expect(formNote).toMatchObject({ page: 2, author: 'rita', body: 'Check this against the original ledger.', mayDelete: true });
    expect(text.slice(formNote.start!, formNote.end!)).toBe(formNote.quote);
    expect(formNote.quote!.replace(/\s+/g, ' ')).toBe(passage.replace(/\s+/g, ' '));
    expect(formNote.url).toBe(`/documents/${pdf}#note-${formNote.id}`);
  });

  it('adds a note from a selection (page, offsets and quote, as notes.js sends them) through the form and the API', async () => {
    const text = (await show(workspace, kingfisher)).pages[0]!.text;
    const quote = 'left the harbour at dawn';
    const start = text.indexOf(quote);
    const viaForm = await rita.request('POST', `/documents/${kingfisher}/notes`, { headers: asForm, form: { csrf: rita.csrf!, page: '1', quote, start: String(start), end: String(start + quote.length), body: 'Who saw it leave?' } });
    expect(viaForm.status, viaForm.body).toBe(303);
    const api = await rita.request('POST', `/api/documents/${kingfisher}/notes`, { json: { page: 1, start, end: start + quote.length, quote, body: 'The inspectors came later.' } });
    expect(api.status, api.body).toBe(201);
    apiNote = json<{ note: Note }>(api).note;
    expect(apiNote).toMatchObject({ documentId: kingfisher, page: 1, start, end: start + quote.length, quote });
    // Offsets a little off (a rendering that counted differently): the quote is found near them.
    const shifted = await rita.request('POST', `/api/documents/${kingfisher}/notes`, { json: { page: 1, start: start + 3, end: start + 3 + quote.length, quote, body: 'Shifted offsets.' } });
    expect(json<{ note: Note }>(shifted).note).toMatchObject({ start, end: start + quote.length });
    // The second "harbour" on the page, chosen by its offset.
    const second = text.indexOf('harbour', text.indexOf('harbour') + 1);
    const near = await rita.request('POST', `/api/documents/${kingfisher}/notes`, { json: { page: 1, start: second, end: second + 7, quote: 'harbour', body: 'The second one.' } });
    expect(json<{ note: Note }>(near).note.start).toBe(second);
    // A note on the whole document.
    const whole = await rita.request('POST', `/api/documents/${kingfisher}/notes`, { json: { body: 'Whole-document note.' } });
    expect(json<{ note: Note }>(whole).note).toMatchObject({ page: null, start: null, quote: null });
  });

  it('refuses a passage that is not on the page, and an empty note', async () => {
    const missing = await rita.request('POST', `/api/documents/${kingfisher}/notes`, { json: { page: 1, quote: 'words that are nowhere in it', body: 'x' } });
    expect(missing.status).toBe(400);
    expect(json<{ error: { code: string } }>(missing).error.code).toBe('invalid_argument');
    const empty = await rita.request('POST', `/documents/${kingfisher}/notes`, { headers: asForm, form: { csrf: rita.csrf!, page: '', quote: '', body: '   ' } });
    expect(empty.status).toBe(400);
  });

  it("another member of the collection's team reads the notes: per document, per collection, on the document page", async () => {
    const { notes } = await ed.json<{ notes: Note[] }>(`/api/documents/${kingfisher}/notes`);
    expect(notes.map((n) => n.body)).toContain('The inspectors came later.');
    const byCollection = await ed.json<{ total: number; notes: Note[] }>('/api/collections/alpha/notes');
    expect(byCollection.notes.map((n) => n.id)).toEqual(expect.arrayContaining([formNote.id, apiNote.id]));
    expect(byCollection.notes.find((n) => n.id === apiNote.id)!.url).toBe(`/documents/${kingfisher}#note-${apiNote.id}`);
    const page = await ed.get('/collections/alpha/notes');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`href="/documents/${kingfisher}#note-${apiNote.id}"`);
    expect(page.body).toContain('The inspectors came later.');
    const doc = await ed.get(`/documents/${kingfisher}`);
    expect(doc.body).toContain(`id="note-${apiNote.id}"`);
    expect(doc.body).toContain(`data-start="${apiNote.start}"`);
    expect(doc.body).toContain('Who saw it leave?');
  });

  it('a user without the grant gets 404 for the document and its notes, exactly as for a missing one, and never sees them listed', async () => {
    for (const [url, control] of [
      [`/documents/${kingfisher}`, '/documents/987654321'],
      [`/api/documents/${kingfisher}/notes`, '/api/documents/987654321/notes'],
      ['/api/collections/alpha/notes', '/api/collections/no-such-collection/notes'],
      ['/collections/alpha/notes', '/collections/no-such-collection/notes'],
      ['/api/collections/alpha/tags', '/api/collections/no-such-collection/tags'],
    ] as const) {
      const answer = await olga.get(url);
      const missing = await olga.get(control);
      expect(answer.status, url).toBe(404);
      expect(answer.body, url).toBe(missing.body);
      expect(answer.body).not.toContain('inspectors');
    }
    const write = await olga.request('POST', `/api/documents/${kingfisher}/notes`, { json: { body: 'from outside' } });
    expect(write.status).toBe(404);
    const own = await olga.json<{ notes: Note[] }>('/api/collections/bravo/notes');
    expect(own.notes).toEqual([]);
    expect((await anonymous.get(`/api/documents/${kingfisher}/notes`)).status).toBe(401);
    expect((await anonymous.get('/api/collections/alpha/notes')).status).toBe(401);
  });

  it('a viewer reads notes but may not write them (403), and the page offers no form', async () => {
    expect((await vic.json<{ notes: Note[] }>(`/api/documents/${kingfisher}/notes`)).notes.length).toBeGreaterThan(0);
    const api = await vic.request('POST', `/api/documents/${kingfisher}/notes`, { json: { body: 'a viewer note' } });
    expect(api.status).toBe(403);
    const form = await vic.request('POST', `/documents/${kingfisher}/notes`, { headers: asForm, form: { csrf: vic.csrf!, body: 'a viewer note' } });
    expect(form.status).toBe(403);
    expect((await vic.request('DELETE', `/api/documents/${kingfisher}/notes/${apiNote.id}`)).status).toBe(403);
    const page = await vic.get(`/documents/${kingfisher}`);
    expect(page.body).toContain('Who saw it leave?');
    expect(page.body).not.toContain('id="add-note"');
    expect(page.body).not.toContain('id="add-tag"');
  });

  it('deletes: the author their own note, an editor anyone’s; a reporter not someone else’s', async () => {
    const edNote = json<{ note: Note }>(await ed.request('POST', `/api/documents/${heron}/notes`, { json: { page: 1, quote: 'quiet week', body: "Ed's note." } })).note;
    expect((await rita.request('DELETE', `/api/documents/${heron}/notes/${edNote.id}`)).status).toBe(403);
    expect((await rita.request('DELETE', `/api/documents/${kingfisher}/notes/${edNote.id}`)).status).toBe(404); // not a note of that document
    expect((await ed.request('DELETE', `/api/documents/${kingfisher}/notes/${apiNote.id}`)).status).toBe(204);
    const viaForm = await rita.request('POST', `/documents/${pdf}/notes/${formNote.id}/delete`, { headers: asForm, form: { csrf: rita.csrf! } });
    expect(viaForm.status).toBe(303);
    const left = (await rita.json<{ notes: Note[] }>('/api/collections/alpha/notes')).notes.map((n) => n.id);
    expect(left).not.toContain(apiNote.id);
    expect(left).not.toContain(formNote.id);
    expect(left).toContain(edNote.id);
  });

  it('records note actions in the audit log', async () => {
    const audit = await admin.json<{ entries: Array<{ action: string; username: string; documentId: number | null; detail: Record<string, unknown> }> }>('/api/audit?action=note&limit=200');
    const ops = audit.entries.filter((e) => e.action === 'note').map((e) => `${e.username} ${String(e.detail.op)} ${e.documentId}`);
    expect(ops).toContain(`rita add ${kingfisher}`);
    expect(ops).toContain(`ed delete ${kingfisher}`);
  });
});

describe('tags', () => {
  it('tags a document by form and API, with names normalised', async () => {
    const form = await rita.request('POST', `/documents/${kingfisher}/tags`, { headers: asForm, form: { csrf: rita.csrf!, tag: '  To Verify ' } });
    expect(form.status, form.body).toBe(303);
    expect(form.location).toBe(`/documents/${kingfisher}#tags`);
    const api = await ed.request('POST', `/api/documents/${kingfisher}/tags`, { json: { tag: 'Kingfisher Lead' } });
    expect(api.status).toBe(201);
    expect(json<{ tag: string }>(api).tag).toBe('kingfisher-lead');
    const { tags } = await rita.json<{ tags: Array<{ tag: string; author: string }> }>(`/api/documents/${kingfisher}/tags`);
    expect(tags.map((t) => t.tag)).toEqual(['kingfisher-lead', 'to-verify']);
    expect((await rita.request('POST', `/api/documents/${kingfisher}/tags`, { json: { tag: 'a/b' } })).status).toBe(400);
    expect((await rita.request('POST', `/api/documents/${kingfisher}/tags`, { json: { tag: 'x'.repeat(65) } })).status).toBe(400);
    expect((await vic.request('POST', `/api/documents/${kingfisher}/tags`, { json: { tag: 'viewer-tag' } })).status).toBe(403);
    expect((await olga.request('POST', `/api/documents/${kingfisher}/tags`, { json: { tag: 'outsider' } })).status).toBe(404);
    const page = await rita.get(`/documents/${kingfisher}`);
    expect(page.body).toContain('data-tag="to-verify"');
    expect(page.body).toContain(`action="/documents/${kingfisher}/tags/to-verify/delete"`);
  });

  it('tag:NAME finds the tagged document and -tag:NAME leaves it out, in the API and the CLI', async () => {
    expect((await apiSearch(rita, 'harbour tag:to-verify')).hits.map((h) => h.id)).toEqual([kingfisher]);
    expect((await apiSearch(rita, 'harbour -tag:to-verify')).hits.map((h) => h.id)).toEqual([heron]);
    expect((await apiSearch(rita, 'tag:"To Verify"')).hits.map((h) => h.id)).toEqual([kingfisher]);
    // The other desk's document is tagged too, but rita's search never shows it.
    expect((await admin.request('POST', `/api/documents/${osprey}/tags`, { json: { tag: 'to-verify' } })).status).toBe(201);
    expect((await apiSearch(rita, 'tag:to-verify')).hits.map((h) => h.id)).toEqual([kingfisher]);
    const cli = await search(workspace, 'harbour tag:to-verify');
    expect(cli.hits.map((h) => h.id).sort((a, b) => a - b)).toEqual([kingfisher, osprey].sort((a, b) => a - b));
    const excluded = await search(workspace, 'harbour -tag:to-verify');
    expect(excluded.hits.map((h) => h.id)).toEqual([heron]);
    const both = await search(workspace, 'tag:to-verify tag:kingfisher-lead');
    expect(both.hits.map((h) => h.id)).toEqual([kingfisher]);
    const faceted = JSON.parse((await runCliOk(['search', 'harbour', '--facets', '--json', '--workspace', workspace])).stdout) as { facets: { tag?: Record<string, number> } };
    expect(faceted.facets.tag).toEqual({ 'to-verify': 2, 'kingfisher-lead': 1 });
    const bad = await rita.get(`/api/search?q=${encodeURIComponent('tag:a/b')}`);
    expect(bad.status).toBe(400);
  });

  it('lists tags with counts per collection, each a search link', async () => {
    const counts = await rita.json<{ tags: Array<{ tag: string; documents: number }> }>('/api/collections/alpha/tags');
    expect(counts.tags).toEqual([{ tag: 'kingfisher-lead', documents: 1 }, { tag: 'to-verify', documents: 1 }]);
    const page = await rita.get('/collections/alpha/tags');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`href="/search?q=${encodeURIComponent('tag:to-verify collection:alpha')}"`);
  });

  it('removes a tag by form and API; searches follow; the audit log has it', async () => {
    const form = await rita.request('POST', `/documents/${kingfisher}/tags/to-verify/delete`, { headers: asForm, form: { csrf: rita.csrf! } });
    expect(form.status).toBe(303);
    expect((await rita.request('DELETE', `/api/documents/${kingfisher}/tags/kingfisher-lead`)).status).toBe(204);
    expect((await apiSearch(rita, 'tag:to-verify')).total).toBe(0);
    const audit = await admin.json<{ entries: Array<{ action: string; detail: Record<string, unknown> }> }>('/api/audit?action=tag&limit=100');
    expect(audit.entries.map((e) => `${String(e.detail.op)} ${String(e.detail.tag)}`)).toEqual(expect.arrayContaining(['add to-verify', 'remove to-verify', 'remove kingfisher-lead']));
  });
});

describe('uploads and their progress', () => {
  it('the upload page is a plain multipart form with labelled fields', async () => {
    const page = await rita.get('/upload');
    expect(page.status).toBe(200);
    for (const fragment of ['id="upload-form"', 'enctype="multipart/form-data"', 'name="collection"', 'name="files"', 'multiple', 'for="upload-files"', 'id="drop-zone"', '/assets/upload.js']) expect(page.body, fragment).toContain(fragment);
    expect(page.body).not.toContain('name="new_collection"'); // reporters choose among their collections
    expect(page.body).not.toContain('>bravo<');
    expect((await ed.get('/upload')).body).not.toContain('name="new_collection"'); // only admins create collections
    expect((await admin.get('/upload')).body).toContain('name="new_collection"');
    expect((await vic.get('/upload')).body).not.toContain('id="upload-form"');
  });

  it('ingests two files, a ZIP and a corrupt PDF sent as multipart; progress until done; failures with their reason; searchable', async () => {
    const form = files(new FormData(), [
      ['pelican-one.txt', 'PELICAN report one: the harbour again.\n'],
      ['pelican-two.txt', 'PELICAN report two.\n'],
      ['bundle.zip', makeZip([['inner/pelican-three.txt', 'PELICAN report three, inside a ZIP.\n']])],
      ['broken.pdf', fs.readFileSync(path.join(FIXTURES, 'pdf', 'truncated.pdf'))],
    ]);
    form.set('collection', 'alpha');
    const answer = await rita.request('POST', '/api/uploads', { body: form });
    expect(answer.status, answer.body).toBe(202);
    const created = json<{ upload: Upload }>(answer).upload;
    expect(created).toMatchObject({ collection: 'alpha', files: 4, url: `/uploads/${created.id}` });
    const live = await rita.get(`/uploads/${created.id}`);
    expect(live.status).toBe(200);
    if (/data-state="(queued|running)"/.test(live.body)) {
      expect(live.body).toContain('<noscript><meta http-equiv="refresh"');
      expect(live.body).toContain('/assets/upload-progress.js');
    }
    const done = await waitForUpload(rita, created.id);
    expect(done.state).toBe('done');
    expect(done.progress).toMatchObject({ filesTotal: 4, filesDone: 4, phase: 'done' });
    expect(done.progress.extracted).toBeGreaterThanOrEqual(5);
    expect(done.progress.rate).toBeGreaterThan(0);
    expect(done.progress).toHaveProperty('eta');
    expect(done.documents).toMatchObject({ ok: 4, failed: 1, pending: 0 });
    expect(done.failed).toEqual([expect.objectContaining({ path: 'broken.pdf', reason: 'corrupt' })]);
    expect(done.failed[0]!.message).toBeTruthy();
    const hits = await apiSearch(rita, 'PELICAN');
    expect(hits.total).toBe(3);
    expect(hits.hits.map((h) => h.path.split(/[/\\]/).slice(-3).join('/')).sort()).toEqual(['bundle.zip!/inner/pelican-three.txt', `uploads/${created.id}/pelican-one.txt`, `uploads/${created.id}/pelican-two.txt`].sort());
    const page = await rita.get(`/uploads/${created.id}`);
    expect(page.body).toContain('broken.pdf');
    expect(page.body).toContain('<code>corrupt</code>');
    expect(page.body).toContain('data-field="rate"');
    expect(page.body).not.toContain('http-equiv="refresh"');
    // The files were received into the (shared) blob folder and removed once stored.
    expect(fs.existsSync(path.join(workspace, 'blobs', 'uploads', String(created.id)))).toBe(false);
    const audit = await admin.json<{ entries: Array<{ username: string; detail: Record<string, unknown> }> }>('/api/audit?action=upload&limit=50');
    expect(audit.entries.some((e) => e.username === 'rita' && e.detail.upload === created.id && e.detail.files === 4)).toBe(true);
  });

  it('the form without JavaScript: csrf field before the files, then the progress page', async () => {
    const form = new FormData();
    form.set('csrf', rita.csrf!);
    form.set('collection', 'alpha');
    files(form, [['pelican-four.txt', 'PELICAN report four.\n']]);
    const answer = await rita.request('POST', '/upload', { headers: asForm, body: form });
    expect(answer.status, answer.body).toBe(303);
    expect(answer.location).toMatch(/^\/uploads\/\d+$/);
    const id = Number(answer.location!.split('/').pop());
    expect((await waitForUpload(rita, id)).documents).toMatchObject({ ok: 1, failed: 0 });
    // Without the token (no header, no field) nothing is stored.
    const forged = new FormData();
    forged.set('collection', 'alpha');
    files(forged, [['forged.txt', 'FORGED\n']]);
    expect((await rita.request('POST', '/upload', { headers: asForm, body: forged })).status).toBe(403);
  });

  it('queues uploads one at a time; an admin may start a new collection; others learn nothing of collections they were not granted', async () => {
    const nowhere = await ed.request('POST', '/api/uploads', { body: files(new FormData(), [['gull-a.txt', 'GULL a\n']]) });
    expect(nowhere.status).toBe(400); // no collection chosen
    const a = new FormData();
    a.set('new_collection', 'fresh leak');
    files(a, [['gull-a.txt', 'GULL in the fresh leak.\n']]);
    const b = new FormData();
    b.set('collection', 'alpha');
    files(b, [['gull-b.txt', 'GULL in alpha.\n']]);
    const [ua, ub] = await Promise.all([admin.request('POST', '/api/uploads', { body: a }), ed.request('POST', '/api/uploads', { body: b })]);
    expect(ua.status, ua.body).toBe(202);
    expect(ub.status, ub.body).toBe(202);
    const [da, db] = [await waitForUpload(admin, json<{ upload: Upload }>(ua).upload.id), await waitForUpload(ed, json<{ upload: Upload }>(ub).upload.id)];
    expect([da.state, db.state]).toEqual(['done', 'done']);
    expect(da.collection).toBe('fresh leak');
    expect((await apiSearch(admin, 'GULL')).hits.map((h) => h.collection).sort()).toEqual(['alpha', 'fresh leak']);
    expect((await apiSearch(ed, 'GULL')).hits.map((h) => h.collection)).toEqual(['alpha']);
    expect((await apiSearch(rita, 'GULL')).hits.map((h) => h.collection)).toEqual(['alpha']);
    expect((await rita.get(`/api/uploads/${da.id}`)).status).toBe(404);
    // An editor naming a collection gets the same answer whether it exists (bravo, not granted) or not.
    const probe = async (name: string) => {
      const form = new FormData();
      form.set('new_collection', name);
      files(form, [['probe.txt', 'probe\n']]);
      const answer = await ed.request('POST', '/api/uploads', { body: form });
      return { status: answer.status, body: answer.body.split(name).join('NAME') };
    };
    const taken = await probe('bravo');
    expect(taken.status).toBe(403);
    expect(await probe('no-such-collection')).toEqual(taken);
    const reporterNew = new FormData();
    reporterNew.set('new_collection', 'rita-own');
    files(reporterNew, [['x.txt', 'x\n']]);
    expect((await rita.request('POST', '/api/uploads', { body: reporterNew })).status).toBe(403);
  });

  it('reads a multipart body that arrives a few bytes at a time, look-alikes of the boundary included, byte for byte', async () => {
    const session = await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'rita', password: PASSWORD }) });
    const cookie = session.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrf } = (await session.json()) as { csrf: string };
    const boundary = 'XyZ0123';
    // Near-misses of the delimiter (CRLF--XyZ0123) inside the file: one character short, one dash short.
    const content = 'DRIPPING report: line one\r\n--XyZ012 is not the boundary\r\n-XyZ0123 nor is this\r\nend 新疆\n';
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="collection"\r\n\r\nalpha\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="drip.txt"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`,
      'utf8',
    );
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        for (let i = 0; i < body.length; i += 5) {
          controller.enqueue(new Uint8Array(body.subarray(i, i + 5)));
          if (i % 50 === 0) await new Promise((r) => setTimeout(r, 2));
        }
        controller.close();
      },
    });
    const answer = await fetch(`${server.url}/api/uploads`, { method: 'POST', headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': `multipart/form-data; boundary=${boundary}` }, body: stream, duplex: 'half' } as RequestInit);
    expect(answer.status, await answer.clone().text()).toBe(202);
    const done = await waitForUpload(rita, ((await answer.json()) as { upload: Upload }).upload.id);
    expect(done.documents).toMatchObject({ ok: 1, failed: 0 });
    const hit = (await apiSearch(rita, 'DRIPPING')).hits[0]!;
    const stored = (await show(workspace, hit.id)).text;
    expect(stored.replace(/\r\n/g, '\n').trim()).toBe(content.replace(/\r\n/g, '\n').trim());
  });

  it('refuses path tricks in file names, other collections, viewers and uploads over the limit, storing nothing', async () => {
    const before = (await admin.json<{ uploads: Upload[] }>('/api/uploads')).uploads.length;
    for (const name of ['../evil.txt', 'a/b.txt', '..\\evil.txt', 'C:evil.txt']) {
      const form = new FormData();
      form.set('collection', 'alpha');
      files(form, [[name, 'EVIL\n']]);
      const answer = await rita.request('POST', '/api/uploads', { body: form });
      expect(answer.status, name).toBe(400);
      expect(json<{ error: { message: string } }>(answer).error.message).toMatch(/file name/);
    }
    const into = new FormData();
    into.set('collection', 'bravo');
    files(into, [['x.txt', 'x\n']]);
    const refused = await rita.request('POST', '/api/uploads', { body: into });
    const unknown = new FormData();
    unknown.set('collection', 'no-such-collection');
    files(unknown, [['x.txt', 'x\n']]);
    const control = await rita.request('POST', '/api/uploads', { body: unknown });
    expect(refused.status).toBe(403);
    expect(refused.body.replace('bravo', 'NAME')).toBe(control.body.replace('no-such-collection', 'NAME'));
    const viewer = new FormData();
    viewer.set('collection', 'alpha');
    files(viewer, [['x.txt', 'x\n']]);
    expect((await vic.request('POST', '/api/uploads', { body: viewer })).status).toBe(403);
    // Over the limit: found while streaming (no Content-Length check can catch it, the body is close to the limit).
    const big = new FormData();
    big.set('collection', 'alpha');
    files(big, [['big.txt', 'B'.repeat(UPLOAD_LIMIT + 100_000)]]);
    const tooLarge = await rita.request('POST', '/api/uploads', { body: big });
    expect(tooLarge.status).toBe(413);
    expect(json<{ error: { code: string } }>(tooLarge).error.code).toBe('too_large');
    expect((await admin.json<{ uploads: Upload[] }>('/api/uploads')).uploads.length).toBe(before);
    const left = fs.existsSync(path.join(workspace, 'uploads')) ? fs.readdirSync(path.join(workspace, 'uploads')) : [];
    expect(left.filter((n) => n.startsWith('incoming-'))).toEqual([]);
    expect(fs.existsSync(path.join(workspace, 'evil.txt'))).toBe(false);
    expect((await anonymous.request('POST', '/api/uploads', { body: viewer })).status).toBe(401);
  });
});

describe('OpenAPI', () => {
  it('documents every route the app registers under /api, and serves the description and a page', async () => {
    const main = (await import(path.join(ROOT, 'dist', 'main.js'))) as { openApp(input: { workspace: string }): Promise<Record<string, unknown> & { close(): Promise<void> }> };
    const { buildWorkbench } = (await import(path.join(ROOT, 'dist', 'http', 'app.js'))) as { buildWorkbench(deps: unknown): { routes: Array<{ method: string; path: string }> } };
    const scratch = makeWorkspace('openapi');
    const app = await main.openApp({ workspace: scratch });
    let routes: Array<{ method: string; path: string }>;
    try {
      routes = buildWorkbench(app).routes;
      await new Promise((r) => setTimeout(r, 200)); // the upload runner's start-up query
    } finally {
      await app.close();
      removeDir(scratch);
    }
    const registered = [...new Set(routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`))];
    expect(registered.length).toBeGreaterThan(20);
    const doc = await rita.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
    expect(doc.openapi).toBe('3.1.0');
    // Parameter names may differ ({id} vs {noteId}); compare the shapes.
    const shape = (route: string) => route.replace(/\{\w+\}/g, '{}');
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => shape(`${m.toUpperCase()} ${p}`))));
    expect(registered.filter((r) => !documented.has(shape(r)))).toEqual([]);
    const page = await rita.get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toMatch(/text\/html/);
    for (const fragment of ['/api/search', '/api/documents/{id}/notes', '/api/uploads', 'href="/api/openapi.json"']) expect(page.body).toContain(fragment);
    expect((await anonymous.get('/api/openapi.json')).status).toBe(401);
  });
});
