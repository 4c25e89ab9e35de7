import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { HttpDeps, HttpEnv, SessionUser } from '../context.js';
import { listDocumentNotes, mayWrite, type NoteView } from '../notes.js';
import { assetUrl } from '../routes/assets.js';
import { listDocumentTags, tagSearchUrl, type TagView } from '../tags.js';
import { documentIfVisible } from '../visibility.js';

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** An editor's button that puts a note on the published page or takes it off (`dossier note public|private`). */
function NoteVisibility({ note, documentId, csrf, isPublic }: { note: NoteView; documentId: number; csrf: string | null; isPublic: boolean }) {
  return (
    <form method="post" action={`/documents/${documentId}/notes/${note.id}/visibility`} class="inline-form note-visibility">
      <input type="hidden" name="csrf" value={csrf ?? ''} />
      <input type="hidden" name="visibility" value={isPublic ? 'private' : 'public'} />
      <button type="submit" aria-label={isPublic ? `Make the note by ${note.author} private` : `Make the note by ${note.author} public on the published page`}>{isPublic ? 'Make private' : 'Make public'}</button>
    </form>
  );
}

function NoteItem({ note, documentId, csrf, isPublic, mayPublish }: { note: NoteView; documentId: number; csrf: string | null; isPublic: boolean; mayPublish: boolean }) {
  return (
    <li id={`note-${note.id}`} class="note" data-note-id={String(note.id)} data-page={note.page ?? ''} data-start={note.start ?? ''} data-end={note.end ?? ''}>
      <p class="note-where">
        {note.page ? <a href={`#page-${note.page}`}>{`Page ${note.page}`}</a> : 'The whole document'}
      </p>
      {note.quote ? <blockquote class="note-quote">{note.quote}</blockquote> : null}
      <p class="note-body">{note.body}</p>
      <p class="note-meta">
        {note.author} · <time datetime={note.createdAt}>{when(note.createdAt)}</time>
        {isPublic ? <> · <strong class="note-public">public</strong></> : null}
      </p>
      {mayPublish ? <NoteVisibility note={note} documentId={documentId} csrf={csrf} isPublic={isPublic} /> : null}
      {note.mayDelete ? (
        <form method="post" action={`/documents/${documentId}/notes/${note.id}/delete`} class="inline-form note-delete">
          <input type="hidden" name="csrf" value={csrf ?? ''} />
          <button type="submit" name="delete" value={String(note.id)} aria-label={`Delete note by ${note.author} of ${when(note.createdAt)}`}>Delete note</button>
        </form>
      ) : null}
    </li>
  );
}

/** The add-note form: page and quoted passage (notes.js fills them from a selection), and the note. */
function AddNoteForm({ documentId, csrf, pages }: { documentId: number; csrf: string | null; pages: number }) {
  return (
    <form id="add-note" class="add-note" method="post" action={`/documents/${documentId}/notes`}>
      <h3 id="add-note-h">Add a note</h3>
      <p class="hint" id="add-note-hint">
        Select a passage in the text to note it, or type the page and paste the passage. Leave both empty to note the whole document.
      </p>
      <input type="hidden" name="csrf" value={csrf ?? ''} />
      <input type="hidden" name="start" id="note-start" value="" />
      <input type="hidden" name="end" id="note-end" value="" />
      <p>
        <label for="note-page">Page</label>{' '}
        <input id="note-page" name="page" type="number" min={1} max={pages > 0 ? pages : undefined} inputmode="numeric" />
      </p>
      <p>
        <label for="note-quote">Passage</label>
        <textarea id="note-quote" name="quote" rows={3} maxlength={5000} aria-describedby="add-note-hint"></textarea>
      </p>
      <p>
        <label for="note-body">Note</label>
        <textarea id="note-body" name="body" rows={4} maxlength={10000} required></textarea>
      </p>
      <p id="note-selection" class="hint" role="status" aria-live="polite"></p>
      <p>
        <button type="submit" id="add-note-submit">Add note</button>
      </p>
    </form>
  );
}

function TagsSection({ documentId, collection, tags, canWrite, csrf }: { documentId: number; collection: string; tags: TagView[]; canWrite: boolean; csrf: string | null }) {
  return (
    <section id="tags" class="document-tags" aria-labelledby="tags-h">
      <h2 id="tags-h">Tags</h2>
      {tags.length === 0 ? <p id="no-tags">No tags yet.</p> : null}
      <ul id="tag-list" class="tag-list">
        {tags.map((t) => (
          <li data-tag={t.tag}>
            <a class="tag" href={tagSearchUrl(t.tag, collection)} title={`Tagged by ${t.author}`}>{t.tag}</a>
            {canWrite ? (
              <form method="post" action={`/documents/${documentId}/tags/${encodeURIComponent(t.tag)}/delete`} class="inline-form tag-remove">
                <input type="hidden" name="csrf" value={csrf ?? ''} />
                <button type="submit" aria-label={`Remove the tag ${t.tag}`}>Remove</button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <form id="add-tag" class="add-tag" method="post" action={`/documents/${documentId}/tags`}>
          <input type="hidden" name="csrf" value={csrf ?? ''} />
          <label for="tag-name">Add a tag</label>{' '}
          <input id="tag-name" name="tag" type="text" required maxlength={64} aria-describedby="tag-hint" />{' '}
          <button type="submit" id="add-tag-submit">Add tag</button>
          <span id="tag-hint" class="hint"> Lower case, spaces become dashes; search with tag:NAME.</span>
        </form>
      ) : null}
    </section>
  );
}

/** The notes panel and tags of a document page, for a user who may see the document. */
export function DocumentExtrasView({ documentId, collection, notes, tags, user, csrf, pages, publicNotes = new Set() }: { documentId: number; collection: string; notes: NoteView[]; tags: TagView[]; user: SessionUser; csrf: string | null; pages: number; publicNotes?: Set<number> }) {
  const canWrite = mayWrite(user);
  const mayPublish = user.role === 'admin' || user.role === 'editor';
  return (
    <>
      <section id="notes" class="document-notes" aria-labelledby="notes-h">
        <h2 id="notes-h">Notes ({notes.length})</h2>
        <p>
          Notes are read by everyone who may see {collection}.{' '}
          <a href={`/collections/${encodeURIComponent(collection)}/notes`}>All notes of {collection}</a>
        </p>
        {notes.length ? (
          <ol id="notes-list" class="note-list">
            {notes.map((note) => (
              <NoteItem note={note} documentId={documentId} csrf={csrf} isPublic={publicNotes.has(note.id)} mayPublish={mayPublish} />
            ))}
          </ol>
        ) : (
          <p id="no-notes">No notes yet.</p>
        )}
        {canWrite ? <AddNoteForm documentId={documentId} csrf={csrf} pages={pages} /> : <p class="muted">Your role ({user.role}) may read notes but not add them.</p>}
      </section>
      <TagsSection documentId={documentId} collection={collection} tags={tags} canWrite={canWrite} csrf={csrf} />
      <script src={assetUrl('notes.js')} defer></script>
    </>
  );
}

/**
 * Extra sections of the document page: the notes panel (notes in reading order, the add-note
 * form) and the tags with their add and remove forms. Called by the document route after its own
 * access check; checks again, so it can never show a document's notes to someone who may not see it.
 */
export async function documentExtras(deps: HttpDeps, c: Context<HttpEnv>, documentId: number): Promise<Child> {
  const user = c.get('user');
  if (!user) return null;
  const doc = await documentIfVisible(deps.records, c.get('access'), documentId);
  if (!doc) return null;
  const [notes, tags, pages, publicNotes] = await Promise.all([
    listDocumentNotes(deps.records, documentId, user),
    listDocumentTags(deps.records, documentId),
    deps.records.read.documentView.pageCount(documentId),
    deps.records.read.publications.publicNotes(documentId),
  ]);
  return <DocumentExtrasView documentId={documentId} collection={doc.collection} notes={notes} tags={tags} user={user} csrf={c.get('csrf')} pages={pages} publicNotes={new Set(publicNotes.map((n) => n.id))} />;
}
