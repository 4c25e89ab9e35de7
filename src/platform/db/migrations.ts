import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** Column type of an auto-incrementing key, the one place the two dialects differ here. */
function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

const initial: Migration = {
  async up(db) {
    const pg = isPostgres(db);
    const id = (t: 'integer') => (pg ? 'serial' : t);
    await db.schema
      .createTable('collections')
      .addColumn('id', id('integer'), (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('documents')
      .addColumn('id', id('integer'), (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('collection_id', 'integer', (c) => c.notNull().references('collections.id'))
      .addColumn('sha256', 'text')
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('mime', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('message', 'text')
      .addColumn('title', 'text')
      .addColumn('parent_id', 'integer', (c) => c.references('documents.id'))
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('needs_ocr', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('extracted_at', 'text')
      .execute();
    // One document per distinct content per collection; unreadable members (null hash) are many.
    await db.schema.createIndex('documents_collection_sha').unique().on('documents').columns(['collection_id', 'sha256']).execute();
    await db.schema.createIndex('documents_parent').on('documents').column('parent_id').execute();
    await db.schema.createIndex('documents_status').on('documents').column('status').execute();
    await db.schema
      .createTable('document_paths')
      .addColumn('id', id('integer'), (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'integer', (c) => c.references('documents.id'))
      .execute();
    await db.schema.createIndex('document_paths_unique').unique().on('document_paths').columns(['document_id', 'path']).execute();
    await db.schema
      .createTable('pages')
      .addColumn('id', id('integer'), (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
      .addColumn('page', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('pages_document_page').unique().on('pages').columns(['document_id', 'page']).execute();
    await db.schema
      .createTable('jobs')
      .addColumn('id', id('integer'), (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('error', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('jobs_state').on('jobs').columns(['state', 'kind', 'id']).execute();
    await db.schema.createIndex('jobs_document_kind').unique().on('jobs').columns(['document_id', 'kind']).execute();
    await db.schema
      .createTable('source_files')
      .addColumn('path', 'text', (c) => c.primaryKey())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('mtime_ms', 'double precision', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .execute();
  },
};

/** Facets read by search (language, date, sender) and the editors' per-collection dictionary. */
const searchFacets: Migration = {
  async up(db) {
    const pg = isPostgres(db);
    await db.schema.alterTable('documents').addColumn('lang', 'text').execute();
    await db.schema.alterTable('documents').addColumn('date', 'text').execute();
    await db.schema.alterTable('documents').addColumn('sender', 'text').execute();
    await db.schema.createIndex('documents_date').on('documents').column('date').execute();
    await db.schema
      .createTable('dictionary')
      .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('collection_id', 'integer', (c) => c.references('collections.id'))
      .addColumn('han', 'text', (c) => c.notNull())
      .addColumn('aliases', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('dictionary_han').on('dictionary').columns(['han']).execute();
  },
};

/** OCR results per page (engine, confidence, word boxes, page image) and job options. */
const ocr: Migration = {
  async up(db) {
    await db.schema.alterTable('pages').addColumn('ocr', 'text').execute();
    await db.schema.alterTable('jobs').addColumn('payload', 'text').execute();
  },
};

/** The workbench: accounts, grants, sessions, the audit chain, notes, tags and uploads. */
const workbench: Migration = {
  async up(db) {
    const pg = isPostgres(db);
    const key = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
    const id = pg ? 'serial' : 'integer';
    await db.schema
      .createTable('users')
      .addColumn('id', id, key)
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable('grants')
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('collection_id', 'integer', (c) => c.notNull().references('collections.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('grants_pk', ['user_id', 'collection_id'])
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('csrf', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('audit_log')
      .addColumn('id', id, key)
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer')
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('collection_id', 'integer')
      .addColumn('document_id', 'integer')
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_user').on('audit_log').columns(['user_id', 'id']).execute();
    await db.schema
      .createTable('notes')
      .addColumn('id', id, key)
      .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('page', 'integer')
      .addColumn('start', 'integer')
      .addColumn('end', 'integer')
      .addColumn('quote', 'text')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('notes_document').on('notes').column('document_id').execute();
    await db.schema
      .createTable('tags')
      .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('tags_pk', ['document_id', 'tag'])
      .execute();
    await db.schema.createIndex('tags_tag').on('tags').column('tag').execute();
    await db.schema
      .createTable('uploads')
      .addColumn('id', id, key)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('collection_id', 'integer', (c) => c.notNull().references('collections.id'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('files', 'integer', (c) => c.notNull())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .addColumn('progress', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .execute();
  },
};

/** Entities and their mentions, editors' merge and split decisions, watch-lists. */
const entities: Migration = {
  async up(db) {
    const pg = isPostgres(db);
    const key = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
    const id = pg ? 'serial' : 'integer';
    await db.schema
      .createTable('entities')
      .addColumn('id', id, key)
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('confidence', 'double precision', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('entities_type_key').unique().on('entities').columns(['type', 'key']).execute();
    await db.schema
      .createTable('mentions')
      .addColumn('id', id, key)
      .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
      .addColumn('page', 'integer', (c) => c.notNull())
      .addColumn('start', 'integer', (c) => c.notNull())
      .addColumn('end', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'integer', (c) => c.references('entities.id'))
      .addColumn('value', 'text')
      .addColumn('confidence', 'double precision', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('mentions_document').on('mentions').columns(['document_id', 'page']).execute();
    await db.schema.createIndex('mentions_entity').on('mentions').columns(['entity_id', 'document_id']).execute();
    await db.schema.createIndex('mentions_type').on('mentions').columns(['type']).execute();
    await db.schema
      .createTable('entity_decisions')
      .addColumn('id', id, key)
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('user', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('watchlists')
      .addColumn('id', id, key)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('names', 'text', (c) => c.notNull())
      .addColumn('results', 'text')
      .addColumn('ran_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};

/** Near-duplicate signatures (MinHash) and their banded LSH buckets, looked up by an index. */
const verify: Migration = {
  async up(db) {
    const pg = isPostgres(db);
    await db.schema
      .createTable('similarity_signatures')
      .addColumn('document_id', 'integer', (c) => c.primaryKey().references('documents.id'))
      .addColumn('signature', pg ? 'bytea' : 'blob', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('similarity_buckets')
      .addColumn('bucket', 'bigint', (c) => c.notNull())
      .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
      .execute();
    await db.schema.createIndex('similarity_buckets_bucket').on('similarity_buckets').columns(['bucket', 'document_id']).execute();
    await db.schema.createIndex('similarity_buckets_document').on('similarity_buckets').column('document_id').execute();
  },
};

/** Translations beside their originals: the translation, its segments, editors' corrections (issue 11). */
const translate: Migration = {
  async up(db) {
    const pg = isPostgres(db);
    const key = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
    const id = pg ? 'serial' : 'integer';
    await db.schema
      .createTable('translations')
      .addColumn('document_id', 'integer', (c) => c.primaryKey().references('documents.id'))
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('source_ref', 'text', (c) => c.notNull())
      .addColumn('source_lang', 'text', (c) => c.notNull())
      .addColumn('target_lang', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .execute();
    await db.schema
      .createTable('translation_segments')
      .addColumn('id', id, key)
      .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
      .addColumn('page', 'integer', (c) => c.notNull())
      .addColumn('idx', 'integer')
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('target', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('group_no', 'integer', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .execute();
    await db.schema.createIndex('translation_segments_document').on('translation_segments').columns(['document_id', 'position']).execute();
    await db.schema
      .createTable('translation_corrections')
      .addColumn('id', id, key)
      .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('translation_corrections_document').on('translation_corrections').columns(['document_id', 'id']).execute();
  },
};

/** Redaction (issue 12): marks, derivatives with their check, and one apply at a time per document. */
const redact: Migration = {
  async up(db) {
    const pg = isPostgres(db);
    const key = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
    const id = pg ? 'serial' : 'integer';
    await db.schema
      .createTable('redaction_marks')
      .addColumn('id', id, key)
      .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('page', 'integer')
      .addColumn('text', 'text')
      .addColumn('box', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('redaction_marks_document').on('redaction_marks').columns(['document_id', 'state']).execute();
    await db.schema
      .createTable('redaction_derivatives')
      .addColumn('id', id, key)
      .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('pages', 'text', (c) => c.notNull())
      .addColumn('boxes', 'text', (c) => c.notNull())
      .addColumn('strings', 'text', (c) => c.notNull())
      .addColumn('mark_ids', 'text', (c) => c.notNull())
      .addColumn('check', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('redaction_derivatives_document').on('redaction_derivatives').columns(['document_id']).execute();
    await db.schema.createIndex('redaction_derivatives_sha').on('redaction_derivatives').columns(['sha256']).execute();
    await db.schema
      .createTable('redaction_locks')
      .addColumn('document_id', 'integer', (c) => c.primaryKey())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .execute();
  },
};

/**
 * Leases on jobs, so workers on many machines share the queue: who holds a running job and until
 * when (milliseconds since 1970 by the database's clock). A lease not renewed in time expires and
 * the job goes back to the queue; `locked_by` stays on a finished job to say who did it.
 */
const jobLeases: Migration = {
  async up(db) {
    await db.schema.alterTable('jobs').addColumn('locked_by', 'text').execute();
    await db.schema.alterTable('jobs').addColumn('locked_until', 'bigint').execute();
  },
};

/** The public site: stories, comments, cookie-less views, published documents, daily salts; public notes. */
const site: Migration = {
  async up(db) {
    const pg = isPostgres(db);
    const key = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
    const id = pg ? 'serial' : 'integer';
    await db.schema
      .createTable('stories')
      .addColumn('id', id, key)
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('dek', 'text')
      .addColumn('byline', 'text')
      .addColumn('date', 'text')
      .addColumn('image_sha256', 'text')
      .addColumn('image_mime', 'text')
      .addColumn('image_alt', 'text')
      .addColumn('image_credit', 'text')
      .addColumn('takeaways', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('context', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('comments', 'text', (c) => c.notNull().defaultTo('closed'))
      .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('comments')
      .addColumn('id', id, key)
      .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('visitor', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('moderated_at', 'text')
      .execute();
    await db.schema.createIndex('comments_story').on('comments').columns(['story_id', 'status']).execute();
    await db.schema.createIndex('comments_visitor').on('comments').columns(['visitor', 'created_at']).execute();
    await db.schema
      .createTable('story_views')
      .addColumn('id', id, key)
      .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id'))
      .addColumn('visitor', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('story_views_story').on('story_views').columns(['story_id', 'at']).execute();
    await db.schema.createIndex('story_views_visitor').on('story_views').columns(['visitor', 'story_id', 'at']).execute();
    await db.schema
      .createTable('publications')
      .addColumn('document_id', 'integer', (c) => c.primaryKey().references('documents.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('derivative_sha256', 'text', (c) => c.notNull())
      .addColumn('pages', 'text', (c) => c.notNull())
      .addColumn('translation', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('lang', 'text')
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('site_secrets')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('notes').addColumn('public', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
};

/**
 * State that several `dossier serve` processes behind a proxy must share: failed sign-ins (the
 * login throttle), and jobs that are not about one document (an upload's ingest: its id is in the
 * payload), so `jobs.document_id` may be null. SQLite cannot drop NOT NULL: the table is rebuilt.
 */
const serverState: Migration = {
  async up(db) {
    await db.schema
      .createTable('login_failures')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('last_at', 'bigint', (c) => c.notNull())
      .addColumn('locked_until', 'bigint', (c) => c.notNull())
      .execute();
    if (isPostgres(db)) {
      await sql`ALTER TABLE jobs ALTER COLUMN document_id DROP NOT NULL`.execute(db);
      return;
    }
    await sql`CREATE TABLE jobs_new (id integer PRIMARY KEY AUTOINCREMENT, kind text NOT NULL, document_id integer REFERENCES documents(id), state text NOT NULL, attempts integer NOT NULL DEFAULT 0, error text, updated_at text NOT NULL, payload text, locked_by text, locked_until bigint)`.execute(db);
    await sql`INSERT INTO jobs_new (id, kind, document_id, state, attempts, error, updated_at, payload, locked_by, locked_until) SELECT id, kind, document_id, state, attempts, error, updated_at, payload, locked_by, locked_until FROM jobs`.execute(db);
    await sql`DROP TABLE jobs`.execute(db);
    await sql`ALTER TABLE jobs_new RENAME TO jobs`.execute(db);
    await db.schema.createIndex('jobs_state').on('jobs').columns(['state', 'kind', 'id']).execute();
    await db.schema.createIndex('jobs_document_kind').unique().on('jobs').columns(['document_id', 'kind']).execute();
  },
};

/** Progress stored with the job (JSON, decoded in platform/queue/job-codec.ts), so any machine shows or resumes it. */
const jobProgress: Migration = {
  async up(db) {
    await db.schema.alterTable('jobs').addColumn('progress', 'text').execute();
  },
};

/** Lines a collection repeats in many documents (menus, footers, signatures): see index/boilerplate-lines.ts. */
const boilerplate: Migration = {
  async up(db) {
    await db.schema
      .createTable('boilerplate_blocks')
      .addColumn('collection_id', 'integer', (c) => c.notNull().references('collections.id'))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('documents', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('boilerplate_blocks_pk', ['collection_id', 'key'])
      .execute();
  },
};

/**
 * Boilerplate counted as documents arrive instead of over the whole collection on every ingest:
 * how many documents carry each line (by a 52-bit hash of its key; the key itself is kept from
 * its second document on, so lines seen once cost a few bytes), how far each collection's
 * counting and indexing have got, and which lines each document was split by (see jobs/boilerplate.ts).
 */
const boilerplateCounts: Migration = {
  async up(db) {
    await db.schema
      .createTable('boilerplate_lines')
      .addColumn('collection_id', 'integer', (c) => c.notNull().references('collections.id'))
      .addColumn('hash', 'bigint', (c) => c.notNull())
      .addColumn('documents', 'integer', (c) => c.notNull())
      .addColumn('key', 'text')
      .addColumn('text', 'text')
      .addPrimaryKeyConstraint('boilerplate_lines_pk', ['collection_id', 'hash'])
      .execute();
    await db.schema.createIndex('boilerplate_lines_repeated').on('boilerplate_lines').columns(['collection_id', 'documents']).where(sql.ref('key'), 'is not', null).execute();
    await db.schema
      .createTable('boilerplate_state')
      .addColumn('collection_id', 'integer', (c) => c.primaryKey().references('collections.id'))
      .addColumn('counted_through', 'integer', (c) => c.notNull())
      .addColumn('indexed_through', 'integer', (c) => c.notNull())
      .addColumn('documents', 'integer', (c) => c.notNull())
      .execute();
    // Which lines each document's index rows were split by (no row: none), so detection re-indexes only what differs.
    await db.schema
      .createTable('boilerplate_indexed')
      .addColumn('document_id', 'integer', (c) => c.primaryKey().references('documents.id'))
      .addColumn('fingerprint', 'bigint', (c) => c.notNull())
      .execute();
  },
};

/** Migrations in order. Append only: a released migration is never edited. */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-search-facets': searchFacets,
  '0003-ocr': ocr,
  '0004-workbench': workbench,
  '0005-entities': entities,
  '0006-verify': verify,
  '0007-translate': translate,
  '0008-redact': redact,
  '0009-site': site,
  '0010-job-leases': jobLeases,
  '0011-server-state': serverState,
  '0012-job-progress': jobProgress,
  '0013-boilerplate': boilerplate,
  '0014-boilerplate-counts': boilerplateCounts,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
