import type { SessionUser } from '../context.js';
import type { NoteView } from '../notes.js';
import { Layout } from './layout.js';

export interface CollectionNotesProps {
  collection: { id: number; name: string };
  notes: NoteView[];
  total: number;
  limit: number;
  offset: number;
  user: SessionUser;
  csrf: string | null;
  nonce?: string;
}

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** One note as a list entry: the passage (linked to the viewer), the note, who and when. */
export function NoteSummary({ note, showDocument }: { note: NoteView; showDocument: boolean }) {
  return (
    <article class="note" aria-labelledby={`note-title-${note.id}`}>
      <h2 id={`note-title-${note.id}`} class="note-title">
        <a href={note.url}>{showDocument ? (note.documentTitle ?? note.documentPath) : note.page ? `Page ${note.page}` : 'The whole document'}</a>
        {showDocument && note.page ? <span class="note-page">{` · page ${note.page}`}</span> : null}
      </h2>
      {note.quote ? <blockquote class="note-quote">{note.quote}</blockquote> : null}
      <p class="note-body">{note.body}</p>
      <p class="note-meta">
        {note.author} · <time datetime={note.createdAt}>{when(note.createdAt)}</time>
      </p>
    </article>
  );
}

/** GET /collections/:name/notes: every note of a collection, newest first, each linking to its passage. */
export function CollectionNotesPage({ collection, notes, total, limit, offset, user, csrf, nonce }: CollectionNotesProps) {
  const base = `/collections/${encodeURIComponent(collection.name)}/notes`;
  return (
    <Layout title={`Notes in ${collection.name}`} user={user} csrf={csrf} nonce={nonce}>
      <h1>Notes in {collection.name}</h1>
      <p class="count">
        {total === 0 ? 'No notes yet: select a passage in a document to add one.' : `${total} note${total === 1 ? '' : 's'}${total > notes.length ? `, ${offset + 1}–${offset + notes.length} shown` : ''}.`}{' '}
        <a href={`/collections/${encodeURIComponent(collection.name)}/tags`}>Tags of this collection</a>
      </p>
      <ol class="note-list" id="collection-notes">
        {notes.map((note) => (
          <li id={`note-${note.id}`}>
            <NoteSummary note={note} showDocument={true} />
          </li>
        ))}
      </ol>
      {total > offset + notes.length || offset > 0 ? (
        <nav aria-label="Pages of notes" class="pagination">
          {offset > 0 ? <a rel="prev" href={`${base}?offset=${Math.max(0, offset - limit)}`}>Newer notes</a> : null}{' '}
          {total > offset + notes.length ? <a rel="next" href={`${base}?offset=${offset + limit}`}>Older notes</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}
