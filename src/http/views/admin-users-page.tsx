import type { UserRecord } from '../../accounts/index.js';
import type { SessionUser } from '../context.js';
import { Layout } from './layout.js';

/** /admin/users: accounts, roles, grants; grant and revoke collections. */
export function AdminUsersPage({ users, collections, message, user, csrf, nonce }: { users: UserRecord[]; collections: string[]; message?: { kind: 'ok' | 'error'; text: string }; user: SessionUser; csrf: string | null; nonce?: string }) {
  return (
    <Layout title="Users" user={user} csrf={csrf} nonce={nonce}>
      <h1>Users</h1>
      {message ? <p class={message.kind === 'ok' ? 'notice' : 'alert'} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</p> : null}
      <p class="hint">Create accounts on the server: <code>npx dossier user add NAME --role admin|editor|reporter|viewer</code>. Admins see every collection.</p>
      <table class="users">
        <caption class="visually-hidden">Accounts and the collections granted to them</caption>
        <thead>
          <tr><th scope="col">User</th><th scope="col">Role</th><th scope="col">Collections</th><th scope="col">Since</th></tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr>
              <th scope="row">{u.name}{u.disabled ? <span class="muted"> (disabled)</span> : null}</th>
              <td>{u.role}</td>
              <td>
                {u.role === 'admin' ? <span class="muted">every collection</span> : u.collections.length === 0 ? <span class="muted">none</span> : (
                  <ul class="plain grants">
                    {u.collections.map((name) => (
                      <li>
                        {name}{' '}
                        <form method="post" action="/admin/grants" class="inline-form">
                          <input type="hidden" name="csrf" value={csrf ?? ''} />
                          <input type="hidden" name="user" value={u.name} />
                          <input type="hidden" name="collection" value={name} />
                          <input type="hidden" name="op" value="revoke" />
                          <button type="submit" class="small" aria-label={`Revoke ${name} from ${u.name}`}>Revoke</button>
                        </form>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>{u.createdAt.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Grant a collection</h2>
      <form method="post" action="/admin/grants" class="filters" id="grant-form">
        <input type="hidden" name="csrf" value={csrf ?? ''} />
        <input type="hidden" name="op" value="grant" />
        <div>
          <label for="g-user">User</label>
          <select id="g-user" name="user" required>
            {users.filter((u) => u.role !== 'admin').map((u) => <option value={u.name}>{u.name}</option>)}
          </select>
        </div>
        <div>
          <label for="g-collection">Collection</label>
          <select id="g-collection" name="collection" required>
            {collections.map((name) => <option value={name}>{name}</option>)}
          </select>
        </div>
        <div><button type="submit">Grant</button></div>
      </form>
    </Layout>
  );
}
