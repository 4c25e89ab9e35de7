/**
 * Entry point of a search thread (started by search/search-threads.ts in `dossier serve`). Like
 * main.ts it constructs what it needs: a read-only connection to the workspace database, records
 * over it, the search index and the analysis chain with the workspace's dictionary. It warms up,
 * says it is ready, then answers one search at a time. What the index remembers between queries
 * (document frequencies, the last matches) is dropped whenever the index has been written since.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyserWithNames } from './analyse/index.js';
import { isDossierError } from './domain/errors.js';
import { reviewedTranslationText } from './publish/index.js';
import { searchDocuments, warmUpSearch, type ThreadSearchReply, type ThreadSearchRequest } from './search/index.js';
import { sqliteRecords } from './platform/db/records.js';
import { boilerplateRepository } from './platform/db/repositories/boilerplate-repository.js';
import { openSqliteReader } from './platform/db/sqlite.js';
import { searchIndexVersion } from './platform/search/index-version.js';
import { SqliteSearchIndex } from './platform/search/sqlite-search-index.js';

const { file, dictionary } = workerData as { file: string; dictionary: Array<{ han: string; aliases: string[]; type: string }> };
const port = parentPort!;
const handle = openSqliteReader(file);
const records = sqliteRecords(handle.db);
const analyser = analyserWithNames(dictionary);
const newIndex = () => Object.assign(new SqliteSearchIndex(), {
  boilerplateKeys: (db: typeof handle.db, ids: number[]) => boilerplateRepository(db).keysByDocument(ids),
});
const version = searchIndexVersion(handle.raw);
let index = newIndex();
let seen = version();

await warmUpSearch(handle.db, index, analyser, records);
port.postMessage({ ready: true } satisfies ThreadSearchReply);

port.on('message', (request: ThreadSearchRequest) => {
  const now = version();
  if (now !== seen) {
    index = newIndex();
    seen = now;
  }
  const reply = (message: ThreadSearchReply) => port.postMessage(message);
  searchDocuments(handle.db, index, analyser, request.input, { ...request.options, records, translationText: (id, page) => reviewedTranslationText(records, id, page) }).then(
    (result) => reply({ id: request.id, result }),
    (error: unknown) => reply({ id: request.id, error: isDossierError(error) ? { code: error.code, message: error.message } : { message: error instanceof Error ? error.message : String(error) } }),
  );
});
