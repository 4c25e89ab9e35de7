import path from 'node:path';
import type { ExtractionResult } from '../domain/extraction.js';
import { detectType, extractDocument, isExtractable } from '../extract/index.js';
import { isContainer, safeMemberName, unpackContainer, type BlobStore } from '../ingest/index.js';
import type { ExtractTask } from './catalogue.js';

/**
 * Read one stored document: find its type from the content, then unpack it if it is a container
 * or extract its text if it is a document. Runs inside an extraction process.
 */
export async function processDocument(task: ExtractTask, blobs: BlobStore): Promise<ExtractionResult> {
  const file = blobs.pathOf(task.sha256);
  let mime: string;
  try {
    mime = await detectType(file);
  } catch (error) {
    return { ok: false, mime: 'application/octet-stream', reason: 'unreadable', message: `the stored file could not be read: ${(error as Error).message}` };
  }
  if (isContainer(mime)) {
    if (task.depth >= task.limits.maxDepth) {
      return { ok: false, mime, reason: 'too_deep', message: `containers nested ${task.depth} deep are not opened (the limit is ${task.limits.maxDepth})` };
    }
    return unpackContainer({ file, size: task.size, mime, name: path.posix.basename(task.path), limits: task.limits, blobs });
  }
  if (!isExtractable(mime)) return extractDocument({ file, size: task.size, mime, timeoutMs: task.limits.fileTimeoutMs, maxEntryBytes: 0, pdfEngine: task.pdfEngine, storeChild: () => Promise.reject(new Error('no children')) });
  return extractDocument({
    file,
    size: task.size,
    mime,
    timeoutMs: task.limits.fileTimeoutMs,
    maxEntryBytes: Math.min(task.limits.maxFileBytes, 512 * 1024 * 1024),
    pdfEngine: task.pdfEngine,
    storeChild: async (name, content, metadata) => {
      const stored = await blobs.putBuffer(content);
      return { name: safeMemberName(name).name, sha256: stored.sha256, size: stored.size, ...(metadata ? { metadata } : {}) };
    },
  });
}
