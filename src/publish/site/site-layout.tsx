import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { SiteOptions } from './site-context.js';

export interface SiteLayoutProps {
  site: SiteOptions;
  /** Relative path to the site's root from this page. */
  root: string;
  title: string;
  /** Path of the page from the root, for its canonical address ("stories/x/"). */
  path: string;
  description?: string;
  lang?: string;
  ogType?: 'website' | 'article';
  ogImage?: string | null;
  /** Structured data (schema.org), written as JSON-LD. */
  jsonLd?: unknown;
  /** Extra <link> elements (oEmbed discovery). */
  head?: Child;
  wide?: boolean;
  embed?: boolean;
  children?: Child;
}

/** JSON for a <script type="application/ld+json">: "<" escaped so no text can close the element. */
const jsonForScript = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** Every public page: lang, skip link first, header with the site's name and search, main, footer. No script. */
export function SiteLayout(props: SiteLayoutProps) {
  const { site, root, title } = props;
  const canonical = new URL(props.path, site.baseUrl).toString();
  const fullTitle = title === site.name ? site.name : `${title} · ${site.name}`;
  return (
    <html lang={props.lang ?? 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{fullTitle}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        <link rel="canonical" href={canonical} />
        <link rel="stylesheet" href={`${root}site.css`} />
        <link rel="alternate" type="application/atom+xml" title={`${site.name}: stories and documents`} href={`${root}feed.atom`} />
        <meta property="og:site_name" content={site.name} />
        <meta property="og:title" content={title} />
        <meta property="og:type" content={props.ogType ?? 'website'} />
        <meta property="og:url" content={canonical} />
        {props.description ? <meta property="og:description" content={props.description} /> : null}
        {props.ogImage ? <meta property="og:image" content={new URL(props.ogImage, site.baseUrl).toString()} /> : null}
        {props.head}
        {props.jsonLd ? <script type="application/ld+json">{raw(jsonForScript(props.jsonLd))}</script> : null}
      </head>
      <body class={props.embed ? 'embed' : undefined}>
        <a class="skip-link" href="#main">Skip to content</a>
        {props.embed ? null : (
          <header class="site-header">
            <a class="site-name" href={root}>{site.name}</a>
            <nav aria-label="Site">
              <ul>
                <li><a href={root}>Stories</a></li>
                <li><a href={`${root}documents/`}>Documents</a></li>
                <li><a href={`${root}feed.atom`}>Feed</a></li>
              </ul>
            </nav>
            {site.static ? null : (
              <form class="site-search" role="search" aria-label="Site" method="get" action={`${root}search/`}>
                <label for="site-q" class="visually-hidden">Search stories and documents</label>
                <input id="site-q" type="search" name="q" placeholder="Search 搜索" />
                <button type="submit">Search</button>
              </form>
            )}
          </header>
        )}
        <main id="main" class={props.wide ? 'wide' : undefined} tabindex={-1}>
          {props.children}
        </main>
        {props.embed ? null : (
          <footer class="site-footer">
            <p>Published with Dossier. No cookies, no trackers, no third-party requests.</p>
          </footer>
        )}
      </body>
    </html>
  );
}
