import { searchDocuments } from '../search/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';

/** `dossier search QUERY`: ranked documents with the page and a marked snippet. */
export async function searchCommand(app: App, query: string, options: { json?: boolean; limit?: string; offset?: string }): Promise<void> {
  const limit = options.limit ? Number(options.limit) : 20;
  const offset = options.offset ? Number(options.offset) : 0;
  const result = await searchDocuments(app.db, app.searchIndex, query, { limit, offset });
  if (options.json) return printJson(result);
  const bold = process.stdout.isTTY ? ['\x1b[1m', '\x1b[0m'] : ['«', '»'];
  console.log(`${result.total} document${result.total === 1 ? '' : 's'} match ${JSON.stringify(query)}`);
  for (const [i, hit] of result.hits.entries()) {
    const snippet = hit.snippet.replace(/<mark>/g, bold[0]!).replace(/<\/mark>/g, bold[1]!).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    console.log(`\n${offset + i + 1}. [${hit.id}] ${hit.title ?? hit.path}  (page ${hit.page})`);
    if (hit.title) console.log(`   ${hit.path}`);
    console.log(`   ${snippet}`);
  }
}
