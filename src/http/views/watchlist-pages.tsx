import { raw } from 'hono/html';
import type { WatchlistResult } from '../../search/index.js';
import type { SessionUser } from '../context.js';
import type { WatchlistProgress } from '../watchlist-runner.js';
import { assetUrl } from '../routes/assets.js';
import { Layout } from './layout.js';

export interface WatchlistRow {
  id: number;
  name: string;
  names: number;
  ranAt: string | null;
  createdAt: string;
}

/** The user's watch-lists and the form to upload a new one. */
export function WatchlistsPage({ user, csrf, lists, error }: { user: SessionUser; csrf: string | null; lists: WatchlistRow[]; error?: string }) {
  return (
    <Layout title="Watch-lists" user={user} csrf={csrf}>
      <link rel="stylesheet" href={assetUrl('entities.css')} />
      <h1>Watch-lists</h1>
      <p>Search a list of names in one go — in any script: each name is searched across scripts (习近平 finds 習近平 and Xi Jinping) in the collections you may see.</p>
      {error ? <p class="error" role="alert">{error}</p> : null}
      <form method="post" action="/watchlists" enctype="multipart/form-data" class="stacked">
        <input type="hidden" name="csrf" value={csrf ?? ''} />
        <label for="wl-name">Name of the list</label>
        <input id="wl-name" name="name" required maxlength={200} />
        <label for="wl-file">A CSV file with a "name" column, or a text file with one name per line</label>
        <input id="wl-file" type="file" name="file" accept=".csv,.txt,text/csv,text/plain" />
        <label for="wl-names">…or type the names, one per line</label>
        <textarea id="wl-names" name="names" rows={6}></textarea>
        <button type="submit">Search these names</button>
      </form>
      {lists.length ? (
        <table>
          <caption>Your lists</caption>
          <thead><tr><th scope="col">List</th><th scope="col">Names</th><th scope="col">Last run</th><th scope="col">Results</th></tr></thead>
          <tbody>
            {lists.map((l) => (
              <tr>
                <td><a href={`/watchlists/${l.id}`}>{l.name}</a></td>
                <td>{String(l.names)}</td>
                <td>{l.ranAt ? l.ranAt.slice(0, 16).replace('T', ' ') : 'running or never'}</td>
                <td>{l.ranAt ? <a href={`/watchlists/${l.id}/results.csv`}>CSV</a> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p>No watch-lists yet.</p>}
    </Layout>
  );
}

export interface WatchlistPageProps {
  user: SessionUser;
  csrf: string | null;
  id: number;
  name: string;
  names: string[];
  ranAt: string | null;
  results: WatchlistResult[] | null;
  progress: WatchlistProgress | undefined;
}

/** One list: live progress while it runs, then per name the documents and hit counts. */
export function WatchlistPage(p: WatchlistPageProps) {
  const runningNow = p.progress?.state === 'running';
  return (
    <Layout title={p.name} user={p.user} csrf={p.csrf}>
      <link rel="stylesheet" href={assetUrl('entities.css')} />
      {/* As markup, not JSX: hono/jsx hoists a JSX <meta> into <head>, out of the noscript. */}
      {runningNow ? raw('<noscript><meta http-equiv="refresh" content="2"></noscript>') : null}
      {runningNow ? <script src={assetUrl('watchlist.js')} defer></script> : null}
      <p><a href="/watchlists">Watch-lists</a></p>
      <h1>{p.name}</h1>
      {runningNow ? (
        <p role="status" id="watchlist-progress" data-watchlist-id={String(p.id)}>
          <span data-field="text">{`Searching: ${p.progress!.done} of ${p.progress!.total} names${p.progress!.eta !== null ? ` · about ${p.progress!.eta} s left` : ''}`}</span>{' '}
          <progress max={p.progress!.total} value={p.progress!.done}>{`${p.progress!.done}/${p.progress!.total}`}</progress>
        </p>
      ) : null}
      {p.progress?.state === 'failed' ? <p class="error" role="alert">{`The run failed: ${p.progress.error ?? 'unknown error'}`}</p> : null}
      {p.results ? (
        <>
          <p>
            {`Last run ${p.ranAt ? p.ranAt.slice(0, 16).replace('T', ' ') : ''}: ${p.results.filter((r) => r.documents > 0).length} of ${p.results.length} names found. `}
            <a href={`/watchlists/${p.id}/results.csv`} download>Download the results (CSV)</a>
          </p>
          <form method="post" action={`/watchlists/${p.id}/rerun`}>
            <input type="hidden" name="csrf" value={p.csrf ?? ''} />
            <button type="submit">Run again (documents added since are marked new)</button>
          </form>
          <table class="watchlist">
            <caption class="visually-hidden">Results per name</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Documents</th><th scope="col">Hits</th><th scope="col">New</th><th scope="col">Top documents</th></tr></thead>
            <tbody>
              {p.results.map((r) => (
                <tr>
                  <td><a href={`/search?${new URLSearchParams({ q: `"${r.name}"`, mode: 'cross-script' })}`}>{r.name}</a></td>
                  <td>{String(r.documents)}</td>
                  <td>{String(r.hits)}</td>
                  <td>{String(r.newDocuments)}</td>
                  <td>{r.error ? <span class="error">{r.error}</span> : r.top.slice(0, 3).map((d) => <a class="doc-chip" href={`/documents/${d.id}`}>{`${d.title ?? d.path.split('/').pop()}${d.hits !== null ? ` (${d.hits})` : ''}`}</a>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : !runningNow ? <p>Not run yet.</p> : null}
      <details>
        <summary>{`The ${p.names.length} names`}</summary>
        <p>{p.names.join(' · ')}</p>
      </details>
    </Layout>
  );
}
