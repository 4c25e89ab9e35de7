/**
 * Derive the reading aid's dictionary from CC-CEDICT (CC BY-SA 4.0, MDBG):
 *   resources/cedict/glosses.tsv.gz  simplified word, numbered pinyin, the first English glosses
 * Words of one to four Han characters; proper nouns included (names.tsv has no glosses for them all).
 * Used by the aligned reader (pinyin and glosses over the original) and by the aligner (a word whose
 * gloss appears in a translated sentence anchors the two).
 * Usage: node --import tsx scripts/build-cedict-glosses.ts [path/to/cedict_1_0_ts_utf-8_mdbg.txt.gz]
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const source = process.argv[2] ?? path.resolve('../shared/corpus/cc-cedict/cedict_1_0_ts_utf-8_mdbg.txt.gz');
const text = zlib.gunzipSync(fs.readFileSync(source)).toString('utf8');
const LINE = /^(\S+) (\S+) \[([^\]]+)\] \/(.+)\/$/;
const USELESS = /^(?:see |variant of |old variant|also written|used in |CL:|\(old\) variant)/i;

const entries = new Map<string, { pinyin: string; glosses: string[] }>();
/** "see 烏魯木齊市|乌鲁木齐市[…]": the word takes the glosses of the one it points to. */
const seeAlso = new Map<string, { pinyin: string; target: string }>();
for (const line of text.split('\n')) {
  const m = LINE.exec(line.trim());
  if (!m) continue;
  const [, , simp, pinyin, glossText] = m as unknown as [string, string, string, string, string];
  const chars = Array.from(simp);
  if (chars.length > 8 || !/^\p{Script=Han}+$/u.test(simp)) continue;
  const see = /^see (?:\S+\|)?(\p{Script=Han}+)/u.exec(glossText);
  if (see?.[1] && !seeAlso.has(simp)) seeAlso.set(simp, { pinyin: pinyin.replace(/u:/g, 'ü'), target: see[1] });
  const glosses = glossText.split('/').filter((g) => g && !USELESS.test(g));
  if (glosses.length === 0) continue;
  const known = entries.get(simp);
  const common = !/^[A-Z]/.test(pinyin);
  // A common word's reading goes before a surname's or a name's (年 is "year" before "surname Nian").
  if (known && common && /^[A-Z]/.test(known.pinyin)) entries.set(simp, { pinyin: pinyin.replace(/u:/g, 'ü'), glosses: [...glosses, ...known.glosses] });
  else if (known) known.glosses.push(...glosses);
  else entries.set(simp, { pinyin: pinyin.replace(/u:/g, 'ü'), glosses });
}
for (const [word, see] of seeAlso) {
  const target = entries.get(see.target);
  if (!entries.has(word) && target) entries.set(word, { pinyin: see.pinyin, glosses: target.glosses });
}
const lines = [...entries]
  .filter(([w]) => Array.from(w).length <= 4)
  .sort((a, b) => (a[0] < b[0] ? -1 : 1))
  .map(([w, e]) => `${w}\t${e.pinyin}\t${e.glosses.filter((g, i) => i === 0 || !/^surname /.test(g)).slice(0, 3).join("; ").replace(/\t/g, " ").slice(0, 80)}`);
const header = '# word\tpinyin\tglosses — derived from CC-CEDICT (© MDBG, CC BY-SA 4.0), see README.md\n';
fs.writeFileSync(path.resolve('resources/cedict/glosses.tsv.gz'), zlib.gzipSync(header + lines.join('\n') + '\n', { level: 9 }));
console.log(`${lines.length} words`);
