/**
 * The workbench's repositories and commands (accounts, grants, sessions, notes, tags, the
 * document viewer's reads, the audit log) against SQLite and a real PostgreSQL 15: the same
 * answers on both, each command's records and audit entry committed together, and a refused
 * command leaving neither.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor, createSession, createUser, deleteSession, grantCollection, revokeCollection, sessionFor, setUserDisabled } from '../src/accounts/index.js';
import { listAudit, verifyAudit } from '../src/audit/index.js';
import { operator, type Actor } from '../src/domain/actor.js';
import { findEmailThread } from '../src/http/email-thread.js';
import { addNote, deleteNote, listCollectionNotes } from '../src/http/notes.js';
import { addTag, collectionTagCounts, removeTag } from '../src/http/tags.js';
import { listVisibleCollections } from '../src/http/routes/collections.js';
import { backends, type OpenedBackend } from './support/backends.js';

const now = () => new Date().toISOString();
const PASSWORD = 'correct horse battery';

describe.each(backends())('$name backend', (backend) => {
  let main: OpenedBackend;
  const ids = { alpha: 0, beta: 0, letter: 0, reply: 0, secret: 0 };
  let reporter: Actor & { kind: 'user' };
  let other: Actor & { kind: 'user' };
  const auditActions = async () => (await listAudit(main.records, { limit: 1000 })).entries.map((e) => e.action).reverse();

  beforeAll(async () => {
    await backend.setup();
    main = await backend.open();
    const collection = async (name: string) => (await main.db.insertInto('collections').values({ name, created_at: now() }).returning('id').executeTakeFirstOrThrow()).id;
    ids.alpha = await collection('alpha');
    ids.beta = await collection('beta');
    const doc = async (collectionId: number, name: string, metadata: Record<string, unknown>, text: string) => {
      const { id } = await main.db
        .insertInto('documents')
        .values({ collection_id: collectionId, sha256: name, size: 10, mime: 'message/rfc822', status: 'ok', path: `${name}.eml`, depth: 0, needs_ocr: 0, metadata: JSON.stringify(metadata), created_at: now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await main.db.insertInto('pages').values({ document_id: id, page: 1, text }).execute();
      return id;
    };
    ids.letter = await doc(ids.alpha, 'letter', { messageId: '<a@x>', subject: 'Plans' }, 'The shipment leaves Urumqi on Monday.');
    ids.reply = await doc(ids.alpha, 'reply', { messageId: '<b@x>', inReplyTo: '<a@x>', references: ['<a@x>'] }, 'Noted.');
    ids.secret = await doc(ids.beta, 'secret', { messageId: '<c@x>', references: ['<a@x>'] }, 'Not for alpha readers.');
  });

  afterAll(async () => {
    await main?.close();
    await backend.teardown();
  });

  it('creates accounts as audited commands, and refuses a non-admin actor without leaving a trace', async () => {
    const created = await createUser(main.records, { actor: operator('cli:test'), name: 'rita', role: 'reporter', password: PASSWORD });
    reporter = { kind: 'user', id: created.id, name: 'rita', role: 'reporter' };
    const second = await createUser(main.records, { actor: operator('cli:test'), name: 'otto', role: 'reporter', password: PASSWORD });
    other = { kind: 'user', id: second.id, name: 'otto', role: 'reporter' };
    await expect(createUser(main.records, { actor: reporter, name: 'mallory', role: 'admin', password: PASSWORD })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(createUser(main.records, { actor: operator(), name: 'rita', role: 'viewer', password: PASSWORD })).rejects.toMatchObject({ code: 'conflict' });
    expect(await main.records.read.users.byName('mallory')).toBeNull();
    expect(await auditActions()).toEqual(['user_add', 'user_add']);
  });

  it('grants once (a repeated grant is no change and no entry), and access follows the grants', async () => {
    expect((await grantCollection(main.records, { actor: operator(), user: 'rita', collection: 'alpha' })).added).toBe(true);
    expect((await grantCollection(main.records, { actor: operator(), user: 'rita', collection: 'alpha' })).added).toBe(false);
    expect((await grantCollection(main.records, { actor: operator(), user: 'otto', collection: 'beta' })).added).toBe(true);
    await expect(grantCollection(main.records, { actor: operator(), user: 'rita', collection: 'nowhere' })).rejects.toMatchObject({ code: 'not_found' });
    const access = await accessFor(main.records, reporter);
    expect(access).toEqual({ all: false, collectionIds: [ids.alpha], collectionNames: ['alpha'] });
    expect(await listVisibleCollections(main.records, access)).toEqual([expect.objectContaining({ name: 'alpha', documents: 2, ok: 2, failed: 0, pending: 0 })]);
    expect((await revokeCollection(main.records, { actor: operator(), user: 'otto', collection: 'beta' })).removed).toBe(true);
    expect((await revokeCollection(main.records, { actor: operator(), user: 'otto', collection: 'beta' })).removed).toBe(false);
    expect((await auditActions()).slice(2)).toEqual(['grant', 'grant', 'revoke']);
  });

  it('keeps sessions server-side: a token works until signed out, and not for a disabled account', async () => {
    const session = await createSession(main.records, reporter.id);
    expect(await sessionFor(main.records, session.token)).toEqual({ user: { id: reporter.id, name: 'rita', role: 'reporter' }, csrf: session.csrf });
    await deleteSession(main.records, session.token);
    expect(await sessionFor(main.records, session.token)).toBeNull();
    const again = await createSession(main.records, other.id);
    await setUserDisabled(main.records, { actor: operator(), name: 'otto', disabled: true });
    expect(await sessionFor(main.records, again.token)).toBeNull();
    await setUserDisabled(main.records, { actor: operator(), name: 'otto', disabled: false });
  });

  it('tags and notes are commands: one audit entry per change, none for a refused or empty change', async () => {
    const document = { id: ids.letter, collectionId: ids.alpha };
    const before = (await auditActions()).length;
    expect(await addTag(main.records, { actor: reporter, document, tag: 'To Verify' })).toEqual({ tag: 'to-verify', added: true });
    expect(await addTag(main.records, { actor: reporter, document, tag: 'to-verify' })).toEqual({ tag: 'to-verify', added: false });
    expect(await collectionTagCounts(main.records, ids.alpha)).toEqual([{ tag: 'to-verify', documents: 1 }]);
    expect(await removeTag(main.records, { actor: reporter, document, tag: 'absent' })).toEqual({ tag: 'absent', removed: false });
    const note = await addNote(main.records, { actor: reporter, document, note: { quote: 'leaves Urumqi', body: 'check the date' } });
    expect(note).toMatchObject({ page: 1, start: 13, end: 26, quote: 'leaves Urumqi', author: 'rita', collection: 'alpha' });
    await expect(addNote(main.records, { actor: reporter, document, note: { quote: 'not in the text', body: 'x' } })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(deleteNote(main.records, { actor: other, document, noteId: note.id })).rejects.toMatchObject({ code: 'forbidden' });
    const viewer: Actor & { kind: 'user' } = { ...other, role: 'viewer' };
    await expect(addTag(main.records, { actor: viewer, document, tag: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await listCollectionNotes(main.records, ids.alpha, reporter, { limit: 10, offset: 0 })).total).toBe(1);
    expect(await deleteNote(main.records, { actor: reporter, document, noteId: note.id })).toBe(true);
    expect(await deleteNote(main.records, { actor: reporter, document, noteId: note.id })).toBe(false);
    expect((await auditActions()).slice(before)).toEqual(['tag', 'note', 'note']);
    const entries = (await listAudit(main.records, { action: 'note', limit: 10 })).entries;
    expect(entries.map((e) => e.detail['op'])).toEqual(['delete', 'add']);
    expect(entries[0]).toMatchObject({ username: 'rita', userId: reporter.id, documentId: ids.letter, collection: 'alpha' });
  });

  it('finds an email thread through Message-ID, In-Reply-To and References, only in collections one may see', async () => {
    const access = await accessFor(main.records, reporter);
    const thread = await findEmailThread(main.records, access, { messageId: '<a@x>' });
    expect(thread.map((m) => m.id).sort()).toEqual([ids.letter, ids.reply].sort());
    const all = await findEmailThread(main.records, { all: true, collectionIds: [], collectionNames: [] }, { messageId: '<a@x>' });
    expect(all.map((m) => m.id).sort()).toEqual([ids.letter, ids.reply, ids.secret].sort());
    expect(await main.records.read.documentView.visibleIds([ids.letter, ids.secret], access.collectionIds)).toEqual(new Set([ids.letter]));
  });

  it('leaves one intact audit chain behind every command', async () => {
    const verification = await verifyAudit(main.records);
    expect(verification).toMatchObject({ intact: true, firstBad: null });
    expect(verification.entries).toBe((await listAudit(main.records, { limit: 1000 })).total);
  });
});
