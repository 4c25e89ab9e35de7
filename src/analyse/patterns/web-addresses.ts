import type { Mention } from '../../domain/entities.js';
import { mentionOf } from './mention.js';

/**
 * Email addresses and URLs. Both are matched in ASCII only, so an address written straight
 * into Chinese prose (见http://example.com/a中文说明) ends at the first Chinese character, and
 * Chinese punctuation (。，）」) never becomes part of one. ASCII punctuation that ends a sentence
 * or closes a bracket is taken off the end, unless the URL opened that bracket itself
 * (https://en.wikipedia.org/wiki/Foo_(bar)).
 */

const EMAIL = /(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![\w-]|\.[A-Za-z0-9])/g;

const URL_CHARS = String.raw`[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]`;
const URL = new RegExp(String.raw`(?<![\w@.-])(?:(?:https?|ftp)://|www\.)${URL_CHARS}+`, 'gi');
const TRAILING = /^[.,;:!?'"*]$/;

/** Takes sentence punctuation, and brackets the URL did not open, off its end. */
function trimUrl(url: string): string {
  // A Markdown link [text](url) written with the URL as its text: the first one ends at '](' .
  const link = url.indexOf('](');
  const out = link > 0 ? url.slice(0, link) : url;
  const count = (ch: string): number => out.split(ch).length - 1;
  // Opened minus closed, counted once: trimming walks back from the end in one pass.
  const open: Record<string, number> = { ')': count('(') - count(')'), ']': count('[') - count(']') };
  let end = out.length;
  while (end > 0) {
    const last = out[end - 1]!;
    if (TRAILING.test(last)) end--;
    else if ((last === ')' || last === ']') && open[last]! < 0) {
      open[last]!++;
      end--;
    } else break;
  }
  return out.slice(0, end);
}

/** Email addresses in a text; value.address is lower-cased for matching. */
export function findEmails(text: string): Mention[] {
  return [...text.matchAll(EMAIL)].map((m) => {
    const address = m[0].toLowerCase();
    return mentionOf(text, 'EMAIL', m.index, m.index + m[0].length, { address, domain: address.slice(address.indexOf('@') + 1) }, 0.95);
  });
}

/** URLs in a text (http, https, ftp, or starting www.); value.url has a scheme, value.host the host name. */
export function findUrls(text: string): Mention[] {
  const mentions: Mention[] = [];
  const re = new RegExp(URL.source, URL.flags);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = trimUrl(m[0]);
    // Go on from the end of what was kept: what was trimmed off may hold the next URL.
    re.lastIndex = m.index + Math.max(raw.length, 1);
    const url = /^www\./i.test(raw) ? `http://${raw}` : raw;
    const host = /^[a-z]+:\/\/(?:[^/?#@]*@)?([^/?#:]+)/i.exec(url)?.[1]?.toLowerCase();
    // 'http://' alone, or 'www.' with no dot after it, is not an address.
    if (!host || (/^www\./i.test(raw) && !host.slice(4).includes('.'))) continue;
    mentions.push(mentionOf(text, 'URL', m.index, m.index + raw.length, { url, host }, 0.95));
  }
  return mentions;
}
