import type { SessionUser } from '../context.js';
import { Layout } from './layout.js';

const TITLES: Record<number, string> = { 400: 'Bad request', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict', 429: 'Too many attempts' };

/** A page for an error: the status and a message meant for people. */
export function ErrorPage({ status, message, user, csrf, nonce }: { status: number; message: string; user: SessionUser | null; csrf: string | null; nonce?: string }) {
  const title = TITLES[status] ?? 'Error';
  return (
    <Layout title={title} user={user} csrf={csrf} nonce={nonce}>
      <h1>{title}</h1>
      <p class="error-message">{message}</p>
      <p><a href="/">Back to the collections</a></p>
    </Layout>
  );
}
