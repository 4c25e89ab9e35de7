import { BoilerplateCounter, boilerplateFingerprint, boilerplateMatches, boilerplateThreshold, lineKey, linesOf, MIN_COLLECTION, type TextAnalyser } from '../analyse/index.js';
import { auditUser, mayEdit, type Actor } from '../domain/actor.js';
import { DossierError } from '../domain/errors.js';
import { analysePages, storeDocumentColumns, storedDocumentText, type SearchIndexWriter } from '../index/index.js';
import type { Records } from '../platform/db/records.js';

const BATCH = 500;

/** Where a detection is: documents counted or looked at for re-indexing, of how many. */
export interface BoilerplateProgress {
  collection: string;
  step: 'counting' | 'reindexing';
  done: number;
  total: number;
  reindexed: number;
}

export interface BoilerplateSummary {
  collection: string;
  documents: number;
  blocks: number;
  /** Documents counted in this run (new since the last one, or all after a recount). */
  counted: number;
  /** Documents re-indexed because they carry a line that became, or stopped being, boilerplate. */
  reindexed: number;
}

/**
 * Detect a collection's boilerplate (lines in many of its documents), store it, and re-index the
 * documents whose pages it changes, so their menus and footers move to the low-weight column.
 *
 * Runs after every ingest, so it costs what the ingest added, not the collection: line counts are
 * stored (boilerplate_lines) and only documents not yet counted are read. Documents indexed
 * before this run are re-read only when the set of blocks changed, which hysteresis keeps rare: a
 * line becomes a block in 1 % of the collection (at least 5 documents) and stays one until it falls
 * under half of that. Documents indexed after the last run (the ingest's workers do not know the
 * blocks) are re-indexed when they carry a block. Only their search columns are rewritten: their
 * mentions, dates and signatures do not depend on it. `recount` (`dossier boilerplate
 * --recompute`) counts the whole collection again, for instance after documents were removed.
 */
export async function refreshBoilerplate(
  records: Pick<Records, 'read' | 'transact' | 'transactHandle'>,
  index: SearchIndexWriter,
  /** Built only when some document must be re-indexed: most ingests change no line, and the chain costs seconds to load. */
  analyser: () => TextAnalyser,
  input: { actor: Actor; collection?: string; recount?: boolean; onProgress?: (p: BoilerplateProgress) => void },
): Promise<BoilerplateSummary[]> {
  const progress = input.onProgress ?? (() => {});
  if (!mayEdit(input.actor)) throw new DossierError('forbidden', 'only editors and admins recompute boilerplate');
  const out: BoilerplateSummary[] = [];
  for (const collection of await records.read.boilerplate.collections(input.collection)) {
    if (input.recount) await records.transact((tx) => tx.boilerplate.clearCounts(collection.id));
    const state = await records.read.boilerplate.state(collection.id);
    const counted = await countNewDocuments(records, collection.id, state, (done, total) => progress({ collection: collection.name, step: 'counting', done, total, reindexed: 0 }));
    const documents = state.documents + counted;
    const before = await records.read.boilerplate.keys(collection.id);
    const threshold = boilerplateThreshold(documents);
    const kept = input.recount ? new Set<string>() : before;
    const candidates = documents < MIN_COLLECTION ? [] : await records.read.boilerplate.repeated(collection.id, Math.ceil(threshold / 2));
    const blocks = candidates.filter((b) => b.documents >= threshold || kept.has(b.key));
    const after = new Set(blocks.map((b) => b.key));
    const changed = new Set([...before, ...after].filter((k) => before.has(k) !== after.has(k)));
    if (changed.size || counted) {
      await records.transact(async (tx) => {
        await tx.boilerplate.replace(collection.id, blocks);
        await tx.audit.append({ ...auditUser(input.actor), action: 'boilerplate.detect', collectionId: collection.id, documentId: null, detail: { documents, counted, blocks: blocks.length, changed: changed.size } });
      });
    }
    const reindexed = await reindexTouched(records, index, analyser, collection.id, state.indexedThrough, after, changed, (done, total, n) => progress({ collection: collection.name, step: 'reindexing', done, total, reindexed: n }));
    out.push({ collection: collection.name, documents, blocks: blocks.length, counted, reindexed });
  }
  return out;
}

/** Add the lines of the documents not yet counted, a batch per transaction with the counting mark, so a stopped run resumes without counting twice. */
async function countNewDocuments(records: Pick<Records, 'read' | 'transact'>, collectionId: number, state: { countedThrough: number; documents: number }, onProgress: (done: number, total: number) => void): Promise<number> {
  const fresh = await records.read.boilerplate.documentIds(collectionId, state.countedThrough);
  let documents = state.documents;
  for (let i = 0; i < fresh.length; i += BATCH) {
    const batch = fresh.slice(i, i + BATCH);
    const counter = new BoilerplateCounter();
    for (const pages of (await records.read.boilerplate.pageTexts(batch)).values()) counter.add(pages);
    documents += batch.length;
    const lines = counter.lines();
    await records.transact((tx) => tx.boilerplate.addCounts(collectionId, lines, { through: batch[batch.length - 1]!, documents }));
    onProgress(i + batch.length, fresh.length);
  }
  return fresh.length;
}

/**
 * Rewrite the search columns of the documents the blocks now split differently: those indexed
 * knowing the earlier blocks (ids up to `indexedThrough`) when they carry a changed line; the
 * others (indexed during the ingest with the lines it knew or learnt) when the lines they were
 * split by, as stored with them, are not the ones they carry now. Then every document read is
 * marked indexed.
 */
async function reindexTouched(
  records: Pick<Records, 'read' | 'transact' | 'transactHandle'>,
  index: SearchIndexWriter,
  analyser: () => TextAnalyser,
  collectionId: number,
  indexedThrough: number,
  after: ReadonlySet<string>,
  changed: ReadonlySet<string>,
  onProgress: (done: number, total: number, reindexed: number) => void,
): Promise<number> {
  // Documents indexed knowing the earlier blocks are read again only when the blocks changed.
  const ids = await records.read.boilerplate.documentIds(collectionId, changed.size ? undefined : indexedThrough);
  if (ids.length === 0) return 0;
  let reindexed = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const texts = await records.read.boilerplate.pageTexts(batch);
    const split = await records.read.boilerplate.fingerprints(batch.filter((id) => id > indexedThrough));
    const touched = [...texts].filter(([id, pages]) => {
      if (id <= indexedThrough) return pages.some((text) => linesOf(text).some(({ line }) => changed.has(lineKey(line) ?? '')));
      const found = new Set<string>();
      for (const text of pages) boilerplateMatches(text, after, found);
      return boilerplateFingerprint(found) !== (split.get(id) ?? 0);
    });
    // Read first: on SQLite the write transaction holds the one connection.
    const stored = await Promise.all(touched.map(async ([id]) => [id, await storedDocumentText(records, id)] as const));
    await records.transactHandle(async (trx) => {
      for (const [id, text] of stored) if (text) await storeDocumentColumns(trx, index, id, analysePages(analyser(), text, after));
    });
    reindexed += stored.length;
    onProgress(i + batch.length, ids.length, reindexed);
  }
  const last = ids[ids.length - 1]!;
  if (last > indexedThrough) await records.transact((tx) => tx.boilerplate.setIndexedThrough(collectionId, last));
  return reindexed;
}
