import type { SessionUser } from '../context.js';
import { assetUrl } from '../routes/assets.js';
import type { UploadView } from '../routes/uploads.js';
import { Layout } from './layout.js';
import { formatBytes } from '../../domain/format-bytes.js';

export interface UploadPageProps {
  user: SessionUser;
  csrf: string | null;
  nonce?: string;
  /** Collections the user may see (and so upload into, with a writing role). */
  collections: string[];
  mayUpload: boolean;
  /** Admins may name a new collection. */
  mayCreate: boolean;
  maxBytes: number;
  uploads: UploadView[];
  preselect?: string | undefined;
}

/**
 * GET /upload: a plain multipart form (works without JavaScript); upload.js adds dropping files
 * on the page and a transfer progress bar. The csrf and collection fields come before the files,
 * so the server can refuse an upload before storing a byte of it.
 */
export function UploadPage({ user, csrf, nonce, collections, mayUpload, mayCreate, maxBytes, uploads, preselect }: UploadPageProps) {
  return (
    <Layout title="Upload" user={user} csrf={csrf} nonce={nonce}>
      <h1>Upload documents</h1>
      {!mayUpload ? (
        <p class="notice">Your role ({user.role}) may read but not upload. Ask an admin for the role of reporter or editor.</p>
      ) : collections.length === 0 && !mayCreate ? (
        <p class="notice">You have no collection to upload into. Ask an admin to grant you one.</p>
      ) : (
        <form id="upload-form" class="upload-form" method="post" action="/upload" enctype="multipart/form-data" data-max-bytes={String(maxBytes)}>
          <input type="hidden" name="csrf" value={csrf ?? ''} />
          <fieldset>
            <legend>Into which collection</legend>
            {collections.length ? (
              <p>
                <label for="upload-collection">Collection</label>{' '}
                <select id="upload-collection" name="collection">
                  {mayCreate ? <option value="">(a new collection, named below)</option> : null}
                  {collections.map((name) => (
                    <option value={name} selected={name === preselect}>{name}</option>
                  ))}
                </select>
              </p>
            ) : null}
            {mayCreate ? (
              <p>
                <label for="upload-new-collection">New collection</label>{' '}
                <input id="upload-new-collection" name="new_collection" type="text" maxlength={100} aria-describedby="upload-new-collection-hint" />
                <span id="upload-new-collection-hint" class="hint"> Leave empty to use the collection chosen above.</span>
              </p>
            ) : null}
          </fieldset>
          <div id="drop-zone" class="drop-zone">
            <p>
              <label for="upload-files">Files or ZIP archives</label>{' '}
              <input id="upload-files" type="file" name="files" multiple required aria-describedby="upload-files-hint" />
            </p>
            <p id="upload-files-hint" class="hint">
              Choose files, or drop them on this box. Archives are unpacked; every file ends read or failed with a reason. At most {formatBytes(maxBytes)} per upload.
            </p>
            <ul id="upload-file-list" class="file-list"></ul>
          </div>
          <p>
            <button type="submit" id="upload-submit">Upload and ingest</button>
          </p>
          <p id="upload-status" role="status" aria-live="polite"></p>
          <progress id="upload-transfer" max={100} value={0} hidden aria-label="Sent so far"></progress>
        </form>
      )}
      <h2 id="recent-uploads">Recent uploads</h2>
      {uploads.length === 0 ? (
        <p>No uploads yet.</p>
      ) : (
        <table class="uploads" aria-labelledby="recent-uploads">
          <thead>
            <tr>
              <th scope="col">Upload</th>
              <th scope="col">Collection</th>
              <th scope="col">By</th>
              <th scope="col">Files</th>
              <th scope="col">State</th>
              <th scope="col">Documents</th>
            </tr>
          </thead>
          <tbody>
            {uploads.map((u) => (
              <tr>
                <td><a href={u.url}>{`#${u.id}`}</a> <time datetime={u.createdAt}>{u.createdAt.slice(0, 16).replace('T', ' ')}</time></td>
                <td>{u.collection}</td>
                <td>{u.user}</td>
                <td>{`${u.files} (${formatBytes(u.bytes)})`}</td>
                <td>{u.state}</td>
                <td>{`${u.documents.ok} ok, ${u.documents.failed} failed${u.documents.pending ? `, ${u.documents.pending} pending` : ''}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <script src={assetUrl('upload.js')} defer></script>
    </Layout>
  );
}
