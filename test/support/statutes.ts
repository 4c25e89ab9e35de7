/**
 * Real statutes from shared/corpus/prc-laws as test material: their files in a stable order, and a
 * statute's first paragraphs as a page would hold them (the web-page tests wrap these in a site).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli.js';

export const LAWS = path.resolve(ROOT, '..', 'shared', 'corpus', 'prc-laws');

/** Every statute file under `dir`, sorted by name within each folder. */
export function lawFiles(dir: string = LAWS, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isDirectory()) lawFiles(path.join(dir, e.name), out);
    else if (e.name.endsWith('.md') && e.name !== 'README.md') out.push(path.join(dir, e.name));
  }
  return out;
}

/** A statute's first paragraphs, markdown headings and comments dropped. */
export function excerpt(file: string): { title: string; paragraphs: string[] } {
  const text = fs.readFileSync(file, 'utf8');
  const body = text.includes('<!-- INFO END -->') ? text.slice(text.indexOf('<!-- INFO END -->')) : text;
  const paragraphs = body.split(/\n\s*\n/).map((p) => p.replace(/<!--[\s\S]*?-->/g, '').trim()).filter((p) => p && !p.startsWith('#') && /\p{Script=Han}{10,}/u.test(p));
  return { title: path.basename(file, '.md'), paragraphs: paragraphs.slice(0, 12) };
}
