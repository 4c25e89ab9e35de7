import type { SessionUser } from '../context.js';
import type { CollectionSummary } from '../routes/collections.js';
import { Layout } from './layout.js';

const filterValue = (name: string) => (/[\s"():]/.test(name) ? `"${name.replace(/"/g, '')}"` : name);

/** /: the collections the user may see, with counts, each a link to its documents. */
export function CollectionsPage({ collections, user, csrf, nonce }: { collections: CollectionSummary[]; user: SessionUser; csrf: string | null; nonce?: string }) {
  return (
    <Layout title="Collections" user={user} csrf={csrf} nonce={nonce}>
      <h1>Collections</h1>
      {collections.length === 0 ? (
        <p>
          {user.role === 'admin'
            ? <>Nothing has been ingested yet. On the server: <code>npx dossier ingest FOLDER --collection NAME</code>.</>
            : <>No collection has been granted to you yet. An administrator can: <code>npx dossier grant {user.name} COLLECTION</code>.</>}
        </p>
      ) : (
        <table class="collections">
          <caption class="visually-hidden">Collections you may see</caption>
          <thead>
            <tr><th scope="col">Collection</th><th scope="col" class="num">Documents</th><th scope="col" class="num">Read</th><th scope="col" class="num">Failed</th><th scope="col" class="num">Waiting</th><th scope="col">Since</th><th scope="col">Team's work</th></tr>
          </thead>
          <tbody>
            {collections.map((col) => (
              <tr>
                <th scope="row"><a href={`/search?q=${encodeURIComponent(`collection:${filterValue(col.name)}`)}`}>{col.name}</a></th>
                <td class="num">{col.documents}</td>
                <td class="num">{col.ok}</td>
                <td class="num">{col.failed}</td>
                <td class="num">{col.pending}</td>
                <td>{col.createdAt.slice(0, 10)}</td>
                <td>
                  <a href={`/collections/${encodeURIComponent(col.name)}/notes`}>notes</a> · <a href={`/collections/${encodeURIComponent(col.name)}/tags`}>tags</a> ·{' '}
                  <a href={`/upload?collection=${encodeURIComponent(col.name)}`}>upload</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
