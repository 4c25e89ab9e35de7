import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Metadata } from '../domain/document.js';
import type { ExtractionResult } from '../domain/extraction.js';
import { checkMember, type ListedMember } from './member-checks.js';
import { firstProgram, runProgram } from './run-program.js';
import { safeMemberName } from './safe-member-name.js';
import { ExpansionBudget, type UnpackContext } from './unpack-context.js';

/** Passed as the password so that 7-Zip never waits for one; wrong on purpose. */
const NO_PASSWORD = '-pdossier-has-no-password';
const INSTALL = 'install 7-Zip to read this (Debian: apt-get install 7zip)';

interface SevenZipMember extends ListedMember {
  modified?: string;
  directory: boolean;
  block?: string;
}

/** `7zz l -slt` prints one "Key = value" block per member. */
function parseListing(text: string): SevenZipMember[] {
  const members: SevenZipMember[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    const fields = new Map<string, string>();
    for (const line of block.split(/\r?\n/)) {
      const at = line.indexOf(' = ');
      if (at > 0) fields.set(line.slice(0, at), line.slice(at + 3));
    }
    const rawName = fields.get('Path');
    if (rawName === undefined) continue;
    const attributes = fields.get('Attributes') ?? '';
    // Attributes read like "A -rw-r--r--": Windows letters, then the Unix mode when stored.
    const unixMode = /\s([-dlcbps])[-rwxsStT]{9}$/.exec(attributes)?.[1];
    const member: SevenZipMember = {
      rawName,
      size: Number(fields.get('Size') ?? 0) || 0,
      packedSize: Number(fields.get('Packed Size') ?? 0) || 0,
      encrypted: fields.get('Encrypted') === '+',
      symlink: unixMode === 'l',
      special: unixMode !== undefined && 'cbps'.includes(unixMode),
      directory: attributes.startsWith('D') || unixMode === 'd' || fields.get('Folder') === '+',
    };
    const solidBlock = fields.get('Block');
    if (solidBlock) member.block = solidBlock;
    const modified = fields.get('Modified');
    if (modified) member.modified = modified.replace(' ', 'T').replace(/\.\d+$/, '');
    members.push(member);
  }
  // In a solid archive only the first member of a block carries the block's packed size.
  const blocks = new Map<string, { packed: number; unpacked: number }>();
  for (const m of members) {
    if (!m.block) continue;
    const b = blocks.get(m.block) ?? { packed: 0, unpacked: 0 };
    b.packed += m.packedSize;
    b.unpacked += m.size;
    blocks.set(m.block, b);
  }
  for (const m of members) {
    const b = m.block ? blocks.get(m.block) : undefined;
    if (b && b.unpacked !== m.size) {
      m.packedSize = b.packed;
      m.blockSize = b.unpacked;
    }
  }
  return members;
}

function failure(mime: string, stderr: string, what: string): ExtractionResult {
  if (/encrypted archive|wrong password/i.test(stderr)) return { ok: false, mime, reason: 'encrypted', message: 'the archive\'s list of members is encrypted and needs a password' };
  return { ok: false, mime, reason: 'corrupt', message: `${what}: ${stderr.trim().split('\n').filter(Boolean).slice(-2).join(' ') || 'unknown error'}` };
}

/**
 * Unpack a 7z archive with 7-Zip: list the members first and apply ZIP's limits to the listing
 * (links, encryption, ratio per solid block, total size, member count, unsafe names made safe),
 * then extract only the admitted members into a private folder and store each as a blob.
 */
export async function unpack7z(ctx: UnpackContext): Promise<ExtractionResult> {
  const mime = ctx.mime;
  const program = await firstProgram(['7zz', '7z']);
  if (!program) return { ok: false, mime, reason: 'unsupported', message: `7z archives need 7-Zip: ${INSTALL}` };
  const listing = await runProgram(program, ['l', '-slt', '-ba', '-sccUTF-8', NO_PASSWORD, '--', ctx.file], ctx.limits.fileTimeoutMs);
  if (listing.timedOut) return { ok: false, mime, reason: 'timeout', message: 'listing the archive took too long' };
  if (listing.code !== 0) return failure(mime, listing.stderr + listing.stdout.toString('utf8'), 'the archive could not be opened');

  const members = parseListing(listing.stdout.toString('utf8'));
  const budget = new ExpansionBudget(ctx.limits, ctx.size);
  const metadata: Metadata = { members: members.filter((m) => !m.directory).length };
  const admitted: { member: SevenZipMember; name: string; extra: Metadata; allowance: number }[] = [];
  let reserved = 0;
  let admittedCount = 0;
  for (const member of members) {
    if (member.directory) continue;
    if (budget.children.length + admittedCount >= ctx.limits.maxEntries) {
      budget.stopped = { reason: 'archive_bomb', message: `the archive holds more than ${ctx.limits.maxEntries} members; the rest were not unpacked` };
      break;
    }
    const { name, changed } = safeMemberName(member.rawName);
    const extra: Metadata = changed ? { originalName: member.rawName, warning: 'unsafe_path: the member name tried to leave the archive; it was made safe' } : {};
    if (member.modified) extra.modified = member.modified;
    const check = checkMember(member, ctx.limits, budget, reserved);
    if ('reason' in check) {
      budget.fail(name, check.reason, check.message, extra);
      continue;
    }
    reserved += member.size;
    admittedCount++;
    admitted.push({ member, name, extra, allowance: check.allowance });
  }

  if (admitted.length) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-7z-'));
    try {
      const list = path.join(folder, 'members.txt');
      const out = path.join(folder, 'out');
      fs.writeFileSync(list, admitted.map((a) => a.member.rawName).join('\n') + '\n');
      // -spd: names are literal, not wildcards; 7-Zip strips "..", drive letters and leading
      // slashes as safeMemberName does, so each member lands at out/<safe name>.
      const run = await runProgram(program, ['x', '-y', '-bso0', '-bsp0', '-spd', '-scsUTF-8', '-sccUTF-8', NO_PASSWORD, `-o${out}`, ctx.file, `@${list}`], ctx.limits.fileTimeoutMs);
      if (run.timedOut) return { ok: false, mime, reason: 'timeout', message: 'unpacking the archive took too long', metadata, children: budget.children };
      for (const { member, name, extra, allowance } of admitted) {
        const file = path.join(out, name);
        const stat = fs.lstatSync(file, { throwIfNoEntry: false });
        const damaged = run.code !== 0 && run.stderr.includes(member.rawName);
        if (!stat?.isFile() || stat.size !== member.size || damaged) {
          budget.fail(name, 'corrupt', `the member could not be unpacked${run.stderr ? `: ${run.stderr.trim().split('\n').slice(-1)[0]}` : ''}`, extra);
          continue;
        }
        try {
          const stored = await ctx.blobs.putStream(fs.createReadStream(file), allowance);
          budget.add({ name, sha256: stored.sha256, size: stored.size, ...(Object.keys(extra).length ? { metadata: extra } : {}) });
        } catch (error) {
          budget.fail(name, 'archive_bomb', `the member expanded past its limit: ${(error as Error).message}`, extra);
        } finally {
          fs.rmSync(file, { force: true });
        }
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }
  if (budget.stopped) metadata.warning = budget.stopped.message;
  if (budget.children.length && budget.children.every((c) => c.failure?.reason === 'encrypted')) {
    return { ok: false, mime, reason: 'encrypted', message: 'every member of the archive is encrypted and needs a password', metadata, children: budget.children };
  }
  return { ok: true, extraction: { mime, title: null, pages: [], metadata, children: budget.children, needsOcr: false } };
}
