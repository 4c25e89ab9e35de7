import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Metadata } from '../domain/document.js';
import type { ExtractionResult } from '../domain/extraction.js';
import { firstProgram, runProgram } from './run-program.js';
import { safeMemberName } from './safe-member-name.js';
import { ExpansionBudget, type UnpackContext } from './unpack-context.js';

/** Regular files below a folder, sorted, without following links. */
function* filesBelow(root: string, relative = ''): Generator<string> {
  const entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true }).sort((a, b) => collate(a.name, b.name));
  for (const entry of entries) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* filesBelow(root, child);
    else if (entry.isFile()) yield child;
  }
}

/** readpst numbers the items of a folder 1, 2, … : keep that order rather than 1, 10, 11, 2. */
function collate(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * Unpack an Outlook PST/OST mailbox with libpst's readpst: every message becomes an RFC 822 child
 * (headers, body, attachments inside it as MIME parts, so they become the message's own children),
 * contacts and appointments become vCard and iCalendar children, and the member path keeps the
 * folder (`mailbox.pst!/Inbox/Projects/12.eml`). Deleted items the file still holds are included.
 */
export async function unpackPst(ctx: UnpackContext): Promise<ExtractionResult> {
  const mime = ctx.mime;
  const program = await firstProgram(['readpst']);
  if (!program) return { ok: false, mime, reason: 'unsupported', message: 'Outlook mailboxes need readpst: install pst-utils to read this (Debian: apt-get install pst-utils)' };
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-pst-'));
  try {
    // -e: one file per item, with its extension; -8: UTF-8 bodies when the PST has them;
    // -b: no separate RTF copy of a body already given as text; -D: deleted items too.
    const run = await runProgram(program, ['-e', '-8', '-b', '-D', '-q', '-o', folder, ctx.file], ctx.limits.fileTimeoutMs);
    if (run.timedOut) return { ok: false, mime, reason: 'timeout', message: 'reading the mailbox took too long' };
    const budget = new ExpansionBudget(ctx.limits, ctx.size);
    for (const relative of filesBelow(folder)) {
      if (!budget.admit()) break;
      const { name } = safeMemberName(relative);
      const slash = name.lastIndexOf('/');
      const extra: Metadata = slash > 0 ? { folder: name.slice(0, slash) } : {};
      const file = path.join(folder, relative);
      const allowance = Math.min(budget.remainingBytes(), ctx.limits.maxFileBytes);
      try {
        const stored = await ctx.blobs.putStream(fs.createReadStream(file), allowance);
        budget.add({ name, sha256: stored.sha256, size: stored.size, ...(Object.keys(extra).length ? { metadata: extra } : {}) });
      } catch (error) {
        budget.fail(name, 'too_large', `the item is larger than the mailbox's remaining allowance: ${(error as Error).message}`, extra);
      } finally {
        fs.rmSync(file, { force: true });
      }
    }
    const metadata: Metadata = { items: budget.children.length };
    if (budget.stopped) metadata.warning = budget.stopped.message;
    if (run.code !== 0) {
      const why = run.stderr.trim().split('\n').slice(-2).join(' ') || `readpst exited with ${run.code}`;
      if (budget.children.length === 0) return { ok: false, mime, reason: 'corrupt', message: `the mailbox could not be read: ${why}` };
      metadata.warning = `the mailbox is damaged; ${budget.children.length} items were read: ${why}`;
    }
    return { ok: true, extraction: { mime, title: null, pages: [], metadata, children: budget.children, needsOcr: false } };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
