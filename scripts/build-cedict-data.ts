/**
 * Derive Dossier's dictionary data from CC-CEDICT (CC BY-SA 4.0, MDBG):
 *   resources/cedict/t2s.tsv    traditional → simplified character map, for search folding
 *   resources/cedict/names.tsv  proper nouns (names, places, organisations): simplified, traditional,
 *                               pinyin, and an English name from the gloss, for segmentation,
 *                               pinyin and cross-script aliases
 * Usage: node --import tsx scripts/build-cedict-data.ts [path/to/cedict_1_0_ts_utf-8_mdbg.txt.gz]
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const source = process.argv[2] ?? path.resolve('../shared/corpus/cc-cedict/cedict_1_0_ts_utf-8_mdbg.txt.gz');
const out = path.resolve('resources/cedict');
const text = zlib.gunzipSync(fs.readFileSync(source)).toString('utf8');
const LINE = /^(\S+) (\S+) \[([^\]]+)\] \/(.+)\/$/;

const votes = new Map<string, Map<string, number>>();
const names: string[] = [];
const seen = new Set<string>();
for (const line of text.split('\n')) {
  const m = LINE.exec(line.trim());
  if (!m) continue;
  const [, trad, simp, pinyin, glosses] = m as unknown as [string, string, string, string, string];
  const t = Array.from(trad);
  const s = Array.from(simp);
  if (t.length === s.length) {
    for (let i = 0; i < t.length; i++) {
      if (t[i] === s[i]) continue;
      const forT = votes.get(t[i]!) ?? new Map<string, number>();
      forT.set(s[i]!, (forT.get(s[i]!) ?? 0) + 1);
      votes.set(t[i]!, forT);
    }
  }
  // Proper nouns have capitalised pinyin; keep words of two or more characters.
  if (!/^[A-Z]/.test(pinyin) || s.length < 2 || !/^\p{Script=Han}+$/u.test(simp) || seen.has(simp)) continue;
  seen.add(simp);
  const first = glosses.split('/')[0] ?? '';
  const english = /^(?:see |variant of |old variant|abbr\.|surname )/i.test(first) ? '' : (first.split(/ \(|, |; /)[0] ?? '').trim();
  const alias = /^[A-Z][\p{L}'’.-]*(?: [A-Z\p{Lu}][\p{L}'’.-]*){0,4}$/u.test(english) ? english : '';
  names.push([simp, trad, pinyin.replace(/u:/g, 'ü'), alias].join('\t'));
}
const t2s: string[] = [];
for (const [t, candidates] of [...votes.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
  const best = [...candidates.entries()].sort((a, b) => b[1] - a[1])[0];
  if (best) t2s.push(`${t}\t${best[0]}`);
}
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 't2s.tsv'), `${t2s.join('\n')}\n`);
fs.writeFileSync(path.join(out, 'names.tsv'), `${names.join('\n')}\n`);
console.log(`t2s: ${t2s.length} characters; names: ${names.length} entries → ${out}`);
