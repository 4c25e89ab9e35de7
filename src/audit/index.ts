/**
 * The audit log: who searched, viewed, downloaded and exported what, append-only in a hash
 * chain that shows any edited, deleted or reordered row.
 */
export { GENESIS_HASH, hashAuditRow, type AuditContent } from '../domain/audit-chain.js';
export { recordAudit, type AuditAction, type AuditEvent } from './record-audit.js';
export { lastAuditHash, verifyAudit, type AuditBreak, type AuditVerification } from './verify-audit.js';
export { listAudit, type AuditEntry, type AuditFilters } from './list-audit.js';
