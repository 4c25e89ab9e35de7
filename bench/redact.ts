/**
 * npm run bench:redact — does the check find any leak after Dossier redacts, and what does it find
 * after a naive redaction of the same strings?
 * Documents: BENCH_REDACT_STATUTES (default 6) statutes of shared/corpus/prc-laws rendered to PDF
 * by LibreOffice (an independent PDF producer), and icij-extract/documents/ocr/embedded.pdf of
 * shared/corpus/extraction (ingested without OCR: skipped when it has no text to redact, as in the
 * measured run). Each is redacted of the institution names it contains
 * (国务院, 人民法院, … ; for the English PDF its three longest words).
 * Ours: `dossier redact ID --text … --apply --json` (MuPDF redaction, full rewrite, poppler check).
 * Peer: the naive redaction — black Square annotations over MuPDF's search hits, saved incrementally,
 * as a PDF editor's "black box" does — then `dossier redact-check` on it with the same strings.
 * Figures go to stdout and bench/out/redact.json.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as mupdf from 'mupdf';
import { dossier, ensureBuilt, shared, table, tempDir, writeResult } from './support.js';

const TERMS = ['中华人民共和国', '国务院', '人民法院', '人民检察院', '公安机关', '全国人民代表大会常务委员会', '县级以上地方各级人民政府'];
const statuteCount = Number(process.env.BENCH_REDACT_STATUTES ?? 6);

function statutes(): string[] {
  const root = path.join(shared, 'prc-laws');
  const files: string[] = [];
  for (const dir of fs.readdirSync(root).sort()) {
    const full = path.join(root, dir);
    if (!fs.statSync(full).isDirectory()) continue;
    for (const f of fs.readdirSync(full).sort()) {
      const size = fs.statSync(path.join(full, f)).size;
      if (f.endsWith('.md') && !f.startsWith('_') && size > 6000 && size < 30000) files.push(path.join(full, f));
    }
  }
  // Spread over the folders rather than the first few of one.
  const step = Math.max(1, Math.floor(files.length / statuteCount));
  return files.filter((_, i) => i % step === 0).slice(0, statuteCount);
}

/** The naive redaction: black boxes drawn over the hits as annotations, saved incrementally. */
function naiveRedaction(file: string, terms: string[], out: string): void {
  const doc = new mupdf.PDFDocument(fs.readFileSync(file));
  for (let i = 0; i < doc.countPages(); i++) {
    const page = doc.loadPage(i);
    for (const term of terms) {
      for (const hit of page.search(term, {})) {
        for (const q of hit) {
          const box = page.createAnnotation('Square');
          box.setRect([Math.min(q[0], q[4]), Math.min(q[1], q[3]), Math.max(q[2], q[6]), Math.max(q[5], q[7])]);
          box.setInteriorColor([0, 0, 0]);
          box.setColor([0, 0, 0]);
          box.update();
        }
      }
    }
  }
  fs.writeFileSync(out, doc.saveToBuffer('incremental').asUint8Array());
  doc.destroy();
}

interface Check {
  ok: boolean;
  leaks: Array<{ page: number; text: string }>;
  revisions: number;
  metadata: string[];
}

ensureBuilt();
const work = tempDir('bench-redact');
const input = path.join(work, 'in');
fs.mkdirSync(input);
const chosen = statutes();
chosen.forEach((f, i) => fs.copyFileSync(f, path.join(input, `statute-${i + 1}.txt`)));
execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', input, ...chosen.map((_, i) => path.join(input, `statute-${i + 1}.txt`))], { stdio: 'ignore', timeout: 180_000 });
for (const f of fs.readdirSync(input)) if (f.endsWith('.txt')) fs.rmSync(path.join(input, f));
fs.copyFileSync(path.join(shared, 'extraction', 'icij-extract', 'documents', 'ocr', 'embedded.pdf'), path.join(input, 'icij-embedded.pdf'));
const ws = path.join(work, 'ws');
dossier(['ingest', input, '--workspace', ws, '--quiet', '--no-ocr']);
const docs = dossier(['ls', '--json', '--workspace', ws]).trim().split('\n').map((l) => JSON.parse(l) as { id: number; path: string; status: string });

const rows: Array<Record<string, string | number>> = [];
const results: unknown[] = [];
for (const doc of docs.filter((d) => d.status === 'ok')) {
  const shown = JSON.parse(dossier(['show', String(doc.id), '--json', '--workspace', ws])) as { pages: Array<{ text: string }> };
  const text = shown.pages.map((p) => p.text).join('\n');
  let terms = TERMS.filter((t) => text.includes(t));
  if (terms.length === 0) terms = [...new Set(text.match(/[A-Za-z]{6,}/g) ?? [])].sort((a, b) => b.length - a.length).slice(0, 3);
  if (terms.length === 0) continue;
  const started = performance.now();
  dossier(['redact', String(doc.id), '--workspace', ws, '--json', ...terms.flatMap((t) => ['--text', t])]);
  let ours: { pages: number; check: Check };
  try {
    ours = JSON.parse(dossier(['redact', String(doc.id), '--apply', '--json', '--workspace', ws]).trim().split('\n').pop()!) as { pages: number; check: Check };
  } catch (error) {
    // exit 1: the check failed; its JSON is still on stdout.
    ours = JSON.parse(String((error as { stdout?: string }).stdout ?? '').trim().split('\n').pop()!) as { pages: number; check: Check };
  }
  const seconds = (performance.now() - started) / 1000;
  const naiveFile = path.join(work, `naive-${doc.id}.pdf`);
  naiveRedaction(doc.path, terms, naiveFile);
  let naive: Check;
  try {
    naive = JSON.parse(dossier(['redact-check', naiveFile, '--json', ...terms.flatMap((t) => ['--text', t])])) as Check;
  } catch (error) {
    naive = JSON.parse(String((error as { stdout?: string }).stdout ?? '')) as Check;
  }
  const occurrences = terms.reduce((n, t) => n + text.split(t).length - 1, 0);
  rows.push({
    document: path.basename(doc.path),
    pages: ours.pages,
    strings: terms.length,
    occurrences,
    'dossier ok': ours.check.ok ? 'yes' : 'NO',
    'dossier leaks': ours.check.leaks.length,
    'dossier s': Number(seconds.toFixed(1)),
    'naive ok': naive.ok ? 'yes' : 'no',
    'naive leaks': naive.leaks.length,
    'naive revisions': naive.revisions,
  });
  results.push({ document: path.basename(doc.path), terms, occurrences, dossier: ours.check, naive });
}
console.log(table(rows));
const clean = rows.filter((r) => r['dossier ok'] === 'yes').length;
const caught = rows.filter((r) => r['naive ok'] === 'no').length;
console.log(`\nDossier: ${clean}/${rows.length} derivatives pass the check (no leak, one revision, no metadata).`);
console.log(`Naive black boxes: the check fails ${caught}/${rows.length} of them (${rows.reduce((n, r) => n + Number(r['naive leaks']), 0)} leaks named).`);
writeResult('redact', { rows, results });
fs.rmSync(work, { recursive: true, force: true });
