import { Layout } from './layout.js';

/** The sign-in form: fields `username` and `password`; a failure says so without saying which was wrong. */
export function LoginPage({ next, username, error, notice, nonce }: { next: string; username?: string; error?: string; notice?: string; nonce?: string }) {
  return (
    <Layout title="Sign in" user={null} csrf={null} nonce={nonce}>
      <div class="narrow">
        <h1>Sign in to Dossier</h1>
        {notice ? <p class="notice" role="status">{notice}</p> : null}
        {error ? <p class="alert" role="alert" id="login-error">{error}</p> : null}
        <form method="post" action="/login" class="stacked-form" id="login-form">
          <input type="hidden" name="next" value={next} />
          <label for="username">User name</label>
          <input id="username" name="username" type="text" autocomplete="username" required autofocus value={username ?? ''} aria-describedby={error ? 'login-error' : undefined} />
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button type="submit">Sign in</button>
        </form>
        <p class="hint">No account yet? An administrator creates one on the server with <code>npx dossier user add NAME --role reporter</code>.</p>
      </div>
    </Layout>
  );
}
