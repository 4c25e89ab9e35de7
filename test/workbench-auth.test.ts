/**
 * Accounts, sessions, access and the audit chain of the workbench, as a user meets them: the
 * built CLI ingests real fixture files into two collections and creates the accounts, then
 * `dossier serve --port 0` runs as a subprocess and is spoken to over real HTTP. The audit
 * chain is tampered with through the workspace's real SQLite file. Nothing here imports src/.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ingest, ls, makeWorkspace, parseJsonLines, removeDir, runCli, runCliOk, type LsRow } from './support/cli.js';
import { addUser, grant, HttpClient, pollUntil, startWorkbench, type Workbench } from './support/workbench.js';
import { databaseFile } from './support/workspace-db.js';

const PASSWORDS = { admin: 'admin-password-1', rita: 'rita-password-1', tom: 'tom-password-1', vic: 'vic-password-1', una: 'una-password-1' };
const MISSING_ID = 987654;

let workspace: string;
let server: Workbench;
let docs: LsRow[];
const alphaIds = () => docs.filter((d) => d.collection === 'alpha').map((d) => d.id);
const betaIds = () => docs.filter((d) => d.collection === 'beta').map((d) => d.id);

interface AuditRow {
  id: number;
  username: string;
  action: string;
  documentId: number | null;
  detail: Record<string, unknown>;
}

async function auditRows(extra: string[] = []): Promise<AuditRow[]> {
  const result = await runCliOk(['audit', 'ls', '--json', '--limit', '1000', '--workspace', workspace, ...extra]);
  return parseJsonLines<AuditRow>(result.stdout);
}

beforeAll(async () => {
  workspace = makeWorkspace('workbench-auth');
  const f = (p: string) => path.join(FIXTURES, p);
  await ingest(workspace, [f('text/utf8.txt'), f('email/sample.mbox'), f('email/with-attachment.eml')], { collection: 'alpha', ocr: false });
  await ingest(workspace, [f('html/page.html'), f('pdf/two-pages.pdf'), f('email/sample.mbox')], { collection: 'beta', ocr: false });
  docs = await ls(workspace);
  await addUser(workspace, 'admin', 'admin', PASSWORDS.admin);
  for (const name of ['rita', 'tom', 'vic', 'una'] as const) await addUser(workspace, name, name === 'vic' ? 'viewer' : 'reporter', PASSWORDS[name]);
  for (const name of ['rita', 'tom', 'vic']) await grant(workspace, name, 'alpha');
  server = await startWorkbench(workspace);
}, 400_000);

afterAll(async () => {
  if (server && (server.process.exitCode !== null || server.process.signalCode !== null)) console.error(`dossier serve exited early:\n${server.output()}`);
  await server?.stop();
  removeDir(workspace);
});

describe('dossier serve', () => {
  it('prints the address it serves on (port 0 picks a free port)', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.output()).toContain(`Dossier is serving on ${server.url}`);
  });

  it('tells a fresh workspace how to create the first account', async () => {
    const fresh = makeWorkspace('workbench-fresh');
    const bench = await startWorkbench(fresh);
    try {
      const told = await pollUntil('the first-account hint', async () => bench.output().includes('Press Ctrl-C') && bench.output(), 10_000, 50);
      expect(told).toMatch(/No account exists yet/);
      expect(told).toContain('npx dossier user add admin --role admin');
    } finally {
      await bench.stop();
      removeDir(fresh);
    }
  });

  it('user add stores an argon2id hash, never the password; user ls shows roles and grants', async () => {
    const db = new Database(databaseFile(workspace), { readonly: true });
    try {
      const row = db.prepare('SELECT password_hash FROM users WHERE name = ?').get('rita') as { password_hash: string };
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain(PASSWORDS.rita);
    } finally {
      db.close();
    }
    const users = parseJsonLines<{ name: string; role: string; collections: string[] }>((await runCliOk(['user', 'ls', '--json', '--workspace', workspace])).stdout);
    expect(users.find((u) => u.name === 'rita')).toMatchObject({ role: 'reporter', collections: ['alpha'] });
    expect(users.find((u) => u.name === 'admin')?.role).toBe('admin');
  });

  it('grant of an unknown user or collection is a clear error', async () => {
    const noUser = await runCli(['grant', 'nobody', 'alpha', '--workspace', workspace]);
    expect(noUser.code).not.toBe(0);
    expect(noUser.stderr).toContain('no user named "nobody"');
    const noCollection = await runCli(['grant', 'rita', 'gamma', '--workspace', workspace]);
    expect(noCollection.code).not.toBe(0);
    expect(noCollection.stderr).toContain('no collection named "gamma"');
  });
});

describe('signing in and out', () => {
  it('the login page has the username and password fields', async () => {
    const page = await new HttpClient(server.url).get('/login');
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<input[^>]*name="username"/);
    expect(page.body).toMatch(/<input[^>]*name="password"[^>]*type="password"|<input[^>]*type="password"[^>]*name="password"/);
  });

  it('signs in through the form: an HttpOnly, SameSite=Strict session cookie, then the collections page', async () => {
    const client = new HttpClient(server.url);
    const answer = await client.request('POST', '/login', { form: { username: 'rita', password: PASSWORDS.rita, next: '/' } });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/');
    const cookie = answer.headers.getSetCookie().find((c) => c.startsWith('dossier_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const home = await client.get('/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('alpha');
    expect(home.body).not.toContain('beta');
  });

  it('signs in through the API: {user, csrf}', async () => {
    const client = await HttpClient.signIn(server.url, 'rita', PASSWORDS.rita);
    expect(client.csrf).toMatch(/^[\w-]{20,}$/);
    const me = await client.json<{ user: { name: string; role: string }; collections: string[] }>('/api/me');
    expect(me.user).toMatchObject({ name: 'rita', role: 'reporter' });
    expect(me.collections).toEqual(['alpha']);
  });

  it('a wrong password or an unknown name fails the same way, without saying which', async () => {
    const client = new HttpClient(server.url);
    const wrong = await client.request('POST', '/login', { form: { username: 'rita', password: 'not-her-password' } });
    const unknown = await client.request('POST', '/login', { form: { username: 'nobody-at-all', password: 'not-her-password' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toContain('The user name or password is wrong.');
    expect(unknown.body).toContain('The user name or password is wrong.');
    expect(wrong.headers.getSetCookie().some((c) => c.startsWith('dossier_session='))).toBe(false);
    const api = await client.request('POST', '/api/session', { json: { username: 'rita', password: 'nope-nope-nope' } });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('throttles guessing: after 5 failures a name answers 429, even with the right password', async () => {
    const client = new HttpClient(server.url);
    for (let i = 0; i < 5; i++) {
      const answer = await client.request('POST', '/api/session', { json: { username: 'tom', password: `guess-${i}-guess` } });
      expect(answer.status).toBe(401);
    }
    const locked = await client.request('POST', '/api/session', { json: { username: 'tom', password: PASSWORDS.tom } });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThan(0);
    const form = await client.request('POST', '/login', { form: { username: 'tom', password: PASSWORDS.tom } });
    expect(form.status).toBe(429);
    // Another name from the same address is not locked by tom's failures.
    expect((await client.request('POST', '/api/session', { json: { username: 'una', password: PASSWORDS.una } })).status).toBe(200);
  });

  it('logout ends the session: the old cookie no longer works', async () => {
    const api = new HttpClient(server.url);
    const signIn = await api.request('POST', '/api/session', { json: { username: 'rita', password: PASSWORDS.rita } });
    api.csrf = (JSON.parse(signIn.body) as { csrf: string }).csrf;
    // A copy of the session cookie, as a stolen one would be.
    const cookieHeader = { Cookie: signIn.headers.getSetCookie().find((c) => c.startsWith('dossier_session='))!.split(';')[0]! };
    const stolen = new HttpClient(server.url);
    expect((await stolen.request('GET', '/api/me', { headers: cookieHeader })).status).toBe(200);
    expect((await api.request('DELETE', '/api/session')).status).toBe(204);
    expect((await stolen.request('GET', '/api/me', { headers: cookieHeader })).status).toBe(401);

    const form = new HttpClient(server.url);
    await form.request('POST', '/login', { form: { username: 'rita', password: PASSWORDS.rita } });
    const page = await form.get('/account');
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
    expect(csrf).toBeTruthy();
    const out = await form.request('POST', '/logout', { form: { csrf: csrf! } });
    expect(out.status).toBe(303);
    expect((await form.get('/account')).status).toBe(302);
  });
});

describe('anti-forgery', () => {
  it('refuses writes without the token (403), with a wrong one, and from another site', async () => {
    const client = await HttpClient.signIn(server.url, 'rita', PASSWORDS.rita);
    const token = client.csrf!;
    client.csrf = null;
    expect((await client.request('DELETE', '/api/session')).status).toBe(403);
    expect((await client.request('DELETE', '/api/session', { headers: { 'X-CSRF-Token': 'x'.repeat(43) } })).status).toBe(403);
    expect((await client.request('POST', '/logout', { form: {} })).status).toBe(403);
    expect((await client.request('POST', '/logout', { form: { csrf: 'wrong' } })).status).toBe(403);
    expect((await client.request('POST', '/account/password', { form: { old_password: PASSWORDS.rita, new_password: 'whatever-long-1', repeat_password: 'whatever-long-1' } })).status).toBe(403);
    expect((await client.request('POST', '/logout', { form: { csrf: token }, headers: { Origin: 'https://evil.example' } })).status).toBe(403);
    // Still signed in: none of those did anything.
    expect((await client.get('/api/me')).status).toBe(200);
    expect((await client.request('DELETE', '/api/session', { headers: { 'X-CSRF-Token': token } })).status).toBe(204);
  });
});

describe('anonymous requests', () => {
  it('the API answers 401 JSON; pages redirect to /login and back', async () => {
    const anon = new HttpClient(server.url);
    for (const route of ['/api/me', '/api/collections', '/api/search?q=%E6%96%B0%E7%96%86', `/api/documents/${alphaIds()[0]}`, `/api/documents/${alphaIds()[0]}/file`, '/api/audit']) {
      const answer = await anon.get(route);
      expect(answer.status, route).toBe(401);
      expect(JSON.parse(answer.body), route).toMatchObject({ error: { code: 'unauthenticated' } });
    }
    for (const route of ['/', '/search?q=x', `/documents/${alphaIds()[0]}`, '/account', '/admin/audit']) {
      const answer = await anon.get(route);
      expect(answer.status, route).toBe(302);
      expect(answer.location, route).toMatch(/^\/login\?next=/);
    }
  });
});

describe('password change', () => {
  it('needs the old password, ends the sessions, and the new password works', async () => {
    const client = new HttpClient(server.url);
    await client.request('POST', '/login', { form: { username: 'vic', password: PASSWORDS.vic } });
    const page = await client.get('/account');
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const wrongOld = await client.request('POST', '/account/password', { form: { csrf, old_password: 'not-the-old-one', new_password: 'vic-new-password-2', repeat_password: 'vic-new-password-2' } });
    expect(wrongOld.status).toBe(400);
    expect(wrongOld.body).toContain('The current password is wrong.');
    const changed = await client.request('POST', '/account/password', { form: { csrf, old_password: PASSWORDS.vic, new_password: 'vic-new-password-2', repeat_password: 'vic-new-password-2' } });
    expect(changed.status).toBe(303);
    expect((await client.get('/account')).status).toBe(302);
    expect((await new HttpClient(server.url).request('POST', '/api/session', { json: { username: 'vic', password: PASSWORDS.vic } })).status).toBe(401);
    expect((await new HttpClient(server.url).request('POST', '/api/session', { json: { username: 'vic', password: 'vic-new-password-2' } })).status).toBe(200);
  });
});

describe('access: a reporter granted alpha', () => {
  const documentRoutes = (id: number) => [`/documents/${id}`, `/documents/${id}?q=%E6%96%B0%E7%96%86`, `/documents/${id}/file`, `/documents/${id}/pages/1/image`, `/api/documents/${id}`, `/api/documents/${id}/file`];

  it('gets 404 for every document route of beta, with the same body as a missing document', async () => {
    const rita = await HttpClient.signIn(server.url, 'rita', PASSWORDS.rita);
    expect(betaIds().length).toBeGreaterThan(3);
    for (const [i, route] of documentRoutes(MISSING_ID).entries()) {
      const missing = await rita.get(route);
      expect(missing.status, route).toBe(404);
      for (const id of betaIds()) {
        const hidden = await rita.get(documentRoutes(id)[i]!);
        expect(hidden.status, documentRoutes(id)[i]).toBe(404);
        expect(hidden.body, documentRoutes(id)[i]).toBe(missing.body);
        expect(hidden.headers.get('Content-Type')).toBe(missing.headers.get('Content-Type'));
      }
    }
    // And sees alpha's documents.
    for (const id of alphaIds()) expect((await rita.get(`/api/documents/${id}`)).status).toBe(200);
  });

  it('never finds beta in search: hits, totals, facets, or a collection: filter', async () => {
    const rita = await HttpClient.signIn(server.url, 'rita', PASSWORDS.rita);
    const admin = await HttpClient.signIn(server.url, 'admin', PASSWORDS.admin);
    type Result = { total: number; hits: Array<{ id: number; collection: string }>; facets: Record<string, Record<string, number>> };
    const mine = await rita.json<Result>('/api/search?q=%E6%96%B0%E7%96%86&facets=1&limit=100');
    const all = await admin.json<Result>('/api/search?q=%E6%96%B0%E7%96%86&facets=1&limit=100');
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.hits.every((h) => h.collection === 'alpha')).toBe(true);
    expect(Object.keys(mine.facets.collection ?? {})).toEqual(['alpha']);
    expect(all.hits.some((h) => h.collection === 'beta')).toBe(true);
    expect(all.total).toBeGreaterThan(mine.total);
    expect(mine.total).toBe(all.hits.filter((h) => h.collection === 'alpha').length);
    expect((await rita.json<Result>('/api/search?q=collection:beta')).total).toBe(0);
    expect((await rita.json<Result>('/api/search?q=%E6%96%B0%E7%96%86%20collection:beta')).total).toBe(0);
    const page = await rita.get('/search?q=%E6%96%B0%E7%96%86');
    expect(page.body).not.toMatch(/\bbeta\b/);
    const collections = await rita.json<{ collections: Array<{ name: string }> }>('/api/collections');
    expect(collections.collections.map((c) => c.name)).toEqual(['alpha']);
  });

  it('sees only alpha in an email thread that exists in both collections', async () => {
    const rita = await HttpClient.signIn(server.url, 'rita', PASSWORDS.rita);
    const reply = docs.find((d) => d.collection === 'alpha' && d.path.endsWith('sample.mbox!/message-000002.eml'))!;
    const first = docs.find((d) => d.collection === 'alpha' && d.path.endsWith('sample.mbox!/message-000001.eml'))!;
    const page = await rita.get(`/documents/${reply.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Email thread');
    expect(page.body).toContain(`href="/documents/${first.id}"`);
    for (const id of betaIds()) expect(page.body).not.toContain(`href="/documents/${id}`);
  });

  it('a user with no grant sees nothing at all', async () => {
    const una = await HttpClient.signIn(server.url, 'una', PASSWORDS.una);
    expect((await una.json<{ total: number }>('/api/search?q=%E6%96%B0%E7%96%86')).total).toBe(0);
    expect((await una.json<{ collections: unknown[] }>('/api/collections')).collections).toEqual([]);
    for (const id of [...alphaIds(), ...betaIds()]) expect((await una.get(`/api/documents/${id}`)).status).toBe(404);
  });

  it('admin pages and the audit API are for admins only', async () => {
    const rita = await HttpClient.signIn(server.url, 'rita', PASSWORDS.rita);
    expect((await rita.get('/admin/audit')).status).toBe(403);
    expect((await rita.get('/api/audit')).status).toBe(403);
    const admin = await HttpClient.signIn(server.url, 'admin', PASSWORDS.admin);
    expect((await admin.get('/admin/audit')).status).toBe(200);
    expect((await admin.get('/admin/users')).body).toContain('rita');
    for (const id of [...alphaIds(), ...betaIds()]) expect((await admin.get(`/api/documents/${id}`)).status).toBe(200);
  });
});

describe('grants through the admin API', () => {
  it('grant and revoke take effect at once; unknown names are errors; only admins may', async () => {
    const admin = await HttpClient.signIn(server.url, 'admin', PASSWORDS.admin);
    const una = await HttpClient.signIn(server.url, 'una', PASSWORDS.una);
    const beta = betaIds()[0]!;
    expect((await una.get(`/api/documents/${beta}`)).status).toBe(404);
    const granted = await admin.request('POST', '/api/grants', { json: { user: 'una', collection: 'beta' } });
    expect(JSON.parse(granted.body)).toMatchObject({ added: true });
    expect((await una.get(`/api/documents/${beta}`)).status).toBe(200);
    const revoked = await admin.request('DELETE', '/api/grants', { json: { user: 'una', collection: 'beta' } });
    expect(JSON.parse(revoked.body)).toMatchObject({ removed: true });
    expect((await una.get(`/api/documents/${beta}`)).status).toBe(404);
    const unknown = await admin.request('POST', '/api/grants', { json: { user: 'una', collection: 'gamma' } });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ error: { message: 'no collection named "gamma"' } });
    expect((await una.request('POST', '/api/grants', { json: { user: 'una', collection: 'beta' } })).status).toBe(403);
    expect((await una.get('/api/users')).status).toBe(403);
    const users = await admin.json<{ users: Array<{ name: string }> }>('/api/users');
    expect(users.users.map((u) => u.name)).toContain('una');
  });

  it('a password changes through the API too, with the old one', async () => {
    const una = await HttpClient.signIn(server.url, 'una', PASSWORDS.una);
    expect((await una.request('POST', '/api/account/password', { json: { oldPassword: 'wrong-old-password', newPassword: 'una-password-2' } })).status).toBe(400);
    expect((await una.request('POST', '/api/account/password', { json: { oldPassword: PASSWORDS.una, newPassword: 'una-password-2' } })).status).toBe(204);
    expect((await una.get('/api/me')).status).toBe(401);
    PASSWORDS.una = 'una-password-2';
    expect((await HttpClient.signIn(server.url, 'una', PASSWORDS.una)).csrf).toBeTruthy();
  });
});

describe('the audit log', () => {
  it('records searches, views, downloads, sign-ins, failures and sign-outs', async () => {
    const rita = await HttpClient.signIn(server.url, 'rita', PASSWORDS.rita);
    const id = alphaIds()[0]!;
    await rita.get('/search?q=%E8%AE%B0%E5%BD%95%E6%B5%8B%E8%AF%95');
    await rita.get(`/api/search?q=audit-marker`);
    await rita.get(`/documents/${id}`);
    await rita.get(`/documents/${id}/file`);
    await rita.get(`/api/documents/${id}/file`);
    const rows = await auditRows(['--user', 'rita']);
    expect(rows.find((r) => r.action === 'search' && r.detail.q === '记录测试')).toBeTruthy();
    expect(rows.find((r) => r.action === 'search' && r.detail.q === 'audit-marker')).toBeTruthy();
    expect(rows.find((r) => r.action === 'view' && r.documentId === id)).toBeTruthy();
    expect(rows.filter((r) => r.action === 'download' && r.documentId === id).length).toBeGreaterThanOrEqual(2);
    expect(rows.find((r) => r.action === 'login')).toBeTruthy();
    expect(rows.find((r) => r.action === 'logout')).toBeTruthy();
    const all = await auditRows();
    expect(all.find((r) => r.action === 'login_failed' && r.username === 'tom')).toBeTruthy();
    expect(all.find((r) => r.action === 'grant' && r.detail.user === 'rita')).toBeTruthy();
    // Refused requests leave no trace of the hidden document, but the refusal is not a view.
    expect(all.some((r) => r.username === 'rita' && r.action === 'view' && betaIds().includes(r.documentId ?? -1))).toBe(false);
  });

  it('the admin API lists and verifies it', async () => {
    const admin = await HttpClient.signIn(server.url, 'admin', PASSWORDS.admin);
    const list = await admin.json<{ total: number; entries: AuditRow[] }>('/api/audit?user=rita&action=download');
    expect(list.total).toBeGreaterThanOrEqual(2);
    expect(list.entries.every((e) => e.username === 'rita' && e.action === 'download')).toBe(true);
    expect(await admin.json('/api/audit/verify')).toMatchObject({ intact: true, firstBad: null });
    const page = await admin.get('/admin/audit?action=search');
    expect(page.body).toContain('is intact');
  });

  describe('dossier audit verify', () => {
    const verify = () => runCli(['audit', 'verify', '--workspace', workspace]);
    const withDb = <T>(fn: (db: Database.Database) => T): T => {
      const db = new Database(databaseFile(workspace));
      db.pragma('busy_timeout = 10000');
      try {
        return fn(db);
      } finally {
        db.close();
      }
    };
    type Row = { id: number; at: string; user_id: number | null; username: string; action: string; collection_id: number | null; document_id: number | null; detail: string; prev_hash: string; hash: string };
    const row = (db: Database.Database, id: number) => db.prepare('SELECT * FROM audit_log WHERE id = ?').get(id) as Row;
    const put = (db: Database.Database, r: Row) =>
      db.prepare('INSERT OR REPLACE INTO audit_log (id, at, user_id, username, action, collection_id, document_id, detail, prev_hash, hash) VALUES (@id, @at, @user_id, @username, @action, @collection_id, @document_id, @detail, @prev_hash, @hash)').run(r);

    it('says the chain is intact', async () => {
      const result = await verify();
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/the audit log's chain of \d+ entries is intact/);
    });

    it('names an edited row', async () => {
      const original = withDb((db) => row(db, 5));
      withDb((db) => db.prepare('UPDATE audit_log SET detail = ? WHERE id = 5').run('{"q":"something else"}'));
      try {
        const result = await verify();
        expect(result.code).not.toBe(0);
        expect(result.stderr).toMatch(/broken at row 5\b/);
        expect(result.stderr).toMatch(/edited/);
      } finally {
        withDb((db) => put(db, original));
      }
      expect((await verify()).code).toBe(0);
    });

    it('names the row after a deleted one', async () => {
      const original = withDb((db) => row(db, 7));
      withDb((db) => db.prepare('DELETE FROM audit_log WHERE id = 7').run());
      try {
        const result = await verify();
        expect(result.code).not.toBe(0);
        expect(result.stderr).toMatch(/broken at row 8\b/);
        expect(result.stderr).toMatch(/row 7 is missing/);
      } finally {
        withDb((db) => put(db, original));
      }
      expect((await verify()).code).toBe(0);
    });

    it('catches a swapped pair, even with ids renumbered to hide the swap', async () => {
      const [a, b] = withDb((db) => [row(db, 3), row(db, 4)]);
      withDb((db) =>
        db.transaction(() => {
          put(db, { ...b, id: 3 });
          put(db, { ...a, id: 4 });
        })(),
      );
      try {
        const result = await verify();
        expect(result.code).not.toBe(0);
        expect(result.stderr).toMatch(/broken at row 3\b/);
      } finally {
        withDb((db) =>
          db.transaction(() => {
            put(db, a);
            put(db, b);
          })(),
        );
      }
      expect((await verify()).code).toBe(0);
    });

    it('catches a row rewritten with a fresh hash of its own (the link to the next row breaks)', async () => {
      const [five, six] = withDb((db) => [row(db, 5), row(db, 6)]);
      const crypto = await import('node:crypto');
      const forged = { ...five, detail: '{"q":"forged"}' };
      forged.hash = crypto.createHash('sha256').update(JSON.stringify([forged.id, forged.at, forged.user_id, forged.username, forged.action, forged.collection_id, forged.document_id, forged.detail, forged.prev_hash])).digest('hex');
      withDb((db) => put(db, forged));
      try {
        const result = await verify();
        expect(result.code).not.toBe(0);
        expect(result.stderr).toMatch(/broken at row 6\b/);
      } finally {
        withDb((db) => {
          put(db, five);
          put(db, six);
        });
      }
      expect((await verify()).code).toBe(0);
    });
  });
});
