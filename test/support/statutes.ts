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

export type Statute = ReturnType<typeof excerpt>;

/**
 * Statutes for a page set about `word`: the first (with three paragraphs or more) that uses the
 * word past its first 300 characters, with that paragraph, and the first `others` that never
 * name it; `chosen` holds them all in file order.
 */
export function chooseStatutes(word: string, others: number): { target: Statute; passage: string; chosen: Statute[] } {
  const chosen: Statute[] = [];
  let target: Statute | undefined;
  let passage = '';
  let without = 0;
  for (const file of lawFiles()) {
    const law = excerpt(file);
    const text = law.paragraphs.join('\n');
    if (law.paragraphs.length < 3) continue;
    if (!target && text.includes(word) && text.indexOf(word) > 300) {
      target = law;
      passage = law.paragraphs.find((p) => p.includes(word))!;
      chosen.push(law);
    } else if (!text.includes(word) && !law.title.includes(word) && without < others) {
      without++;
      chosen.push(law);
    }
    if (target && without >= others) break;
  }
  if (!target) throw new Error(`no statute uses ${word} past its first 300 characters`);
  return { target, passage, chosen };
}
