import type { Child } from 'hono/jsx';
import type { SessionUser } from '../context.js';
import { assetUrl } from '../routes/assets.js';

export interface LayoutProps {
  title: string;
  user: SessionUser | null;
  /** The session's anti-forgery token, for the logout form (null when signed out). */
  csrf: string | null;
  nonce?: string;
  /** The query to keep in the header's search box. */
  query?: string;
  /** The search box in the header (off on the search page, which has its own). */
  headerSearch?: boolean;
  children?: Child;
}

/** Every page's frame: language, skip link, header with navigation, main landmark, footer. */
export function Layout({ title, user, csrf, query, headerSearch = true, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        {csrf ? <meta name="csrf-token" content={csrf} /> : null}
        <title>{`${title} · Dossier`}</title>
        <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={assetUrl('dossier.css')} />
        <script src={assetUrl('dossier.js')} defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header">
          <a class="brand" href="/">Dossier</a>
          {user ? (
            <nav aria-label="Main">
              <ul>
                <li><a href="/">Collections</a></li>
                <li><a href="/search">Search</a></li>
                <li><a href="/entities">Entities</a></li>
                <li><a href="/watchlists">Watch-lists</a></li>
                <li><a href="/upload">Upload</a></li>
                {user.role === 'admin' || user.role === 'editor' ? <li><a href="/publishing">Publishing</a></li> : null}
                {user.role === 'admin' ? <li><a href="/admin/users">Users</a></li> : null}
                {user.role === 'admin' ? <li><a href="/admin/audit">Audit log</a></li> : null}
                <li><a href="/account">Account ({user.name})</a></li>
                <li>
                  <form method="post" action="/logout" class="inline-form">
                    <input type="hidden" name="csrf" value={csrf ?? ''} />
                    <button type="submit" class="link-button">Sign out</button>
                  </form>
                </li>
              </ul>
            </nav>
          ) : null}
          {user && headerSearch ? (
            <form role="search" method="get" action="/search" class="header-search">
              <label for="header-q" class="visually-hidden">Search the documents</label>
              <input id="header-q" type="search" name="q" value={query ?? ''} placeholder="Search…" />
              <button type="submit">Search</button>
            </form>
          ) : null}
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>Dossier · everything on this page is served by this server; nothing is sent elsewhere.</p>
        </footer>
      </body>
    </html>
  );
}
