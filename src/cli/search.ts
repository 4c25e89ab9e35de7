import type { SearchMode } from '../domain/search.js';
import { searchDocuments } from '../search/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';

export interface SearchCommandOptions {
  json?: boolean;
  limit?: string;
  offset?: string;
  mode?: string;
  match?: string;
  facets?: boolean;
}

/** `dossier search QUERY`: ranked documents with the page, a marked snippet and why each matched. */
export async function searchCommand(app: App, query: string, options: SearchCommandOptions): Promise<void> {
  const result = await searchDocuments(app.db, app.searchIndex, app.analyser(), query, {
    mode: (options.mode ?? 'normalised') as SearchMode,
    match: options.match === 'any' ? 'any' : 'all',
    limit: options.limit === undefined ? 20 : Number(options.limit),
    offset: options.offset === undefined ? 0 : Number(options.offset),
    facets: Boolean(options.facets),
  });
  if (options.json) return printJson(result);
  const bold = process.stdout.isTTY ? ['\x1b[1m', '\x1b[0m'] : ['«', '»'];
  console.log(`${result.total}${result.totalIsLowerBound ? '+' : ''} document${result.total === 1 ? '' : 's'} match ${JSON.stringify(query)} (${result.mode})`);
  const offset = Number(options.offset ?? 0);
  for (const [i, hit] of result.hits.entries()) {
    const snippet = hit.snippet.replace(/<mark>/g, bold[0]!).replace(/<\/mark>/g, bold[1]!).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    console.log(`\n${offset + i + 1}. [${hit.id}] ${hit.title ?? hit.path}  (page ${hit.page})`);
    if (hit.title) console.log(`   ${hit.path}`);
    if (snippet) console.log(`   ${snippet}`);
    const why = hit.matched.filter((m) => m.via === 'pinyin' || m.via === 'syllables' || m.via === 'alias');
    if (why.length) console.log(`   matched ${why.map((m) => `"${m.term}" by ${m.via} (${m.as})`).join('; ')}`);
  }
  if (result.facets) {
    for (const [name, counts] of Object.entries(result.facets)) {
      const entries = Object.entries(counts).slice(0, 8);
      if (entries.length) console.log(`\n${name}: ${entries.map(([k, n]) => `${k} (${n})`).join(', ')}`);
    }
  }
}
