import { sql } from 'kysely';
import type { App } from './app.js';
import { printJson } from './output.js';

type Counts = Record<string, number>;

async function countBy(app: App, column: 'status' | 'reason' | 'mime' | 'collection'): Promise<Counts> {
  const rows = await app.db
    .selectFrom('documents')
    .innerJoin('collections', 'collections.id', 'documents.collection_id')
    .select([column === 'collection' ? sql<string>`collections.name`.as('key') : sql<string>`documents.${sql.ref(column)}`.as('key'), (eb) => eb.fn.countAll<number>().as('n')])
    .$if(column === 'reason', (q) => q.where('documents.status', '=', 'failed'))
    .groupBy('key')
    .orderBy('n', 'desc')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.key ?? 'unknown', Number(r.n)]));
}

/** `dossier status`: how many documents, by status, failure reason, type and collection. */
export async function statusCommand(app: App, options: { json?: boolean }): Promise<void> {
  const [byStatus, byReason, byType, byCollection] = await Promise.all([countBy(app, 'status'), countBy(app, 'reason'), countBy(app, 'mime'), countBy(app, 'collection')]);
  const documents = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const needsOcr = Number((await app.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('needs_ocr', '=', 1).executeTakeFirst())?.n ?? 0);
  const queued = await app.queue.countQueued(app.db, 'extract');
  const ocrQueued = await app.queue.countQueued(app.db, 'ocr');
  const status = { workspace: app.config.workspace, documents, byStatus, byReason, byType, byCollection, needsOcr, queued, ocrQueued };
  if (options.json) return printJson(status);
  const table = (title: string, counts: Counts) => {
    console.log(title);
    const width = Math.max(...Object.keys(counts).map((k) => k.length), 4);
    for (const [key, n] of Object.entries(counts)) console.log(`  ${key.padEnd(width)}  ${String(n).padStart(7)}`);
  };
  console.log(`Workspace ${app.config.workspace}: ${documents} documents${needsOcr ? `, ${needsOcr} need OCR` : ''}${queued ? `, ${queued} waiting to be read` : ''}${ocrQueued ? `, ${ocrQueued} waiting for OCR (dossier ocr --pending)` : ''}`);
  table('By status', byStatus);
  if (Object.keys(byReason).length) table('Failed, by reason', byReason);
  table('By type', byType);
  table('By collection', byCollection);
}
