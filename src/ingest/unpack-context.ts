import type { FailureReason, Metadata } from '../domain/document.js';
import type { ChildFile } from '../domain/extraction.js';
import type { Limits } from '../platform/config.js';
import type { BlobStore } from './ports.js';

/** What an unpacker is given: the container's stored bytes, its limits and the blob store. */
export interface UnpackContext {
  file: string;
  size: number;
  mime: string;
  /** The container's own file name, to name the content of a bare .gz. */
  name: string;
  limits: Limits;
  blobs: BlobStore;
}

/** Counts members and bytes as they are unpacked, and says when an archive must stop. */
export class ExpansionBudget {
  readonly children: ChildFile[] = [];
  expanded = 0;
  stopped: { reason: 'archive_bomb' | 'too_large'; message: string } | null = null;

  constructor(private readonly limits: Limits, private readonly containerSize: number) {}

  /** Bytes one more member may still expand to. */
  remainingBytes(): number {
    const byRatio = Math.max(this.containerSize * this.limits.maxRatio, 64 * 1024 * 1024);
    return Math.max(0, Math.min(this.limits.maxExpandedBytes, byRatio) - this.expanded);
  }

  /** False once the archive has held more members than allowed. */
  admit(): boolean {
    if (this.stopped) return false;
    if (this.children.length >= this.limits.maxEntries) {
      this.stopped = { reason: 'archive_bomb', message: `the archive holds more than ${this.limits.maxEntries} members; the rest were not unpacked` };
      return false;
    }
    return true;
  }

  add(child: ChildFile): void {
    this.children.push(child);
    this.expanded += child.size;
  }

  fail(name: string, reason: FailureReason, message: string, metadata?: Metadata): void {
    this.children.push({ name, sha256: null, size: 0, failure: { reason, message }, ...(metadata ? { metadata } : {}) });
  }
}
