/** What every public page is rendered with. */
export interface SiteOptions {
  /** The site's name, in the header, the feed and OpenGraph. */
  name: string;
  /** The absolute address the site is published at (canonical links, feed, sitemap, oEmbed), ending in "/". */
  baseUrl: string;
  /** A static export: no comment form (it would need the live site), no search box. */
  static: boolean;
}

/** The relative path from a page at `depth` folders below the root back to the root ("", "../", "../../"). */
export const rootFrom = (depth: number): string => (depth === 0 ? './' : '../'.repeat(depth));

/** Escape text for XML (the feed and the sitemap). */
export const xmlEscape = (text: string): string => text.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);
