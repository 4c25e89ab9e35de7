import type { AuditEntry, AuditFilters, AuditVerification } from '../../audit/index.js';
import type { SessionUser } from '../context.js';
import { Layout } from './layout.js';

const ACTIONS = ['search', 'view', 'download', 'export', 'login', 'login_failed', 'logout', 'password', 'grant', 'revoke', 'user_add', 'note', 'tag', 'upload'];

function pageUrl(filters: AuditFilters, offset: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of [['user', filters.user], ['action', filters.action], ['document', filters.documentId], ['from', filters.from], ['to', filters.to]] as const) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  if (offset) params.set('offset', String(offset));
  return `/admin/audit?${params.toString()}`;
}

/** /admin/audit: the chain's status, filters, and the entries newest first. */
export function AdminAuditPage({ filters, list, verification, user, csrf, nonce }: { filters: AuditFilters; list: { total: number; entries: AuditEntry[] }; verification: AuditVerification; user: SessionUser; csrf: string | null; nonce?: string }) {
  const limit = filters.limit ?? 50;
  const offset = filters.offset ?? 0;
  return (
    <Layout title="Audit log" user={user} csrf={csrf} nonce={nonce}>
      <h1>Audit log</h1>
      {verification.intact ? (
        <p class="notice" role="status" id="chain-status">The hash chain of {verification.entries} entries is intact.</p>
      ) : (
        <p class="alert" role="alert" id="chain-status">The hash chain is broken at entry {verification.firstBad?.id}: {verification.firstBad?.message}</p>
      )}
      <form method="get" action="/admin/audit" class="filters" aria-label="Filter the audit log">
        <div><label for="f-user">User</label><input id="f-user" name="user" value={filters.user ?? ''} /></div>
        <div>
          <label for="f-action">Action</label>
          <select id="f-action" name="action">
            <option value="">any</option>
            {ACTIONS.map((a) => <option value={a} selected={filters.action === a}>{a}</option>)}
          </select>
        </div>
        <div><label for="f-document">Document</label><input id="f-document" name="document" inputmode="numeric" value={filters.documentId === undefined ? '' : String(filters.documentId)} /></div>
        <div><label for="f-from">From</label><input id="f-from" name="from" type="date" value={filters.from ?? ''} /></div>
        <div><label for="f-to">To</label><input id="f-to" name="to" type="date" value={filters.to ?? ''} /></div>
        <div><button type="submit">Filter</button></div>
      </form>
      <p>{list.total} entr{list.total === 1 ? 'y' : 'ies'}{list.total > limit ? `, ${offset + 1}–${Math.min(offset + limit, list.total)}` : ''}</p>
      <table class="audit">
        <caption class="visually-hidden">Audit entries, newest first</caption>
        <thead>
          <tr><th scope="col">#</th><th scope="col">When (UTC)</th><th scope="col">User</th><th scope="col">Action</th><th scope="col">Document</th><th scope="col">Collection</th><th scope="col">Detail</th></tr>
        </thead>
        <tbody>
          {list.entries.map((e) => (
            <tr class={verification.firstBad?.id === e.id ? 'bad' : undefined}>
              <td class="num">{e.id}</td>
              <td>{e.at.replace('T', ' ').slice(0, 19)}</td>
              <td>{e.username || '—'}</td>
              <td>{e.action}</td>
              <td>{e.documentId !== null ? <a href={`/documents/${e.documentId}`}>{e.documentId}</a> : ''}</td>
              <td>{e.collection ?? ''}</td>
              <td class="detail"><code>{Object.keys(e.detail).length ? JSON.stringify(e.detail) : ''}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Audit pages" class="pagination">
        <ul>
          {offset > 0 ? <li><a href={pageUrl(filters, Math.max(0, offset - limit))} rel="prev">Newer</a></li> : null}
          {offset + limit < list.total ? <li><a href={pageUrl(filters, offset + limit)} rel="next">Older</a></li> : null}
        </ul>
      </nav>
    </Layout>
  );
}
