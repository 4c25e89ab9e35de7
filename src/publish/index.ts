/**
 * The publish stage: what a newsroom does before and while publishing. verify/: re-hash the
 * stored files and check the audit chain, BagIt manifests with chain of custody, versions and
 * near-duplicates, and the comparison of two copies.
 */
export { verifyStoredFiles, mayVerify, type VerifyReport, type StoredFileProblem } from './verify/verify-stored-files.js';
export { exportManifest, type ManifestSummary } from './verify/export-manifest.js';
export { verifyManifest, type ManifestCheck } from './verify/verify-manifest.js';
export { compareDocuments, type Comparison, type ComparedDocument } from './verify/compare-documents.js';
export type { TextDifference, InvisibleDifference } from './verify/compare-text.js';
export type { MetadataDifference } from './verify/compare-metadata.js';
export { findSimilar, type SimilarDocument } from './verify/find-similar.js';
export { collapseNearDuplicates, COLLAPSE_SIMILARITY } from './verify/collapse-hits.js';
export type { BlobReader, AuditCheck } from './verify/ports.js';
/** The publish stage's entry: what http, cli and jobs may import (verify, translate, redact, story and site add theirs). */
export * from './translate/index.js';
export * from './redact/index.js';
