import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { mayAccessCollection } from '../../accounts/index.js';
import { findSimilar, type SimilarDocument } from '../../publish/index.js';
import type { HttpDeps, HttpEnv } from '../context.js';
import { assetUrl } from '../routes/assets.js';

/** The viewer's "Versions and near-duplicates": documents sharing most of this one's text, each with a link to compare. */
export function DocumentVersions({ documentId, similar }: { documentId: number; similar: SimilarDocument[] }) {
  return (
    <section id="versions" aria-labelledby="versions-heading">
      <link rel="stylesheet" href={assetUrl('verify.css')} />
      <h2 id="versions-heading">Versions and near-duplicates</h2>
      {similar.length === 0 ? (
        <p>No other document you can see shares most of this one's text.</p>
      ) : (
        <table class="versions-list">
          <thead><tr><th scope="col">Document</th><th scope="col">Similarity</th><th scope="col"><span class="visually-hidden">Compare</span></th></tr></thead>
          <tbody>
            {similar.map((d) => (
              <tr>
                <td><a href={`/documents/${d.id}`}>{d.path}</a></td>
                <td class="similarity">{d.similarity.toFixed(2)}</td>
                <td><a href={`/compare?a=${documentId}&b=${d.id}`}>Compare</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The section for a document the user may see: its near-duplicates among the collections they may see. */
export async function documentVersions(deps: Pick<HttpDeps, 'records'>, c: Context<HttpEnv>, documentId: number): Promise<Child> {
  const access = c.get('access');
  const similar = await findSimilar(deps.records, { id: documentId, min: 0.5, limit: 20, mayRead: (collectionId) => mayAccessCollection(access, collectionId) });
  return <DocumentVersions documentId={documentId} similar={similar} />;
}
