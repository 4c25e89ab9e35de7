/**
 * npm run eval:compare — pairs of copies with planted differences of every kind compare reports:
 * text (a changed number), invisible (zero-width space, Cyrillic а for Latin a, full-width
 * digits, a no-break space, CRLF against LF) and metadata (PDF title, DOCX author and title,
 * an email's subject), in plain text, email, PDF and DOCX. The pairs are made by
 * scripts/make-compare-pairs.py (PDF and DOCX by LibreOffice from HTML), ingested into a fresh
 * workspace with the built CLI, and compared with `dossier compare A B --json`. Each planted
 * difference must be found; the table says where one is not. Peer: a byte comparison (cmp),
 * which says only that the files differ.
 */
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { dossier, ensureBuilt, repo, table, tempDir, writeResult } from './support.js';

interface Expected {
  name: string;
  format: string;
  a: string;
  b: string;
  expect: { text?: [string, string]; invisible?: string; metadata?: string };
}
interface CompareJson {
  text: Array<{ kind: string; a: string; b: string }>;
  invisible: Array<{ kind: string; side: string }>;
  metadata: Array<{ field: string; a: string | null; b: string | null }>;
}

ensureBuilt();
const dir = tempDir('compare-pairs');
const ws = tempDir('compare-ws');
execFileSync('python3', [path.join(repo, 'scripts', 'make-compare-pairs.py'), dir, ...(process.env.EVAL_NO_OFFICE ? ['--no-office'] : [])], { stdio: 'inherit' });
const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected[];
fs.rmSync(path.join(dir, 'expected.json'));
dossier(['ingest', dir, '--workspace', ws, '--quiet', '--no-ocr']);
const bySha = new Map<string, number>();
for (const line of dossier(['ls', '--json', '--workspace', ws]).trim().split('\n')) {
  const row = JSON.parse(line) as { id: number; sha256: string | null };
  if (row.sha256) bySha.set(row.sha256, row.id);
}
const idOf = (file: string) => bySha.get(createHash('sha256').update(fs.readFileSync(path.join(dir, file))).digest('hex')) ?? 0;

const rows: Array<Record<string, string>> = [];
let found = 0;
let planted = 0;
/** A zero-width space LibreOffice left out of a PDF's text layer was never planted in that file: say so, do not count it. */
const missingFromPdf = (pair: Expected) =>
  pair.format === 'pdf' && pair.expect.invisible === 'zero-width' && !spawnSync('pdftotext', [path.join(dir, pair.b), '-'], { encoding: 'utf8' }).stdout.includes('\u200b');
let notPlanted = 0;
for (const pair of expected) {
  if (missingFromPdf(pair)) {
    notPlanted++;
    rows.push({ pair: pair.name, format: pair.format, planted: 'invisible: zero-width', found: 'NOT IN THE FILE: LibreOffice drops U+200B from the PDF text layer (pdftotext shows none)', 'all reported': '-', cmp: '-' });
    continue;
  }
  const run = spawnSync(process.execPath, [path.join(repo, 'bin', 'dossier.js'), 'compare', String(idOf(pair.a)), String(idOf(pair.b)), '--json', '--workspace', ws], { encoding: 'utf8' });
  const cmp = spawnSync('cmp', ['-s', path.join(dir, pair.a), path.join(dir, pair.b)]).status === 1 ? 'files differ' : 'same bytes';
  if (run.status !== 0) {
    rows.push({ pair: pair.name, format: pair.format, planted: JSON.stringify(pair.expect), found: `error: ${run.stderr.trim()}`, cmp });
    planted += Object.keys(pair.expect).length;
    continue;
  }
  const result = JSON.parse(run.stdout) as CompareJson;
  const checks: string[] = [];
  for (const [what, value] of Object.entries(pair.expect)) {
    planted++;
    let ok = false;
    if (what === 'text') {
      const [a, b] = value as [string, string];
      ok = result.text.some((d) => d.a.includes(a) && d.b.includes(b));
    } else if (what === 'invisible') ok = result.invisible.some((d) => d.kind === value && d.side === 'b');
    else if (what === 'metadata') ok = result.metadata.some((d) => d.field.toLowerCase() === String(value).toLowerCase());
    if (ok) found++;
    checks.push(`${what} ${ok ? 'FOUND' : 'MISSED'}`);
  }
  const noise = result.text.length + result.invisible.length;
  rows.push({ pair: pair.name, format: pair.format, planted: Object.entries(pair.expect).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join('→') : v}`).join('; '), found: checks.join(', '), 'all reported': `${result.text.length} text, ${result.invisible.length} invisible, ${result.metadata.length} metadata${noise > 2 ? ' (!)' : ''}`, cmp });
}
console.log(table(rows));
console.log(`\n${found} of ${planted} planted differences found (${expected.length} pairs${notPlanted ? `; ${notPlanted} not in its file, see above` : ''}). cmp finds that ${rows.filter((r) => r.cmp === 'files differ').length} pairs differ, and nothing about where or how.`);
writeResult('eval-compare', { found, planted, pairs: rows });
if (found < planted) process.exitCode = 1;
