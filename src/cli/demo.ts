import type { App } from './app.js';
import { ingestCommand } from './ingest.js';
import { searchCommand } from './search.js';
import { statusCommand } from './status.js';

/**
 * `dossier demo` (what `npm start` runs): ingest the bundled examples/ into the "examples"
 * collection if that was not done yet, then show the status and a sample search.
 */
export async function demoCommand(app: App, examplesDir: string): Promise<void> {
  const done = (await app.records.read.documents.collectionId('examples')) !== null;
  if (!done) {
    console.log(`Ingesting ${examplesDir} into the "examples" collection of ${app.config.workspace} …`);
    await ingestCommand(app, [examplesDir], { collection: 'examples' });
  } else {
    console.log(`The examples are already ingested in ${app.config.workspace}.`);
  }
  console.log('');
  await statusCommand(app, {});
  for (const [query, mode] of [['新疆', 'normalised'], ['Chen Quanguo', 'cross-script']] as const) {
    console.log(`\n$ dossier search ${JSON.stringify(query)} --mode ${mode}`);
    await searchCommand(app, query, { limit: '3', mode });
  }
  console.log('\nTry: npx dossier ls · npx dossier show 1 · npx dossier search "your words" · npx dossier --help');
}
