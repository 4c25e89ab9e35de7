/**
 * Child process of npm run eval:ner: extracts entities from the given pages with the rules or the
 * tagger and prints the process's peak resident memory, so each extractor is measured alone in a
 * fresh process, as an extraction job runs.
 */
import fs from 'node:fs';
import { defaultAnalyser, findEntities } from '../src/analyse/index.js';
import { findEntitiesByRules } from '../src/analyse/entities/find-entities-by-rules.js';

const [which, file] = process.argv.slice(2);
const pages = JSON.parse(fs.readFileSync(file!, 'utf8')) as string[];
const analyser = defaultAnalyser();
const run = which === 'tagger' ? findEntities : findEntitiesByRules;
const started = process.hrtime.bigint();
run('新疆维吾尔自治区党委书记陈全国 met Xi Jinping.', analyser);
const firstCall = Number(process.hrtime.bigint() - started) / 1e6;
for (const p of pages) run(p, analyser);
console.log(JSON.stringify({ maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), firstCallMs: Math.round(firstCall) }));
