import type { App } from './app.js';
import { printJson } from './output.js';

type Counts = Record<string, number>;

/** `dossier status`: how many documents, by status, failure reason, type and collection. */
export async function statusCommand(app: App, options: { json?: boolean }): Promise<void> {
  const [byStatus, byReason, byType, byCollection] = await Promise.all([
    app.records.read.documents.countBy('status'),
    app.records.read.documents.countBy('reason'),
    app.records.read.documents.countBy('mime'),
    app.records.read.documents.countBy('collection'),
  ]);
  const documents = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const needsOcr = await app.records.read.documents.countNeedingOcr();
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
