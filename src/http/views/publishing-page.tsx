import type { StoryComment } from '../../domain/story.js';
import type { StoryListing } from '../../publish/index.js';
import type { SessionUser } from '../context.js';
import { Layout } from './layout.js';

/** /publishing: the editors' desk for the public site: stories (with quotations that no longer match) and the comment queue. */
export function PublishingPage({ user, csrf, stories, pending }: { user: SessionUser; csrf: string | null; stories: StoryListing[]; pending: StoryComment[] }) {
  const broken = stories.filter((s) => s.brokenQuotes.length > 0);
  return (
    <Layout title="Publishing" user={user} csrf={csrf}>
      <h1>Publishing</h1>
      <section aria-labelledby="broken-h">
        <h2 id="broken-h">Broken quotations in published stories ({broken.reduce((n, s) => n + s.brokenQuotes.length, 0)})</h2>
        {broken.length === 0 ? <p>Every quotation of every published story matches its published passage.</p> : null}
        <ul>
          {broken.flatMap((s) =>
            s.brokenQuotes.map((q) => (
              <li>
                <strong>{s.title}</strong> ({s.slug}): “{q.text}” — document {q.documentId}, page {q.page}: {q.problem.replace('_', ' ')}
              </li>
            )),
          )}
        </ul>
      </section>
      <section aria-labelledby="stories-h">
        <h2 id="stories-h">Stories ({stories.length})</h2>
        <p><a href="/publishing/stories/new" id="new-story">Write a new story</a> — or load a Markdown file with <code>dossier story create FILE.md</code>.</p>
        <table id="story-list">
          <thead><tr><th scope="col">Story</th><th scope="col">Status</th><th scope="col">Comments</th><th scope="col">Broken quotations</th></tr></thead>
          <tbody>
            {stories.map((s) => (
              <tr data-slug={s.slug}>
                <td><a href={`/publishing/stories/${s.slug}/edit`}>{s.title}</a> <span class="muted">({s.slug})</span></td>
                <td>{s.status}{s.publishedAt && s.status === 'published' ? ` ${s.publishedAt.slice(0, 10)}` : ''}</td>
                <td>{s.comments}</td>
                <td>{s.brokenQuotes.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="queue-h">
        <h2 id="queue-h">Comments awaiting moderation ({pending.length})</h2>
        {pending.length === 0 ? <p>No comment is waiting.</p> : null}
        {pending.map((c) => (
          <article class="comment-queue-item" aria-label={`Comment ${c.id}`}>
            <p>
              <strong>{c.name}</strong> on {c.storySlug} · {c.createdAt.slice(0, 16).replace('T', ' ')}
              {c.reason ? <> · flagged: {c.reason}</> : null}
            </p>
            <blockquote>{c.body}</blockquote>
            <form method="post" action={`/publishing/comments/${c.id}`} class="inline-form">
              <input type="hidden" name="csrf" value={csrf ?? ''} />
              <button type="submit" name="decision" value="approve">Approve</button>{' '}
              <button type="submit" name="decision" value="reject">Reject</button>{' '}
              <button type="submit" name="decision" value="spam">Spam</button>
            </form>
          </article>
        ))}
      </section>
    </Layout>
  );
}
