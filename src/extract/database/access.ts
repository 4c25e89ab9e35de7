import type { Page } from '../../domain/document.js';
import type { ExtractionResult } from '../../domain/extraction.js';
import { hasTool, runTool } from '../run-tool.js';

const MIME = 'application/x-msaccess';
/** Rows of one table kept as text: a table past this is cut, and the metadata says so. */
const MAX_TABLE_BYTES = 64 * 1024 * 1024;

/**
 * A Microsoft Access database (.mdb Jet 3/4, .accdb ACE) through mdbtools: every user table one
 * page, its rows as tab-separated lines under the table's name.
 */
export async function extractAccess(file: string, timeoutMs: number): Promise<ExtractionResult> {
  if (!(await hasTool('mdb-tables')) || !(await hasTool('mdb-export'))) {
    return { ok: false, mime: MIME, reason: 'unsupported', message: 'Access databases need mdbtools: install mdbtools to read this (Debian: apt-get install mdbtools)' };
  }
  const list = await runTool('mdb-tables', ['-1', file], timeoutMs);
  if (list.timedOut) return { ok: false, mime: MIME, reason: 'timeout', message: 'mdb-tables ran past the time limit' };
  if (list.code !== 0) {
    const why = list.stderr.trim().split('\n')[0] ?? `exit ${list.code}`;
    if (/encrypt|password/i.test(why)) return { ok: false, mime: MIME, reason: 'encrypted', message: 'the database is encrypted' };
    return { ok: false, mime: MIME, reason: 'corrupt', message: `the database could not be read: ${why}` };
  }
  const tables = list.stdout.toString('utf8').split('\n').map((t) => t.trim()).filter(Boolean);
  const pages: Page[] = [];
  const cut: string[] = [];
  for (const table of tables) {
    // -d tab, -q '' : no quoting; -T/-D: date-times and dates as ISO (Access's Date/Time columns are
    // date-times: -D alone leaves them as 01/25/89); -b strip: binary columns left out.
    const rows = await runTool('mdb-export', ['-d', '\t', '-q', '', '-T', '%Y-%m-%d %H:%M:%S', '-D', '%Y-%m-%d', '-b', 'strip', file, table], timeoutMs);
    if (rows.timedOut) return { ok: false, mime: MIME, reason: 'timeout', message: `exporting table ${table} ran past the time limit` };
    let text = rows.stdout.subarray(0, MAX_TABLE_BYTES).toString('utf8');
    if (rows.stdout.length > MAX_TABLE_BYTES) cut.push(table);
    text = text.trim();
    pages.push({ page: pages.length + 1, text: text ? `${table}\n${text}` : table });
  }
  const metadata: Record<string, string[] | string> = { tables };
  if (cut.length) metadata.warning = `tables cut at ${MAX_TABLE_BYTES} bytes: ${cut.join(', ')}`;
  if (pages.length === 0) pages.push({ page: 1, text: '' });
  return { ok: true, extraction: { mime: MIME, title: null, pages, metadata, children: [], needsOcr: false } };
}
