/**
 * The linux-man mailing-list corpus (../shared/corpus/email-linux-man/eml): 2,000 real messages.
 * Every one must become an ok message/rfc822 document with its subject, and messages must be
 * recognised by their content, not by the .eml extension.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_CORPUS, ingest, ls, makeTempDir, makeWorkspace, removeDir, show, type IngestSummary, type LsRow } from './support/cli.js';
import { topLevelMetadata } from './support/workspace-db.js';

const corpusPresent = fs.existsSync(EMAIL_CORPUS);

/** The Subject header of a raw message, unfolded; null when there is none or it is blank. */
function rawSubject(file: string): string | null {
  const text = fs.readFileSync(file, 'latin1');
  const end = text.search(/\r?\n\r?\n/);
  const head = end === -1 ? text : text.slice(0, end);
  const match = /^subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(head);
  const value = match?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim() ?? '';
  return value === '' ? null : value;
}

describe.skipIf(!corpusPresent)('linux-man e-mail corpus', () => {
  let files: string[];
  let workspace: string;
  let summary: IngestSummary;
  let rows: LsRow[];
  let topLevel: LsRow[];

  beforeAll(async () => {
    files = fs
      .readdirSync(EMAIL_CORPUS)
      .filter((name) => fs.statSync(path.join(EMAIL_CORPUS, name)).isFile())
      .sort()
      .map((name) => path.join(EMAIL_CORPUS, name));
    workspace = makeWorkspace('email');
    summary = await ingest(workspace, [EMAIL_CORPUS]);
    rows = await ls(workspace);
    topLevel = rows.filter((r) => r.parent === null);
  }, 400_000);

  afterAll(() => removeDir(workspace));

  it('holds 2,000 files', () => {
    expect(files).toHaveLength(2000);
    expect(summary.files).toBe(2000);
  });

  it('reads all 2,000 as ok message/rfc822 documents', () => {
    expect(topLevel.map((r) => r.path).sort()).toEqual(files);
    const wrong = topLevel.filter((r) => r.mime !== 'message/rfc822' || r.status !== 'ok').map((r) => `${r.path}: ${r.mime} ${r.status} ${r.reason ?? ''} ${r.message ?? ''}`);
    expect(wrong).toEqual([]);
    expect(summary.pending).toBe(0);
  });

  it('records the subject of every message that has one', () => {
    const metadata = topLevelMetadata(workspace);
    const missing: string[] = [];
    const different: string[] = [];
    for (const file of files) {
      const raw = rawSubject(file);
      const subject = metadata.get(file)?.subject;
      if (raw === null) continue;
      if (typeof subject !== 'string' || subject.trim() === '') missing.push(file);
      // A plain ASCII subject (no encoded words) must come through as written.
      else if (!/=\?/.test(raw) && /^[\x20-\x7e]*$/.test(raw) && subject.replace(/\s+/g, ' ').trim() !== raw.replace(/\s+/g, ' ')) different.push(`${file}: ${JSON.stringify(raw)} → ${JSON.stringify(subject)}`);
    }
    expect(missing).toEqual([]);
    expect(different).toEqual([]);
    // Almost every message of a mailing list has a subject.
    expect(files.filter((f) => rawSubject(f) !== null).length).toBeGreaterThan(1900);
  });

  it('uses the subject as the title and shows it with show --json', async () => {
    const sample = topLevel.filter((r) => rawSubject(r.path) !== null).filter((_, i) => i % 400 === 0);
    expect(sample.length).toBeGreaterThanOrEqual(4);
    for (const r of sample) {
      const view = await show(workspace, r.id);
      expect(view.mime).toBe('message/rfc822');
      expect(typeof view.metadata.subject, r.path).toBe('string');
      expect(view.title, r.path).toBe((view.metadata.subject as string).trim());
      expect(view.metadata.from, r.path).toBeTruthy();
      expect(view.text.length, r.path).toBeGreaterThan(0);
    }
  });

  it('leaves every attachment read or failed with a reason, none pending', () => {
    const children = rows.filter((r) => r.parent !== null);
    expect(children.filter((r) => r.status === 'pending')).toEqual([]);
    for (const r of children.filter((c) => c.status === 'failed')) expect(r.reason, r.path).toBeTruthy();
  });
});

describe.skipIf(!corpusPresent)('messages without the .eml extension', () => {
  let folder: string;
  let workspace: string;
  let copied: string[];

  beforeAll(() => {
    folder = makeTempDir('dossier-noext-');
    workspace = makeWorkspace('email-noext');
    const names = fs.readdirSync(EMAIL_CORPUS).sort();
    copied = names
      .filter((_, i) => i % 10 === 0)
      .map((name) => {
        const target = path.join(folder, `message-${name.replace(/\.eml$/i, '')}`);
        fs.copyFileSync(path.join(EMAIL_CORPUS, name), target);
        return target;
      });
  });

  afterAll(() => {
    removeDir(folder);
    removeDir(workspace);
  });

  it('are still detected as message/rfc822 from their content', async () => {
    expect(copied).toHaveLength(200);
    const summary = await ingest(workspace, [folder]);
    expect(summary.files).toBe(200);
    const topLevel = (await ls(workspace)).filter((r) => r.parent === null);
    expect(topLevel.map((r) => r.path).sort()).toEqual(copied);
    const wrong = topLevel.filter((r) => r.mime !== 'message/rfc822' || r.status !== 'ok').map((r) => `${path.basename(r.path)}: ${r.mime} ${r.status} ${r.reason ?? ''}`);
    expect(wrong).toEqual([]);
  }, 400_000);
});
