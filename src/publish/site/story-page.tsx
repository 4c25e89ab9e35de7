import { raw } from 'hono/html';
import type { ContextLink, Story, StoryComment } from '../../domain/story.js';
import { renderMarkdown, markdownText } from '../story/render-markdown.js';
import type { StoryStats } from '../story/views.js';
import type { SiteOptions } from './site-context.js';
import { SiteLayout } from './site-layout.js';

export interface StoryPageModel {
  story: Story;
  comments: StoryComment[];
  popular: StoryStats[];
  /** Documents the story cites that are published: id and title. */
  cited: Array<{ id: number; title: string }>;
  /** The comment form's signed token (null in a static export). */
  token: string | null;
  /** After a comment was sent, or refused. */
  notice?: { kind: 'ok' | 'error'; text: string } | null;
}

const ROOT = '../../';

/** One formatter: toLocaleDateString builds a new one per call, a measurable share of a story render. */
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2 December 2026" from YYYY-MM-DD or an ISO time. */
export function humanDate(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_FORMAT.format(date);
}

/** Context links grouped under their perspective labels, in the order the labels first appear. */
function groupContext(links: ContextLink[]): Array<[string, ContextLink[]]> {
  const groups = new Map<string, ContextLink[]>();
  for (const link of links) groups.set(link.label, [...(groups.get(link.label) ?? []), link]);
  return [...groups];
}

/** A comment's text as plain paragraphs; addresses in it become links a search engine does not follow. */
function CommentBody({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((para) => (
        <p>
          {para.split(/(https?:\/\/[^\s<>"]+)/g).map((part, i) => (i % 2 === 1 ? <a href={part} rel="nofollow ugc noopener noreferrer">{part}</a> : part))}
        </p>
      ))}
    </>
  );
}

export function storyImagePath(story: Story): string | null {
  return story.image ? `stories/${story.slug}/image` : null;
}

/** The story page: feature image with credit, dek, byline, takeaways, body, context, cited documents, comments, popular posts. */
export function StoryPage({ site, model }: { site: SiteOptions; model: StoryPageModel }) {
  const { story } = model;
  const description = story.dek ?? markdownText(story.body).slice(0, 200);
  const image = storyImagePath(story);
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: story.title,
    description,
    datePublished: story.date ?? story.publishedAt,
    dateModified: story.updatedAt,
    author: story.byline ? [{ '@type': 'Person', name: story.byline.replace(/^by\s+/i, '') }] : undefined,
    image: image ? [new URL(image, site.baseUrl).toString()] : undefined,
    publisher: { '@type': 'Organization', name: site.name },
    mainEntityOfPage: new URL(`stories/${story.slug}/`, site.baseUrl).toString(),
    keywords: story.tags.length ? story.tags.join(', ') : undefined,
  };
  return (
    <SiteLayout site={site} root={ROOT} title={story.title} path={`stories/${story.slug}/`} description={description} ogType="article" ogImage={image} jsonLd={jsonLd}>
      <article>
        <header>
          <h1>{story.title}</h1>
          {story.dek ? <p class="dek">{story.dek}</p> : null}
          <p class="meta">
            {story.byline ? <span class="byline">{story.byline}</span> : null}
            {story.byline && story.date ? ' · ' : null}
            {story.date ? <time datetime={story.date}>{humanDate(story.date)}</time> : null}
          </p>
        </header>
        {story.image ? (
          <figure class="feature">
            <img src="image" alt={story.imageAlt ?? ''} />
            {story.imageCredit ? <figcaption>{story.imageCredit}</figcaption> : null}
          </figure>
        ) : null}
        {story.takeaways.length ? (
          <section class="takeaways" aria-labelledby="takeaways-h">
            <h2 id="takeaways-h">Key takeaways</h2>
            <ul>{story.takeaways.map((t) => <li>{t}</li>)}</ul>
          </section>
        ) : null}
        <div class="story-body">{raw(renderMarkdown(story.body, ROOT))}</div>
        {story.context.length ? (
          <section class="context" aria-labelledby="context-h">
            <h2 id="context-h">Context</h2>
            {groupContext(story.context).map(([label, links]) => (
              <>
                <h3>{label}</h3>
                <ul>
                  {links.map((l) => (
                    <li>
                      <a href={l.url} rel="noopener noreferrer">{l.title}</a>
                      {l.source ? <span class="source"> — {l.source}</span> : null}
                    </li>
                  ))}
                </ul>
              </>
            ))}
          </section>
        ) : null}
        {model.cited.length ? (
          <section class="cited" aria-labelledby="cited-h">
            <h2 id="cited-h">The documents</h2>
            <ul>{model.cited.map((d) => <li><a href={`${ROOT}documents/${d.id}/`}>{d.title}</a></li>)}</ul>
          </section>
        ) : null}
      </article>
      <section class="comments" id="comments" aria-labelledby="comments-h">
        <h2 id="comments-h">Comments ({model.comments.length})</h2>
        {model.notice ? <p class={model.notice.kind === 'ok' ? 'notice' : 'notice error'} role="status">{model.notice.text}</p> : null}
        {model.comments.map((c) => (
          <div class="comment" id={`comment-${c.id}`}>
            <p class="who">{c.name} <span class="meta">· {humanDate(c.createdAt)}</span></p>
            <CommentBody text={c.body} />
          </div>
        ))}
        {story.comments === 'open' && model.token ? (
          <form class="comment-form" method="post" action="./#comments">
            <input type="hidden" name="token" value={model.token} />
            <div class="honeypot" aria-hidden="true">
              <label for="website">Leave this empty</label>
              <input type="text" id="website" name="website" tabindex={-1} autocomplete="off" />
            </div>
            <label for="comment-name">Your name</label>
            <input type="text" id="comment-name" name="name" required maxlength={80} autocomplete="nickname" />
            <label for="comment-body">Your comment</label>
            <textarea id="comment-body" name="body" rows={6} required maxlength={5000}></textarea>
            <p class="meta">Comments are read by an editor before they appear. We keep no address and set no cookie.</p>
            <button type="submit">Send comment</button>
          </form>
        ) : (
          <p class="meta">{story.comments === 'open' ? 'Comments are taken on the live site.' : 'Comments are closed.'}</p>
        )}
      </section>
      {model.popular.length ? (
        <aside class="popular" aria-labelledby="popular-h">
          <h2 id="popular-h">Popular posts</h2>
          <ol>{model.popular.map((p) => <li><a href={`${ROOT}stories/${p.slug}/`}>{p.title}</a></li>)}</ol>
        </aside>
      ) : null}
    </SiteLayout>
  );
}
