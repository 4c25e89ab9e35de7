import type { FailureReason } from '../domain/document.js';
import type { Limits } from '../platform/config.js';
import type { ExpansionBudget } from './unpack-context.js';

/** A member as an archive's listing describes it, before a byte is unpacked. */
export interface ListedMember {
  /** Name as the archive holds it (possibly unsafe). */
  rawName: string;
  size: number;
  /** Compressed bytes of the member, or of the solid block it belongs to (then blockSize is set). */
  packedSize: number;
  /** Total unpacked bytes of the member's solid block, when the archive compresses members together. */
  blockSize?: number;
  encrypted: boolean;
  symlink: boolean;
  special?: boolean;
}

/**
 * The checks every archive applies to a listed member before unpacking it, as ZIP does: links and
 * devices are not followed, encrypted members need a password, a member (or its solid block)
 * expanding past the ratio is a bomb, and the archive's total expansion is bounded (`reserved`: bytes
 * already promised to members listed before, not yet unpacked). Returns the bytes the member may
 * take, or why it is refused.
 */
export function checkMember(member: ListedMember, limits: Limits, budget: ExpansionBudget, reserved = 0): { allowance: number } | { reason: FailureReason; message: string } {
  if (member.symlink) return { reason: 'unsafe_member', message: 'a symbolic link inside an archive is not followed' };
  if (member.special) return { reason: 'unsafe_member', message: 'a device or special file inside an archive is not read' };
  if (member.encrypted) return { reason: 'encrypted', message: 'the archive member is encrypted and needs a password' };
  const unpacked = member.blockSize ?? member.size;
  const ratio = member.packedSize > 0 ? unpacked / member.packedSize : 0;
  if (unpacked > 1024 * 1024 && ratio > limits.maxRatio) {
    return { reason: 'archive_bomb', message: `the member expands ${Math.round(ratio)} times (to ${unpacked} bytes); the limit is ${limits.maxRatio}` };
  }
  if (member.size > limits.maxFileBytes) return { reason: 'too_large', message: `the member is ${member.size} bytes; the limit is ${limits.maxFileBytes}` };
  const allowance = Math.min(budget.remainingBytes() - reserved, limits.maxFileBytes);
  if (member.size > allowance) return { reason: 'archive_bomb', message: 'the archive expands past its total size limit; this member was not unpacked' };
  return { allowance };
}
