import fs from 'node:fs';
import path from 'node:path';
import { shared } from './support.js';

/** Cranfield 1400 as the ranking benches read it: records by number (1-based), graded judgments, nDCG@10. */
export interface Cranfield {
  /** Documents and queries by number, each with its fields (.T title, .W text, .A, .B). */
  docs: Map<number, Record<string, string>>;
  queries: Map<number, Record<string, string>>;
  /** Query number → document number → gain (code 1 → 4 … code 4 → 1, others 0). */
  qrels: Map<number, Map<number, number>>;
}

function parseRecords(file: string): Map<number, Record<string, string>> {
  const out = new Map<number, Record<string, string>>();
  let current: Record<string, string> | null = null;
  let field = '';
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (/^\.I\s+\d+/.test(line)) {
      // Numbered by position: cran.qry's own .I numbers skip, cranqrel counts queries 1…225.
      current = {};
      out.set(out.size + 1, current);
      continue;
    }
    const f = /^\.([TAWB])\s*$/.exec(line);
    if (f) field = f[1]!;
    else if (current) current[field] = `${current[field] ?? ''} ${line}`.trim();
  }
  return out;
}

export function loadCranfield(): Cranfield {
  const dir = path.join(shared, 'cranfield');
  const qrels = new Map<number, Map<number, number>>();
  for (const line of fs.readFileSync(path.join(dir, 'cranqrel'), 'utf8').split('\n')) {
    const [q, d, code] = line.trim().split(/\s+/).map(Number);
    if (!q || !d || code === undefined) continue;
    if (!qrels.has(q)) qrels.set(q, new Map());
    qrels.get(q)!.set(d, code >= 1 && code <= 4 ? 5 - code : 0);
  }
  return { docs: parseRecords(path.join(dir, 'cran.all.1400')), queries: parseRecords(path.join(dir, 'cran.qry')), qrels };
}

/** Each document as a small HTML page (title + abstract), named cran-NNNN.html, for Dossier to ingest. */
export function writeCranfieldHtml(docs: Cranfield['docs'], dir: string): void {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  for (const [id, d] of docs) fs.writeFileSync(path.join(dir, `cran-${String(id).padStart(4, '0')}.html`), `<html><head><title>${escape(d.T ?? '')}</title></head><body><p>${escape(d.W ?? '')}</p></body></html>`);
}

/** nDCG@10 with gains 2^g − 1. */
export function ndcgAt10(ranked: number[], rel: Map<number, number>): number {
  const dcg = ranked.slice(0, 10).reduce((s, d, i) => s + (2 ** (rel.get(d) ?? 0) - 1) / Math.log2(i + 2), 0);
  const ideal = [...rel.values()].sort((a, b) => b - a).slice(0, 10).reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}
