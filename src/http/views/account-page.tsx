import type { SessionUser } from '../context.js';
import { MIN_PASSWORD_LENGTH } from '../../accounts/index.js';
import { Layout } from './layout.js';

/** /account: who you are, what you may see, and the password change form. */
export function AccountPage({ user, collections, all, message, csrf, nonce }: { user: SessionUser; collections: string[]; all: boolean; message?: { kind: 'ok' | 'error'; text: string }; csrf: string | null; nonce?: string }) {
  return (
    <Layout title="Your account" user={user} csrf={csrf} nonce={nonce}>
      <div class="narrow">
        <h1>Your account</h1>
        <p>Signed in as <strong>{user.name}</strong> ({user.role}). {all ? 'You may see every collection.' : collections.length ? `You may see: ${collections.join(', ')}.` : 'No collection is granted to you yet.'}</p>
        <h2>Change your password</h2>
        {message ? <p class={message.kind === 'ok' ? 'notice' : 'alert'} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</p> : null}
        <form method="post" action="/account/password" class="stacked-form" id="password-form">
          <input type="hidden" name="csrf" value={csrf ?? ''} />
          <label for="old_password">Current password</label>
          <input id="old_password" name="old_password" type="password" autocomplete="current-password" required />
          <label for="new_password">New password <span class="muted">(at least {MIN_PASSWORD_LENGTH} characters)</span></label>
          <input id="new_password" name="new_password" type="password" autocomplete="new-password" minlength={MIN_PASSWORD_LENGTH} required />
          <label for="repeat_password">New password again</label>
          <input id="repeat_password" name="repeat_password" type="password" autocomplete="new-password" minlength={MIN_PASSWORD_LENGTH} required />
          <button type="submit">Change password</button>
        </form>
        <p class="hint">Changing it signs you out everywhere; sign in again with the new one.</p>
      </div>
    </Layout>
  );
}
