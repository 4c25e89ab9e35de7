import path from 'node:path';
import type { TextAnalyser } from '../analyse/index.js';
import type { ExtractionResult } from '../domain/extraction.js';
import { detectType, extractDocument, isExtractable } from '../extract/index.js';
import { analyseDocument } from '../index/index.js';
import { isContainer, safeMemberName, unpackContainer, type BlobStore } from '../ingest/index.js';
import type { ExtractReply, ExtractTask } from './catalogue.js';

/**
 * Read one stored document: find its type from the content, then unpack it if it is a container
 * or extract its text if it is a document, and analyse that text for the index. Runs inside an
 * extraction process, so both cores share the reading and the analysis.
 */
export async function processDocument(task: ExtractTask, blobs: BlobStore, analyser: () => TextAnalyser, pdfEngine: 'poppler' | 'pdfjs'): Promise<ExtractReply> {
  const result = await readDocument(task, blobs, pdfEngine);
  if (!result.ok || result.extraction.pages.every((p) => p.text.trim() === '')) return { result, analysis: null };
  const { extraction } = result;
  const analysis = analyseDocument(analyser(), { title: extraction.title, path: task.path, metadata: extraction.metadata, pages: extraction.pages }, new Set(task.boilerplate));
  return { result, analysis };
}

/** The stored file as a local path while it is read: the extractors run poppler, 7-Zip, readpst… on it. */
async function readDocument(task: ExtractTask, blobs: BlobStore, pdfEngine: 'poppler' | 'pdfjs'): Promise<ExtractionResult> {
  return blobs.withLocalFile(task.sha256, (file) => readLocalDocument(task, file, blobs, pdfEngine));
}

async function readLocalDocument(task: ExtractTask, file: string, blobs: BlobStore, pdfEngine: 'poppler' | 'pdfjs'): Promise<ExtractionResult> {
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
  const storeChild = async (name: string, content: Uint8Array, metadata?: Record<string, string | number | boolean | string[]>) => {
    const stored = await blobs.putBuffer(content);
    return { name: safeMemberName(name).name, sha256: stored.sha256, size: stored.size, ...(metadata ? { metadata } : {}) };
  };
  return extractDocument({
    file,
    size: task.size,
    mime,
    timeoutMs: task.limits.fileTimeoutMs,
    maxEntryBytes: isExtractable(mime) ? Math.min(task.limits.maxFileBytes, 512 * 1024 * 1024) : 0,
    pdfEngine,
    storeChild,
  });
}
