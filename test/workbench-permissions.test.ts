/**
 * The permission walk: every route of the workbench, requested by a reporter granted only
 * collection alpha, with the real ids of collection bravo's documents, notes, tags, page images,
 * upload, entities mentioned only in bravo, and an admin's watch-list — and anonymously.
 *
 * Nothing of bravo may come back: what is bravo's answers 404, byte for byte the answer for an id
 * that does not exist; role-only routes answer 403; lists (search, facets, entities, collections,
 * notes, uploads, watch-lists) never include bravo; no body ever holds bravo's titles, paths, text,
 * note bodies, tags or entity names. Anonymous API requests answer 401 and anonymous pages send
 * the browser to /login.
 *
 * The routes are listed here (the server exposes no route table). Two tests keep the list whole:
 * one fails when GET /api/openapi.json documents a path the list lacks, one when a route file in
 * src/http/routes registers a path the list lacks (read as text, not imported).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ls, type LsRow } from './support/cli.js';
import { ALPHA, BRAVO, BRAVO_MARKER, PASSWORDS, openNewsroom, type Newsroom } from './support/newsroom.js';
import { HttpClient, pollUntil, type HttpAnswer } from './support/workbench.js';

type Method = 'GET' | 'POST' | 'DELETE';
/**
 * - hidden: names something of bravo; 404, identical to the answer for a missing id
 * - role: needs a role the reporter lacks; 403
 * - open: the reporter's own view (lists, forms, her account); must not mention bravo
 * - into: writes into the collection named in the body (uploads); refused like a missing collection
 * - session: signing in and out
 * - public: served to anyone (the login page, assets)
 */
type Kind = 'hidden' | 'role' | 'open' | 'into' | 'session' | 'public';

interface Route {
  method: Method;
  path: string;
  kind: Kind;
  /** Request body: JSON for /api, a form otherwise, built from the ids in use. */
  body?: (v: Vars) => Body;
}

type Body = { json: unknown } | { form: Record<string, string> } | { multipart: Array<[string, string | { name: string; text: string }]> };

interface Vars {
  doc: number;
  image: number;
  note: number;
  tag: string;
  collection: string;
  upload: number;
  entity: number;
  /** An entity the reporter may see (the other side of a merge). */
  ownEntity: number;
  watchlist: number;
  asset: string;
}

const MISSING = 987_654_321;

/** Every route of the workbench. Keep in step with src/http/routes (two tests below check). */
const ROUTES: Route[] = [
  // session
  { method: 'GET', path: '/login', kind: 'public' },
  { method: 'POST', path: '/login', kind: 'session', body: () => ({ form: { username: 'nobody', password: 'wrong-password' } }) },
  { method: 'POST', path: '/logout', kind: 'session' },
  { method: 'POST', path: '/api/session', kind: 'session', body: () => ({ json: { username: 'nobody', password: 'wrong-password' } }) },
  { method: 'DELETE', path: '/api/session', kind: 'session' },
  { method: 'GET', path: '/api/me', kind: 'open' },
  { method: 'GET', path: '/assets/:asset', kind: 'public' },
  // collections, search
  { method: 'GET', path: '/', kind: 'open' },
  { method: 'GET', path: '/api/collections', kind: 'open' },
  { method: 'GET', path: '/search', kind: 'open' },
  { method: 'GET', path: '/api/search', kind: 'open' },
  // documents
  { method: 'GET', path: '/documents/:doc', kind: 'hidden' },
  { method: 'GET', path: '/documents/:doc/file', kind: 'hidden' },
  { method: 'GET', path: '/api/documents/:doc/file', kind: 'hidden' },
  { method: 'GET', path: '/documents/:image/pages/1/image', kind: 'hidden' },
  { method: 'GET', path: '/api/documents/:doc', kind: 'hidden' },
  // notes
  { method: 'POST', path: '/documents/:doc/notes', kind: 'hidden', body: () => ({ form: { page: '1', quote: '', body: 'a note from outside' } }) },
  { method: 'POST', path: '/documents/:doc/notes/:note/delete', kind: 'hidden' },
  { method: 'GET', path: '/api/documents/:doc/notes', kind: 'hidden' },
  { method: 'POST', path: '/api/documents/:doc/notes', kind: 'hidden', body: () => ({ json: { body: 'a note from outside' } }) },
  { method: 'DELETE', path: '/api/documents/:doc/notes/:note', kind: 'hidden' },
  { method: 'GET', path: '/collections/:collection/notes', kind: 'hidden' },
  { method: 'GET', path: '/api/collections/:collection/notes', kind: 'hidden' },
  // tags
  { method: 'POST', path: '/documents/:doc/tags', kind: 'hidden', body: () => ({ form: { tag: 'outsider' } }) },
  { method: 'POST', path: '/documents/:doc/tags/:tag/delete', kind: 'hidden' },
  { method: 'GET', path: '/api/documents/:doc/tags', kind: 'hidden' },
  { method: 'POST', path: '/api/documents/:doc/tags', kind: 'hidden', body: () => ({ json: { tag: 'outsider' } }) },
  { method: 'DELETE', path: '/api/documents/:doc/tags/:tag', kind: 'hidden' },
  { method: 'GET', path: '/collections/:collection/tags', kind: 'hidden' },
  { method: 'GET', path: '/api/collections/:collection/tags', kind: 'hidden' },
  // redaction (issue 12)
  { method: 'GET', path: '/documents/:doc/redact', kind: 'hidden' },
  { method: 'POST', path: '/documents/:doc/redactions', kind: 'hidden', body: () => ({ form: { kind: 'text', text: 'ledger' } }) },
  { method: 'POST', path: '/documents/:doc/redactions/:note/delete', kind: 'hidden' },
  { method: 'POST', path: '/documents/:doc/redactions/apply', kind: 'hidden' },
  { method: 'POST', path: '/documents/:doc/redactions/check', kind: 'hidden' },
  { method: 'GET', path: '/documents/:doc/redacted.pdf', kind: 'hidden' },
  { method: 'GET', path: '/documents/:doc/redacted/pages/1/image', kind: 'hidden' },
  { method: 'GET', path: '/api/documents/:doc/redactions', kind: 'hidden' },
  { method: 'POST', path: '/api/documents/:doc/redactions', kind: 'hidden', body: () => ({ json: { kind: 'text', text: 'ledger' } }) },
  { method: 'DELETE', path: '/api/documents/:doc/redactions/:note', kind: 'hidden' },
  { method: 'POST', path: '/api/documents/:doc/redactions/apply', kind: 'hidden' },
  { method: 'POST', path: '/api/documents/:doc/redactions/check', kind: 'hidden' },
  // uploads
  { method: 'GET', path: '/upload', kind: 'open' },
  { method: 'POST', path: '/upload', kind: 'into', body: (v) => ({ multipart: [['collection', v.collection], ['files', { name: 'outsider.txt', text: 'from outside' }]] }) },
  { method: 'GET', path: '/uploads/:upload', kind: 'hidden' },
  { method: 'GET', path: '/api/uploads', kind: 'open' },
  { method: 'POST', path: '/api/uploads', kind: 'into', body: (v) => ({ multipart: [['collection', v.collection], ['files', { name: 'outsider.txt', text: 'from outside' }]] }) },
  { method: 'GET', path: '/api/uploads/:upload', kind: 'hidden' },
  // account
  { method: 'GET', path: '/account', kind: 'open' },
  { method: 'POST', path: '/account/password', kind: 'open', body: () => ({ form: { old_password: 'not-her-password', new_password: 'a-new-password-123', repeat_password: 'a-new-password-123' } }) },
  { method: 'POST', path: '/api/account/password', kind: 'open', body: () => ({ json: { oldPassword: 'not-her-password', newPassword: 'a-new-password-123' } }) },
  // admin
  { method: 'GET', path: '/publishing', kind: 'role' },
  { method: 'POST', path: '/publishing/comments/:id', kind: 'role', body: () => ({ form: { decision: 'approve' } }) },
  // the story editor (editors only) and a note's public/private button (the document's access, then the role)
  { method: 'GET', path: '/publishing/stories/new', kind: 'role' },
  { method: 'GET', path: '/publishing/stories/:slug/edit', kind: 'role' },
  { method: 'POST', path: '/publishing/stories', kind: 'role', body: () => ({ multipart: [['title', 'From outside'], ['body', 'text']] }) },
  { method: 'POST', path: '/publishing/stories/:slug/publish', kind: 'role' },
  { method: 'POST', path: '/publishing/stories/:slug/unpublish', kind: 'role' },
  { method: 'POST', path: '/documents/:doc/notes/:note/visibility', kind: 'hidden', body: () => ({ form: { visibility: 'public' } }) },
  { method: 'GET', path: '/admin/audit', kind: 'role' },
  { method: 'GET', path: '/admin/users', kind: 'role' },
  { method: 'POST', path: '/admin/grants', kind: 'role', body: (v) => ({ form: { user: 'alice', collection: v.collection, op: 'grant' } }) },
  { method: 'GET', path: '/api/audit', kind: 'role' },
  { method: 'GET', path: '/api/audit/verify', kind: 'role' },
  { method: 'GET', path: '/api/users', kind: 'role' },
  { method: 'POST', path: '/api/grants', kind: 'role', body: (v) => ({ json: { user: 'alice', collection: v.collection } }) },
  { method: 'DELETE', path: '/api/grants', kind: 'role', body: (v) => ({ json: { user: 'erin', collection: v.collection } }) },
  // API description
  { method: 'GET', path: '/api/openapi.json', kind: 'open' },
  { method: 'GET', path: '/api/docs', kind: 'open' },
  // entities
  { method: 'GET', path: '/entities', kind: 'open' },
  { method: 'GET', path: '/api/entities', kind: 'open' },
  { method: 'GET', path: '/entities/:entity', kind: 'hidden' },
  { method: 'GET', path: '/api/entities/:entity', kind: 'hidden' },
  { method: 'GET', path: '/api/documents/:doc/entities', kind: 'hidden' },
  { method: 'POST', path: '/entities/merge', kind: 'role', body: (v) => ({ form: { ids: String(v.entity) } }) },
  { method: 'POST', path: '/api/entities/merge', kind: 'role', body: (v) => ({ json: { ids: [v.ownEntity, v.entity] } }) },
  { method: 'POST', path: '/entities/:entity/split', kind: 'role', body: () => ({ form: { form: 'x' } }) },
  { method: 'POST', path: '/api/entities/:entity/split', kind: 'role', body: () => ({ json: { form: 'x' } }) },
  // watch-lists
  { method: 'GET', path: '/watchlists', kind: 'open' },
  { method: 'POST', path: '/watchlists', kind: 'open', body: () => ({ form: { name: 'walk list', names: 'Chen Quanguo' } }) },
  { method: 'GET', path: '/api/watchlists', kind: 'open' },
  { method: 'POST', path: '/api/watchlists', kind: 'open', body: () => ({ json: { name: 'walk list (API)', names: ['Chen Quanguo'] } }) },
  { method: 'GET', path: '/watchlists/:watchlist', kind: 'hidden' },
  { method: 'GET', path: '/api/watchlists/:watchlist', kind: 'hidden' },
  { method: 'GET', path: '/watchlists/:watchlist/results.csv', kind: 'hidden' },
  { method: 'GET', path: '/api/watchlists/:watchlist/csv', kind: 'hidden' },
  { method: 'POST', path: '/watchlists/:watchlist/rerun', kind: 'hidden' },
  { method: 'POST', path: '/api/watchlists/:watchlist/rerun', kind: 'hidden' },
  // verify
  { method: 'GET', path: '/compare', kind: 'hidden' },
  { method: 'GET', path: '/api/compare', kind: 'hidden' },
  { method: 'GET', path: '/api/documents/:doc/similar', kind: 'hidden' },
  { method: 'GET', path: '/api/verify', kind: 'role' },
  // translations (publish/translate)
  { method: 'GET', path: '/documents/:doc/translation', kind: 'hidden' },
  { method: 'POST', path: '/documents/:doc/translation/import', kind: 'hidden', body: (v) => ({ form: { from: String(v.doc) } }) },
  { method: 'POST', path: '/documents/:doc/translation/machine', kind: 'hidden', body: () => ({ form: {} }) },
  { method: 'POST', path: '/documents/:doc/translation/segments/:seg', kind: 'hidden', body: () => ({ form: { op: 'status', status: 'reviewed' } }) },
  { method: 'GET', path: '/api/documents/:doc/translation', kind: 'hidden' },
  { method: 'POST', path: '/api/documents/:doc/translation', kind: 'hidden', body: (v) => ({ json: { from: v.doc } }) },
  { method: 'POST', path: '/api/documents/:doc/translation/machine', kind: 'hidden', body: () => ({ json: {} }) },
  { method: 'POST', path: '/api/documents/:doc/translation/segments/:seg', kind: 'hidden', body: () => ({ json: { op: 'status', status: 'reviewed' } }) },
];

/** Query strings for the routes that need one. */
const QUERY: Record<string, string> = { '/search': `?q=${encodeURIComponent('新疆')}`, '/api/search': `?q=${encodeURIComponent('新疆')}&facets=1`, '/compare': '?a=:doc&b=:doc', '/api/compare': '?a=:doc&b=:doc' };

const fill = (template: string, v: Vars): string =>
  template.replace(/:(doc|image|note|tag|collection|upload|entity|watchlist|asset)\b/g, (_, key: keyof Vars) => encodeURIComponent(String(v[key])));

/** Send a route's request with a client. */
function send(client: HttpClient, route: Route, v: Vars): Promise<HttpAnswer> {
  const url = fill(route.path, v) + fill(QUERY[route.path] ?? '', v);
  const body = route.body?.(v);
  if (!body) return client.request(route.method, url);
  if ('json' in body) return client.request(route.method, url, { json: body.json });
  if ('form' in body) return client.request(route.method, url, { form: { ...body.form, csrf: client.csrf ?? '' } });
  const form = new FormData();
  form.append('csrf', client.csrf ?? '');
  for (const [name, value] of body.multipart) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([value.text], { type: 'text/plain' }), value.name);
  }
  return client.request(route.method, url, { body: form });
}

let room: Newsroom;
let admin: HttpClient;
let alice: HttpClient;
let erin: HttpClient;
let bravoRows: LsRow[];
let bravo: Vars;
let missing: Vars;
/** Strings that only bravo holds (lower-cased): any of them in a body is a leak. */
let secrets: string[];
let bravoOnlyEntities: Array<{ id: number; name: string }>;
/** An entity named in both collections. */
let sharedEntity: number;

interface EntityDetail {
  id: number;
  name: string;
  documentList: Array<{ id: number; collection: string }>;
  mentionList: Array<{ documentId: number }>;
  cooccurring: Array<{ id: number }>;
}

function leaks(body: string): string[] {
  const lower = body.toLowerCase();
  return secrets.filter((s) => lower.includes(s));
}

beforeAll(async () => {
  room = await openNewsroom({ ocr: true });
  admin = await HttpClient.signIn(room.url, 'admin', PASSWORDS.admin);
  alice = await HttpClient.signIn(room.url, 'alice', PASSWORDS.alice);
  erin = await HttpClient.signIn(room.url, 'erin', PASSWORDS.erin);

  bravoRows = await ls(room.workspace, ['--collection', BRAVO]);
  const alphaRows = await ls(room.workspace, ['--collection', ALPHA]);
  const byName = (name: string) => bravoRows.find((r) => path.basename(r.path) === name);
  const ledger = byName('zebrafinch-ledger.txt');
  const image = byName('english.png');
  if (!ledger || !image) throw new Error(`bravo lacks its files: ${bravoRows.map((r) => r.path).join(', ')}`);

  // bravo's notes, tags, upload and an admin's watch-list, made by the admin.
  const note = await admin.request('POST', `/api/documents/${ledger.id}/notes`, { json: { page: 1, quote: 'ZEBRAFINCH-B-4471', body: 'Zebrafinch note: protect the source' } });
  expect(note.status, note.body).toBe(201);
  const tag = await admin.request('POST', `/api/documents/${ledger.id}/tags`, { json: { tag: 'zebrafinch-lead' } });
  expect(tag.status, tag.body).toBe(201);
  const form = new FormData();
  form.append('collection', BRAVO);
  form.append('files', new Blob(['ZEBRAFINCH upload: the second ledger\n'], { type: 'text/plain' }), 'zebrafinch-upload.txt');
  const upload = await admin.request('POST', '/api/uploads', { body: form });
  expect(upload.status, upload.body).toBe(202);
  const uploadId = (JSON.parse(upload.body) as { upload: { id: number } }).upload.id;
  await pollUntil('the upload into bravo to finish', async () => {
    const state = (await admin.json<{ upload: { state: string } }>(`/api/uploads/${uploadId}`)).upload.state;
    return state === 'done' || state === 'failed';
  }, 400_000);
  const list = await admin.request('POST', '/api/watchlists', { json: { name: 'zebrafinch watch', names: ['欧阳振华', 'ZEBRAFINCH'] } });
  expect(list.status, list.body).toBe(202);
  const watchlistId = (JSON.parse(list.body) as { id: number }).id;

  // What alpha holds, to tell bravo-only strings from shared ones.
  const alphaText = (await Promise.all(alphaRows.map(async (r) => {
    const view = await admin.json<{ title: string | null; path: string; pages: Array<{ text: string }> }>(`/api/documents/${r.id}`);
    return [view.title ?? '', view.path, ...view.pages.map((p) => p.text)].join('\n');
  }))).join('\n').toLowerCase();
  const onlyBravo = (s: string | null | undefined) => !!s && s.trim().length >= 4 && !alphaText.includes(s.trim().toLowerCase());

  // Entities: bravo-only (every document mentioning them is bravo's) and one shared.
  const entities = await admin.json<{ entities: Array<{ id: number; name: string }> }>('/api/entities?limit=1000');
  bravoOnlyEntities = [];
  const shared: number[] = [];
  for (const e of entities.entities) {
    const detail = await admin.json<EntityDetail>(`/api/entities/${e.id}`);
    const collections = new Set(detail.documentList.map((d) => d.collection));
    if (collections.size === 1 && collections.has(BRAVO)) bravoOnlyEntities.push({ id: e.id, name: detail.name });
    if (collections.size === 2) shared.push(e.id);
  }
  if (bravoOnlyEntities.length === 0) throw new Error('no entity is mentioned only in bravo');
  if (shared.length === 0) throw new Error('no entity is mentioned in both collections');
  sharedEntity = shared[0]!;
  const ownEntity = (await alice.json<{ entities: Array<{ id: number }> }>('/api/entities?limit=1')).entities[0]!.id;

  const secretSet = new Set<string>([BRAVO_MARKER, '斑胸草雀', BRAVO, path.basename(room.bravoDir)].map((s) => s.toLowerCase()));
  for (const row of bravoRows) {
    const view = await admin.json<{ title: string | null; path: string; pages: Array<{ text: string }> }>(`/api/documents/${row.id}`);
    for (const candidate of [view.title, path.basename(view.path)]) if (onlyBravo(candidate)) secretSet.add(candidate!.trim().toLowerCase());
    for (const page of view.pages) {
      const text = page.text.replace(/\s+/g, ' ').trim();
      const middle = text.slice(Math.floor(text.length / 2), Math.floor(text.length / 2) + 16).trim();
      if (onlyBravo(middle)) secretSet.add(middle.toLowerCase());
    }
  }
  for (const e of bravoOnlyEntities) if (onlyBravo(e.name)) secretSet.add(e.name.toLowerCase());
  secrets = [...secretSet];
  console.log(`bravo-only strings looked for in every answer: ${secrets.join(' | ')}`);

  bravo = { doc: ledger.id, image: image.id, note: (JSON.parse(note.body) as { note: { id: number } }).note.id, tag: 'zebrafinch-lead', collection: BRAVO, upload: uploadId, entity: bravoOnlyEntities[0]!.id, ownEntity, watchlist: watchlistId, asset: 'dossier.css' };
  missing = { doc: MISSING, image: MISSING, note: MISSING, tag: 'zebrafinch-lead', collection: 'no-such-collection', upload: MISSING, entity: MISSING, ownEntity, watchlist: MISSING, asset: 'dossier.css' };

  // The admin sees all of it: the ids are real.
  expect((await admin.get(`/documents/${bravo.doc}`)).status).toBe(200);
  expect((await admin.get(`/documents/${bravo.image}/pages/1/image`)).status).toBe(200);
  expect((await admin.get(`/entities/${bravo.entity}`)).status).toBe(200);
  expect((await admin.get(`/watchlists/${bravo.watchlist}`)).status).toBe(200);
  expect((await admin.get(`/api/uploads/${bravo.upload}`)).status).toBe(200);
}, 600_000);

afterAll(async () => {
  if (room && room.server.process.exitCode !== null) console.error(`dossier serve exited early:\n${room.server.output()}`);
  await room?.close();
});

describe('the route list is whole', () => {
  const listed = new Set(ROUTES.map((r) => `${r.method} ${r.path.replace(/:\w+/g, ':p').replace(/\/1\//, '/:p/')}`));

  it('holds every path and method of the OpenAPI document', async () => {
    const doc = await alice.json<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{\w+\}/g, ':p')}`));
    expect(documented.length).toBeGreaterThan(10);
    expect(documented.filter((r) => !listed.has(r))).toEqual([]);
  });

  it('holds every route the route files register', () => {
    const dir = path.join(ROOT, 'src', 'http', 'routes');
    const registered: string[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const prefix = file === 'assets.ts' ? '/assets' : '';
      for (const m of fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/\bapp\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)) {
        registered.push(`${m[1]!.toUpperCase()} ${(prefix + m[2]!).replace(/:\w+/g, ':p')}`);
      }
    }
    expect(registered.length).toBeGreaterThan(40);
    expect(registered.filter((r) => !listed.has(r))).toEqual([]);
  });
});

describe(`a reporter granted only ${ALPHA}, with the ids of ${BRAVO}`, () => {
  it('gets 404 for everything of bravo, byte-identical to a missing id, and 403 for role-only routes', async () => {
    const problems: string[] = [];
    for (const route of ROUTES.filter((r) => r.kind === 'hidden' || r.kind === 'role')) {
      const label = `${route.method} ${fill(route.path, bravo)}`;
      const answer = await send(alice, route, bravo);
      const leaked = leaks(answer.body);
      if (leaked.length) problems.push(`${label}: body holds ${leaked.join(', ')}`);
      if (route.kind === 'role') {
        if (answer.status !== 403) problems.push(`${label}: ${answer.status}, expected 403`);
        continue;
      }
      const control = await send(alice, route, missing);
      if (answer.status !== 404) problems.push(`${label}: ${answer.status}, expected 404 (${answer.body.slice(0, 200)})`);
      if (answer.status !== control.status || answer.body !== control.body || answer.headers.get('Content-Type') !== control.headers.get('Content-Type')) {
        problems.push(`${label}: differs from the answer for a missing id (${answer.status} vs ${control.status}, ${answer.body.length} vs ${control.body.length} bytes)`);
      }
    }
    expect(problems).toEqual([]);
    console.log(`permission walk: ${ROUTES.length} routes listed; ${ROUTES.filter((r) => r.kind === 'hidden').length} hidden and ${ROUTES.filter((r) => r.kind === 'role').length} role-only routes checked with bravo's ids`);
  });

  it("an editor granted only alpha cannot merge or split bravo's entities: 404 like a missing one", async () => {
    for (const route of ROUTES.filter((r) => r.kind === 'role' && r.path.includes('entities'))) {
      const answer = await send(erin, route, bravo);
      const control = await send(erin, route, missing);
      expect(answer.status, `${route.method} ${route.path}`).toBe(404);
      expect(answer.body).toBe(control.body);
      expect(leaks(answer.body)).toEqual([]);
    }
  });

  it('cannot upload into bravo: refused exactly like a collection that does not exist', async () => {
    for (const route of ROUTES.filter((r) => r.kind === 'into')) {
      const answer = await send(alice, route, bravo);
      const control = await send(alice, route, { ...missing, collection: 'no-such-collection' });
      expect(answer.status, route.path).toBe(403);
      expect(answer.body.replaceAll(BRAVO, 'NAME')).toBe(control.body.replaceAll('no-such-collection', 'NAME'));
    }
    // and she may upload into her own collection (the route works)
    const own = await send(alice, ROUTES.find((r) => r.kind === 'into' && r.path === '/api/uploads')!, { ...bravo, collection: ALPHA });
    expect(own.status, own.body).toBe(202);
  });

  it('sees none of bravo in her own pages and lists', async () => {
    const problems: string[] = [];
    for (const route of ROUTES.filter((r) => r.kind === 'open' || r.kind === 'public')) {
      const answer = await send(alice, route, bravo);
      if (answer.status >= 400 && !(route.path.endsWith('/account/password') && answer.status === 400)) problems.push(`${route.method} ${route.path}: ${answer.status}`);
      const leaked = leaks(answer.body);
      if (leaked.length) problems.push(`${route.method} ${route.path}: body holds ${leaked.join(', ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('never finds bravo in search, facets, entities, collections or notes', async () => {
    const queries = ['新疆', 'ZEBRAFINCH', '斑胸草雀', `collection:${BRAVO}`, 'tag:zebrafinch-lead', ...bravoOnlyEntities.slice(0, 5).map((e) => `"${e.name}"`)];
    for (const q of queries) {
      for (const mode of ['normalised', 'cross-script']) {
        const result = await alice.json<{ total: number; hits: Array<{ id: number; collection: string }>; facets: Record<string, Record<string, number>> }>(`/api/search?q=${encodeURIComponent(q)}&mode=${mode}&facets=1&limit=100`);
        expect(result.hits.filter((h) => h.collection !== ALPHA), `${q} (${mode})`).toEqual([]);
        expect(Object.keys(result.facets.collection ?? {}).filter((c) => c !== ALPHA), `facets of ${q}`).toEqual([]);
        if (q !== '新疆') expect(result.total, `${q} (${mode})`).toBe(0);
      }
      const pageAnswer = await alice.get(`/search?q=${encodeURIComponent(q)}`);
      expect(leaks(pageAnswer.body.replaceAll(encodeURIComponent(q), '').replaceAll(q, '').replaceAll(q.replace(/"/g, '&quot;'), ''))).toEqual([]);
    }
    // The same search by the admin does find bravo: the queries are real.
    expect((await admin.json<{ total: number }>(`/api/search?q=ZEBRAFINCH`)).total).toBeGreaterThan(0);

    const collections = await alice.json<{ collections: Array<{ name: string }> }>('/api/collections');
    expect(collections.collections.map((c) => c.name)).toEqual([ALPHA]);
    const me = await alice.json<{ collections: string[] }>('/api/me');
    expect(me.collections).toEqual([ALPHA]);

    const entities = await alice.json<{ entities: Array<{ id: number }> }>('/api/entities?limit=1000');
    const bravoOnly = new Set(bravoOnlyEntities.map((e) => e.id));
    expect(entities.entities.filter((e) => bravoOnly.has(e.id))).toEqual([]);
    const bravoDocs = new Set(bravoRows.map((r) => r.id));
    const shared = await alice.json<EntityDetail>(`/api/entities/${sharedEntity}`);
    expect(shared.documentList.filter((d) => d.collection !== ALPHA || bravoDocs.has(d.id))).toEqual([]);
    expect(shared.mentionList.filter((m) => bravoDocs.has(m.documentId))).toEqual([]);
    expect(shared.cooccurring.filter((c) => bravoOnly.has(c.id))).toEqual([]);
    expect(leaks(JSON.stringify(shared))).toEqual([]);

    const notes = await alice.json<{ notes: Array<{ documentId: number }> }>(`/api/collections/${ALPHA}/notes`);
    expect(notes.notes.filter((n) => bravoDocs.has(n.documentId))).toEqual([]);
    const uploads = await alice.json<{ uploads: Array<{ collection: string }> }>('/api/uploads');
    expect(uploads.uploads.filter((u) => u.collection !== ALPHA)).toEqual([]);
    const lists = await alice.json<{ watchlists: Array<{ id: number }> }>('/api/watchlists');
    expect(lists.watchlists.filter((l) => l.id === bravo.watchlist)).toEqual([]);
  });

  it("finds nothing of bravo with a watch-list of bravo's names", async () => {
    const names = ['ZEBRAFINCH', ...bravoOnlyEntities.slice(0, 4).map((e) => e.name)];
    const created = await alice.request('POST', '/api/watchlists', { json: { name: 'probe', names } });
    expect(created.status, created.body).toBe(202);
    const id = (JSON.parse(created.body) as { id: number }).id;
    const results = await pollUntil('the watch-list run', async () => (await alice.json<{ results: Array<{ name: string; documents: number; hits: number; top: unknown[] }> | null }>(`/api/watchlists/${id}`)).results, 120_000);
    expect(results.map((r) => r.name).sort()).toEqual([...names].sort());
    expect(results.filter((r) => r.documents !== 0 || r.hits !== 0 || r.top.length !== 0)).toEqual([]);
    const csv = await alice.get(`/api/watchlists/${id}/csv`);
    expect(csv.status).toBe(200);
  });

  it('is still refused bravo after the walk (the grant attempt changed nothing)', async () => {
    expect((await alice.get(`/documents/${bravo.doc}`)).status).toBe(404);
    const users = await admin.get('/admin/users');
    expect(users.status).toBe(200);
    expect((await alice.json<{ collections: string[] }>('/api/me')).collections).toEqual([ALPHA]);
  });
});

describe('anonymous requests', () => {
  it('answer 401 on the API and send pages to /login, holding nothing of bravo', async () => {
    const anonymous = new HttpClient(room.url);
    const problems: string[] = [];
    for (const route of ROUTES) {
      const label = `${route.method} ${fill(route.path, bravo)}`;
      const answer = await send(anonymous, route, bravo);
      const leaked = leaks(answer.body);
      if (leaked.length) problems.push(`${label}: body holds ${leaked.join(', ')}`);
      if (route.kind === 'public') {
        if (answer.status !== 200) problems.push(`${label}: ${answer.status}, expected 200`);
      } else if (route.method === 'POST' && (route.path === '/login' || route.path === '/api/session')) {
        if (answer.status !== 401) problems.push(`${label}: ${answer.status}, expected 401 for a wrong password`);
      } else if (route.path.startsWith('/api/')) {
        if (answer.status !== 401) problems.push(`${label}: ${answer.status}, expected 401`);
        else if (!/^application\/json/.test(answer.headers.get('Content-Type') ?? '')) problems.push(`${label}: 401 is not JSON`);
      } else if (![302, 303].includes(answer.status) || !(answer.location ?? '').startsWith('/login')) {
        problems.push(`${label}: ${answer.status} to ${answer.location}, expected a redirect to /login`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('signing out', () => {
  it('ends the session for the page form and the API', async () => {
    for (const route of ROUTES.filter((r) => r.path === '/logout' || (r.method === 'DELETE' && r.path === '/api/session'))) {
      const session = await HttpClient.signIn(room.url, 'alice', PASSWORDS.alice);
      const answer = await send(session, route, bravo);
      expect([204, 303], `${route.method} ${route.path}`).toContain(answer.status);
      expect((await session.get('/api/me')).status).toBe(401);
    }
  });
});
