import { type Kysely, type Migration, type MigrationProvider } from 'kysely';

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

/** Migrations in order. Append only: a released migration is never edited. */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-search-facets': searchFacets,
  '0003-ocr': ocr,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
