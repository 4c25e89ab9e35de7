import { BoilerplateCounter } from '../analyse/index.js';
import type { Records } from '../platform/db/records.js';

/** Lines sent with each task at most: the most repeated first (a collection rarely has more than a few hundred). */
const MAX_KEYS = 2_000;
/** Documents counted in memory at most: past this the lines learnt so far stay until the detection after the ingest. */
const LEARN_LIMIT = 20_000;

interface CollectionLines {
  keys: string[];
  /** Counting the documents as they are read (a collection with nothing counted yet); null: the stored lines stand. */
  counter: BoilerplateCounter | null;
  next: number;
}

/**
 * The boilerplate lines each extraction task is analysed with, so most documents are indexed
 * right the first time and the detection after the ingest re-indexes few of them. A collection
 * that already has counted documents uses its stored lines; a new one learns them from the
 * documents as they are read (at 10, 20, 30, 40, 50, 63 … documents: each time a quarter more),
 * as the detection would on the documents read so far. On prc-laws + email-linux-man (4,493
 * documents, 44 lines) that leaves 2,010 documents to re-index after the ingest instead of the
 * 3,891 that carry a repeated line: each line is learnt only once it is seen in enough documents,
 * and a line common early may turn out rare (guessing with the threshold of the expected size
 * instead left 2,154). What a document was split by is stored with it (its fingerprint), so a guess that turns
 * out wrong costs only that document's re-indexing, never a wrong index.
 */
export class BoilerplateLearner {
  private readonly collections = new Map<number, Promise<CollectionLines>>();

  constructor(private readonly records: Pick<Records, 'read'>) {}

  async keysFor(collectionId: number): Promise<string[]> {
    return (await this.lines(collectionId)).keys;
  }

  /** Count a document read in this run (its pages' text). */
  async observe(collectionId: number, pages: string[]): Promise<void> {
    const c = await this.lines(collectionId);
    if (!c.counter) return;
    c.counter.add(pages);
    if (c.counter.size < c.next) return;
    c.keys = c.counter.blocks().slice(0, MAX_KEYS).map((b) => b.key);
    c.next = Math.max(c.next + 10, Math.ceil(c.next * 1.25));
    if (c.counter.size >= LEARN_LIMIT) c.counter = null;
  }

  private lines(collectionId: number): Promise<CollectionLines> {
    let found = this.collections.get(collectionId);
    if (!found) {
      found = (async () => {
        const state = await this.records.read.boilerplate.state(collectionId);
        if (state.documents > 0) return { keys: [...(await this.records.read.boilerplate.keys(collectionId))].slice(0, MAX_KEYS), counter: null, next: 0 };
        return { keys: [], counter: new BoilerplateCounter(), next: 10 };
      })();
      this.collections.set(collectionId, found);
    }
    return found;
  }
}
