/**
 * Read-only looks into a workspace's real SQLite database, for what the CLI does not print in
 * bulk (every path of every document) and for watching an ingest in progress from outside.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export function databaseFile(workspace: string): string {
  return path.join(workspace, 'dossier.db');
}

function open(workspace: string): Database.Database | null {
  const file = databaseFile(workspace);
  if (!fs.existsSync(file)) return null;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return db;
  } catch {
    return null; // being created right now
  }
}

/** How many documents are registered, and how many are read (ok or failed); 0 before the database exists. */
export function countDocuments(workspace: string): { documents: number; done: number } {
  const db = open(workspace);
  if (!db) return { documents: 0, done: 0 };
  try {
    const row = db.prepare(`SELECT count(*) AS documents, coalesce(sum(status != 'pending'), 0) AS done FROM documents`).get() as { documents: number; done: number };
    return row;
  } catch {
    return { documents: 0, done: 0 }; // schema not created yet
  } finally {
    db.close();
  }
}

/** One path a document is known at, with the document's identity and outcome. */
export interface PathRow {
  path: string;
  sha256: string | null;
  status: string;
  reason: string | null;
  mime: string | null;
  /** True for a path given on the command line (no container). */
  topLevel: boolean;
}

/** Every path of every document (a document with the same content at two paths has two rows). */
export function allPaths(workspace: string): PathRow[] {
  const db = open(workspace);
  if (!db) throw new Error(`no database in ${workspace}`);
  try {
    const rows = db
      .prepare(
        `SELECT p.path AS path, d.sha256 AS sha256, d.status AS status, d.reason AS reason, d.mime AS mime, p.parent_id IS NULL AS topLevel
         FROM document_paths p JOIN documents d ON d.id = p.document_id ORDER BY p.path`,
      )
      .all() as Array<Omit<PathRow, 'topLevel'> & { topLevel: number }>;
    return rows.map((r) => ({ ...r, topLevel: r.topLevel === 1 }));
  } finally {
    db.close();
  }
}

/** Metadata (parsed JSON) of the top-level documents, by path. */
export function topLevelMetadata(workspace: string): Map<string, Record<string, unknown>> {
  const db = open(workspace);
  if (!db) throw new Error(`no database in ${workspace}`);
  try {
    const rows = db.prepare(`SELECT path, metadata FROM documents WHERE parent_id IS NULL`).all() as Array<{ path: string; metadata: string }>;
    return new Map(rows.map((r) => [r.path, JSON.parse(r.metadata) as Record<string, unknown>]));
  } finally {
    db.close();
  }
}
