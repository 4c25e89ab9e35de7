/**
 * The ingest stage: walk sources, store every file by content address, keep the register of
 * documents and paths, unpack containers (ZIP, TAR, gzip, mbox) into child documents, and record
 * the outcome of reading each document.
 */
export type { BlobStore, JobEnqueuer, StoredBlob } from './ports.js';
export type { SourceEntry } from './walk-sources.js';
export type { UnpackContext } from './unpack-context.js';
export { checkSources, walkSources } from './walk-sources.js';
export { ensureCollection, registerFile, registerUnreadable, EXTRACT_JOB, type RegisterDeps, type Registration } from './register-sources.js';
export { recordOutcome, type OutcomeRepositories } from './record-outcome.js';
export type { RegisterSource } from './handle-callers.js';
export { recordOcr, type OcrOutcome } from './record-ocr.js';
export { isContainer, unpackContainer } from './unpack-container.js';
export { safeMemberName } from './safe-member-name.js';
