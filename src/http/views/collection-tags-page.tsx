import type { SessionUser } from '../context.js';
import { tagSearchUrl } from '../tags.js';
import { Layout } from './layout.js';

export interface CollectionTagsProps {
  collection: { id: number; name: string };
  tags: Array<{ tag: string; documents: number }>;
  user: SessionUser;
  csrf: string | null;
  nonce?: string;
}

/** GET /collections/:name/tags: the collection's tags with counts, each a search of its documents. */
export function CollectionTagsPage({ collection, tags, user, csrf, nonce }: CollectionTagsProps) {
  return (
    <Layout title={`Tags in ${collection.name}`} user={user} csrf={csrf} nonce={nonce}>
      <h1>Tags in {collection.name}</h1>
      <p>
        Search with <code>tag:NAME</code> to find tagged documents and <code>-tag:NAME</code> to leave them out.{' '}
        <a href={`/collections/${encodeURIComponent(collection.name)}/notes`}>Notes of this collection</a>
      </p>
      {tags.length === 0 ? (
        <p>No document of this collection is tagged yet.</p>
      ) : (
        <table class="tag-counts" id="collection-tags">
          <caption class="visually-hidden">Tags and how many documents carry each</caption>
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Documents</th>
            </tr>
          </thead>
          <tbody>
            {tags.map((t) => (
              <tr data-tag={t.tag}>
                <td>
                  <a class="tag" href={tagSearchUrl(t.tag, collection.name)}>{t.tag}</a>
                </td>
                <td>{t.documents}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
