import { totalText, type SearchMode } from '../domain/search.js';
import { collapseNearDuplicates } from '../publish/index.js';
import { searchDocuments } from '../search/index.js';
import { reviewedTranslationText } from '../publish/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';

export interface SearchCommandOptions {
  json?: boolean;
  limit?: string;
  offset?: string;
  mode?: string;
  match?: string;
  facets?: boolean;
  collapse?: boolean;
}

/** `dossier search QUERY`: ranked documents with the page, a marked snippet and why each matched. */
export async function searchCommand(app: App, query: string, options: SearchCommandOptions): Promise<void> {
  const result = await searchDocuments(app.db, app.searchIndex, app.analyser(), query, {
    mode: (options.mode ?? 'normalised') as SearchMode,
    match: options.match === 'any' ? 'any' : 'all',
    limit: options.limit === undefined ? 20 : Number(options.limit),
    offset: options.offset === undefined ? 0 : Number(options.offset),
    facets: Boolean(options.facets),
    translationText: (id, page) => reviewedTranslationText(app.records, id, page),
    records: app.records,
  });
  // Near-duplicates folded into the better-ranked hit (publish/verify), a post-step over this page of hits.
  if (options.collapse) result.hits = await collapseNearDuplicates(app.records, result.hits);
  if (options.json) return printJson(result);
  const bold = process.stdout.isTTY ? ['\x1b[1m', '\x1b[0m'] : ['«', '»'];
  console.log(`${totalText(result.total, result.totalIsLowerBound)} document${result.total === 1 ? '' : 's'} match ${JSON.stringify(query)} (${result.mode})`);
  const offset = Number(options.offset ?? 0);
  for (const [i, hit] of result.hits.entries()) {
    const snippet = hit.snippet.replace(/<mark>/g, bold[0]!).replace(/<\/mark>/g, bold[1]!).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    console.log(`\n${offset + i + 1}. [${hit.id}] ${hit.title ?? hit.path}  (page ${hit.page})`);
    if (hit.title) console.log(`   ${hit.path}`);
    const duplicates = 'duplicates' in hit && Array.isArray(hit.duplicates) ? hit.duplicates : [];
    if (duplicates.length) console.log(`   + ${duplicates.length} near-duplicate${duplicates.length === 1 ? '' : 's'}: ${duplicates.join(', ')}`);
    if (snippet) console.log(`   ${snippet}`);
    if (hit.matchedIn === 'translation') console.log('   matched in translation (reviewed English translation of this page)');
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
