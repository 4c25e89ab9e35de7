/**
 * Every extraction suite in ../shared/corpus/extraction (ICIJ extract's documents, tesseract's test
 * images, with their expected outputs and ground truth) ingested together, end to end: every file
 * ends extracted or failed for a true reason, none crashes or runs out of time, and `unsupported`
 * is kept for the types the README says are not read. Prints the count per outcome.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILURE_REASONS, ROOT, ls, makeWorkspace, removeDir, runCli, walkFiles, type IngestSummary, type LsRow } from './support/cli.js';

const EXTRACTION = path.resolve(ROOT, '..', 'shared', 'corpus', 'extraction');
/** The only media types README.md calls unsupported (src/extract/index.ts UNSUPPORTED). */
const DOCUMENTED_UNSUPPORTED = new Set(['application/onenote', 'application/vnd.visio', 'application/x-mspublisher', 'application/x-cfb', 'application/octet-stream']);

let workspace: string;
let exitCode: number | null;
let summary: IngestSummary;
let rows: LsRow[];

describe.skipIf(!fs.existsSync(EXTRACTION))('the extraction suites, all of them', () => {
  beforeAll(async () => {
    workspace = makeWorkspace('extraction');
    // OCR stays queued: its accuracy is the OCR tests' subject; here every file must be read or explained.
    const result = await runCli(['ingest', EXTRACTION, '--workspace', workspace, '--json', '--quiet', '--no-ocr'], { timeoutMs: 480_000 });
    exitCode = result.code;
    if (result.code !== 0) throw new Error(`ingest failed (${result.code}): ${result.stderr.slice(-3000)}`);
    summary = JSON.parse(result.stdout.trim().split('\n').pop()!) as IngestSummary;
    rows = await ls(workspace);
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.status === 'failed' ? `failed: ${r.reason}` : r.status, (counts.get(r.status === 'failed' ? `failed: ${r.reason}` : r.status) ?? 0) + 1);
    console.log(`extraction suites: ${summary.files} files, ${rows.length} documents; ${[...counts].sort().map(([k, n]) => `${k} ${n}`).join(', ')}`);
    for (const r of rows.filter((x) => x.status === 'failed')) console.log(`  ${r.reason}\t${r.mime}\t${path.relative(EXTRACTION, r.path)}: ${r.message}`);
  }, 540_000);

  afterAll(() => removeDir(workspace));

  it('ingests every file without a crash, nothing left pending', () => {
    expect(exitCode).toBe(0);
    expect(summary.files).toBe(walkFiles(EXTRACTION).length);
    expect(rows.filter((r) => r.status === 'pending').map((r) => r.path)).toEqual([]);
    expect(rows.filter((r) => r.status === 'failed' && ['crashed', 'timeout', 'out_of_memory'].includes(r.reason ?? '')).map((r) => `${r.path}: ${r.message}`)).toEqual([]);
  });

  it('gives every failure a stable reason and a message', () => {
    for (const r of rows.filter((x) => x.status === 'failed')) {
      expect(FAILURE_REASONS).toContain(r.reason);
      expect(r.message ?? '').not.toBe('');
    }
  });

  it('calls no file of a supported format unsupported', () => {
    const wrong = rows.filter((r) => r.reason === 'unsupported' && !DOCUMENTED_UNSUPPORTED.has(r.mime ?? ''));
    expect(wrong.map((r) => `${r.path} (${r.mime}): ${r.message}`)).toEqual([]);
  });

  it('reads the suites\' texts, ground truths and expected outputs as text', () => {
    const files = walkFiles(EXTRACTION).filter((f) => /\.(txt|box|uzn|html|csv|md)$/.test(f));
    expect(files.length).toBeGreaterThan(15);
    const docOf = (file: string) => (rows as (LsRow & { paths?: string[] })[]).find((r) => r.path === file || r.paths?.includes(file));
    expect(files.filter((f) => docOf(f)?.status !== 'ok')).toEqual([]);
  });

  it('unwraps the file an OLE package holds, and reads the text of an EMF icon (ICIJ recursive_embedded.docx)', () => {
    const docx = rows.find((r) => r.path.endsWith('recursive_embedded.docx'))!;
    const members = rows.filter((r) => r.parent === docx.id);
    const ole = members.find((r) => r.path.endsWith('oleObject1.bin'))!;
    expect(ole).toMatchObject({ status: 'ok', mime: 'application/x-ole-package', title: 'embed1.zip' });
    const [packaged] = rows.filter((r) => r.parent === ole.id);
    expect(packaged).toMatchObject({ status: 'ok', mime: 'application/zip' });
    expect(packaged!.path.endsWith('oleObject1.bin!/embed1.zip')).toBe(true);
    expect(rows.filter((r) => r.parent === packaged!.id).length).toBeGreaterThan(0);
    expect(members.find((r) => r.path.endsWith('image1.emf'))).toMatchObject({ status: 'ok', mime: 'image/emf' });
  });
});
