import { BoilerplateCounter, lineKey, linesOf, type BoilerplateBlock, type TextAnalyser } from '../analyse/index.js';
import { auditUser, mayEdit, type Actor } from '../domain/actor.js';
import { DossierError } from '../domain/errors.js';
import { analyseDocument, storeDocumentIndex, storedDocumentText, type SearchIndexWriter } from '../index/index.js';
import type { Records } from '../platform/db/records.js';

const BATCH = 500;

export interface BoilerplateSummary {
  collection: string;
  documents: number;
  blocks: number;
  /** Documents re-indexed because they carry a line that became, or stopped being, boilerplate. */
  reindexed: number;
}

/**
 * Detect a collection's boilerplate (lines in many of its documents), store it, and re-index the
 * documents that carry a changed line, so their menus and footers move to the low-weight column.
 * Runs after ingest and from `dossier boilerplate --recompute`; one collection or all.
 */
export async function refreshBoilerplate(
  records: Pick<Records, 'read' | 'transact' | 'transactHandle'>,
  index: SearchIndexWriter,
  /** Built only when some document must be re-indexed: most ingests change no line, and the chain costs seconds to load. */
  analyser: () => TextAnalyser,
  input: { actor: Actor; collection?: string },
): Promise<BoilerplateSummary[]> {
  if (!mayEdit(input.actor)) throw new DossierError('forbidden', 'only editors and admins recompute boilerplate');
  const out: BoilerplateSummary[] = [];
  for (const collection of await records.read.boilerplate.collections(input.collection)) {
    const ids = await records.read.boilerplate.documentIds(collection.id);
    const counter = new BoilerplateCounter();
    for (let i = 0; i < ids.length; i += BATCH) for (const pages of (await records.read.boilerplate.pageTexts(ids.slice(i, i + BATCH))).values()) counter.add(pages);
    const blocks: BoilerplateBlock[] = counter.blocks();
    const before = await records.read.boilerplate.keys(collection.id);
    const after = new Set(blocks.map((b) => b.key));
    await records.transact(async (tx) => {
      await tx.boilerplate.replace(collection.id, blocks);
      await tx.audit.append({ ...auditUser(input.actor), action: 'boilerplate.detect', collectionId: collection.id, documentId: null, detail: { documents: ids.length, blocks: blocks.length } });
    });
    const changed = new Set([...before, ...after].filter((k) => before.has(k) !== after.has(k)));
    let reindexed = 0;
    if (changed.size) {
      for (let i = 0; i < ids.length; i += BATCH) {
        const texts = await records.read.boilerplate.pageTexts(ids.slice(i, i + BATCH));
        const touched = [...texts].filter(([, pages]) => pages.some((text) => linesOf(text).some(({ line }) => changed.has(lineKey(line) ?? ''))));
        // Read first: on SQLite the write transaction holds the one connection.
        const stored = await Promise.all(touched.map(async ([id]) => [id, await storedDocumentText(records, id)] as const));
        await records.transactHandle(async (trx) => {
          for (const [id, text] of stored) if (text) await storeDocumentIndex(trx, index, id, analyseDocument(analyser(), text, after));
        });
        reindexed += stored.length;
      }
    }
    out.push({ collection: collection.name, documents: ids.length, blocks: blocks.length, reindexed });
  }
  return out;
}
