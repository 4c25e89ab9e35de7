/**
 * Entities as readers see them: the list with document counts, and one entity's page — its
 * mentions in context, its documents, the entities that appear with it and when it is mentioned.
 * Only documents of the collections the reader may see count, everywhere. Part of the entities
 * repository (entities-repository.ts); the queries moved here from search/entities.ts unchanged.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { DossierError } from '../../../domain/errors.js';
import type { Database } from '../schema.js';

export interface EntityScope {
  /** Collections the reader may see; undefined for all. */
  allowedCollections?: string[] | undefined;
}

export interface EntitySummary {
  id: number;
  type: string;
  name: string;
  aliases: string[];
  confidence: number;
  documents: number;
  mentions: number;
}

export interface EntityMention {
  documentId: number;
  title: string | null;
  path: string;
  page: number;
  start: number;
  end: number;
  text: string;
  before: string;
  after: string;
}

export interface EntityDetail extends EntitySummary {
  /** Documents mentioning it, most mentions first. */
  documentList: Array<{ id: number; title: string | null; path: string; collection: string; date: string | null; lang: string | null; mentions: number }>;
  mentionList: EntityMention[];
  /** Entities appearing in the same documents, with how many documents they share. */
  cooccurring: Array<{ id: number; type: string; name: string; documents: number }>;
  /** Mentions by month of the documents' own dates (documents without a date are counted apart). */
  timeline: Array<{ period: string; documents: number; mentions: number }>;
  undated: number;
}

type MentionScope = SelectQueryBuilder<Database, 'mentions' | 'documents' | 'collections', object>;

function visible<Q extends MentionScope>(query: Q, scope: EntityScope): Q {
  if (!scope.allowedCollections) return query;
  if (scope.allowedCollections.length === 0) return query.where(sql<boolean>`0 = 1`) as Q;
  return query.where('collections.name', 'in', scope.allowedCollections) as Q;
}

const parseAliases = (json: string): string[] => {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.map(String) : [];
};

/** Entities by how many visible documents mention them; filtered by type and by a name or form. */
async function listEntities(db: Kysely<Database>, options: EntityScope & { type?: string; q?: string; limit?: number; offset?: number } = {}): Promise<{ total: number; entities: EntitySummary[] }> {
  const limit = options.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new DossierError('invalid_argument', `limit must be a whole number from 1 to 1000, got "${options.limit}"`);
  let query = db
    .selectFrom('mentions')
    .innerJoin('documents', 'documents.id', 'mentions.document_id')
    .innerJoin('collections', 'collections.id', 'documents.collection_id')
    .innerJoin('entities', 'entities.id', 'mentions.entity_id');
  query = visible(query, options);
  if (options.type) query = query.where('entities.type', '=', options.type.toUpperCase());
  if (options.q) {
    const like = `%${options.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('entities.name', 'like', like), eb('entities.aliases', 'like', like), eb('entities.key', 'like', like.toLowerCase())]));
  }
  const grouped = query
    .select(['entities.id', 'entities.type', 'entities.name', 'entities.aliases', 'entities.confidence'])
    .select((eb) => [eb.fn.count<number>('mentions.document_id').distinct().as('documents'), eb.fn.countAll<number>().as('mentions')])
    .groupBy('entities.id');
  const total = Number((await db.selectFrom(grouped.as('g')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await grouped.orderBy('documents', 'desc').orderBy('mentions', 'desc').orderBy('entities.id').limit(limit).offset(options.offset ?? 0).execute();
  return {
    total,
    entities: rows.map((r) => ({ id: r.id, type: r.type, name: r.name, aliases: parseAliases(r.aliases), confidence: r.confidence, documents: Number(r.documents), mentions: Number(r.mentions) })),
  };
}

/** One entity's page, or null when it does not exist or no visible document mentions it. */
async function entityDetail(db: Kysely<Database>, id: number, options: EntityScope & { mentionLimit?: number } = {}): Promise<EntityDetail | null> {
  const entity = await db.selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirst();
  if (!entity) return null;
  const base = () => visible(db.selectFrom('mentions').innerJoin('documents', 'documents.id', 'mentions.document_id').innerJoin('collections', 'collections.id', 'documents.collection_id'), options).where('mentions.entity_id', '=', id);
  const documentList = await base()
    .select(['documents.id', 'documents.title', 'documents.path', 'documents.date', 'documents.lang', 'collections.name as collection', (eb) => eb.fn.countAll<number>().as('mentions')])
    .groupBy('documents.id')
    .orderBy('mentions', 'desc')
    .orderBy('documents.id')
    .limit(500)
    .execute();
  if (documentList.length === 0) return null;
  const counts = await base().select([(eb) => eb.fn.count<number>('mentions.document_id').distinct().as('documents'), (eb) => eb.fn.countAll<number>().as('mentions')]).executeTakeFirstOrThrow();
  const mentionRows = await base()
    .select(['mentions.document_id', 'mentions.page', 'mentions.start', 'mentions.end', 'mentions.text', 'documents.title', 'documents.path'])
    .orderBy('documents.date')
    .orderBy('mentions.document_id')
    .orderBy('mentions.page')
    .orderBy('mentions.start')
    .limit(options.mentionLimit ?? 100)
    .execute();
  const pages = mentionRows.length
    ? await db.selectFrom('pages').select(['document_id', 'page', 'text']).where('document_id', 'in', [...new Set(mentionRows.map((m) => m.document_id))]).where('page', 'in', [...new Set(mentionRows.map((m) => m.page))]).execute()
    : [];
  const textOf = new Map(pages.map((p) => [`${p.document_id}:${p.page}`, p.text]));
  const mentionList = mentionRows.map((m) => {
    const text = textOf.get(`${m.document_id}:${m.page}`) ?? '';
    const clip = (s: string) => s.replace(/\s+/g, ' ');
    return { documentId: m.document_id, title: m.title, path: m.path, page: m.page, start: m.start, end: m.end, text: m.text, before: clip(text.slice(Math.max(0, m.start - 60), m.start)), after: clip(text.slice(m.end, m.end + 60)) };
  });
  const together = db
    .selectFrom('mentions as other')
    .innerJoin('entities', 'entities.id', 'other.entity_id')
    .where('other.entity_id', '!=', id)
    .where('other.document_id', 'in', base().select('mentions.document_id'))
    .select(['entities.id', 'entities.type', 'entities.name', (eb) => eb.fn.count<number>('other.document_id').distinct().as('documents')])
    .groupBy('entities.id')
    .orderBy('documents', 'desc')
    .orderBy('entities.id')
    .limit(40);
  const cooccurring = (await together.execute()).map((r) => ({ id: r.id, type: r.type, name: r.name, documents: Number(r.documents) }));
  const months = await base()
    .select([sql<string | null>`substr(documents.date, 1, 7)`.as('period'), (eb) => eb.fn.count<number>('mentions.document_id').distinct().as('documents'), (eb) => eb.fn.countAll<number>().as('mentions')])
    .groupBy(sql`substr(documents.date, 1, 7)`)
    .orderBy('period')
    .execute();
  return {
    id: entity.id, type: entity.type, name: entity.name, aliases: parseAliases(entity.aliases), confidence: entity.confidence,
    documents: Number(counts.documents), mentions: Number(counts.mentions),
    documentList: documentList.map((d) => ({ id: d.id, title: d.title, path: d.path, collection: d.collection, date: d.date, lang: d.lang, mentions: Number(d.mentions) })),
    mentionList, cooccurring,
    timeline: months.filter((m) => m.period).map((m) => ({ period: m.period!, documents: Number(m.documents), mentions: Number(m.mentions) })),
    undated: Number(months.find((m) => !m.period)?.documents ?? 0),
  };
}

export interface DocumentMentions {
  /** Entities named in the document, most mentions first. */
  entities: Array<{ id: number; type: string; name: string; mentions: number; pages: number[] }>;
  /** Patterns found in it: ID numbers, phones, emails, URLs, dates, document numbers, classification marks. */
  patterns: Array<{ type: string; text: string; page: number; start: number; end: number; value: Record<string, unknown> | null }>;
}

/** What was found in one document (its visibility is the caller's to check). */
async function documentMentions(db: Kysely<Database>, documentId: number, patternLimit = 500): Promise<DocumentMentions> {
  const named = await db
    .selectFrom('mentions')
    .innerJoin('entities', 'entities.id', 'mentions.entity_id')
    .select(['entities.id', 'entities.type', 'entities.name', 'mentions.page'])
    .where('mentions.document_id', '=', documentId)
    .execute();
  const byEntity = new Map<number, { id: number; type: string; name: string; mentions: number; pages: Set<number> }>();
  for (const m of named) {
    const e = byEntity.get(m.id) ?? { id: m.id, type: m.type, name: m.name, mentions: 0, pages: new Set<number>() };
    e.mentions++;
    e.pages.add(m.page);
    byEntity.set(m.id, e);
  }
  const patterns = await db
    .selectFrom('mentions')
    .select(['type', 'text', 'page', 'start', 'end', 'value'])
    .where('document_id', '=', documentId)
    .where('entity_id', 'is', null)
    .orderBy('page')
    .orderBy('start')
    .limit(patternLimit)
    .execute();
  return {
    entities: [...byEntity.values()].sort((a, b) => b.mentions - a.mentions || a.id - b.id).map((e) => ({ ...e, pages: [...e.pages].sort((x, y) => x - y) })),
    patterns: patterns.map((p) => ({ ...p, value: p.value ? (JSON.parse(p.value) as Record<string, unknown>) : null })),
  };
}

/** Whether some document the reader may see mentions this entity (the check before an editor acts on it). */
async function entityIsVisible(db: Kysely<Database>, id: number, scope: EntityScope = {}): Promise<boolean> {
  const query = visible(db.selectFrom('mentions').innerJoin('documents', 'documents.id', 'mentions.document_id').innerJoin('collections', 'collections.id', 'documents.collection_id'), scope);
  return (await query.select('mentions.id').where('mentions.entity_id', '=', id).limit(1).executeTakeFirst()) !== undefined;
}

/** The reads of the entity pages, bound to a database handle. */
export interface EntityReads {
  /** Entities by how many visible documents mention them; filtered by type and by a name or form. */
  list(options?: EntityScope & { type?: string; q?: string; limit?: number; offset?: number }): Promise<{ total: number; entities: EntitySummary[] }>;
  /** One entity's page, or null when it does not exist or no visible document mentions it. */
  detail(id: number, options?: EntityScope & { mentionLimit?: number }): Promise<EntityDetail | null>;
  /** What was found in one document (its visibility is the caller's to check). */
  documentMentions(documentId: number, patternLimit?: number): Promise<DocumentMentions>;
  /** Whether some document the reader may see mentions this entity (the check before an editor acts on it). */
  isVisible(id: number, scope?: EntityScope): Promise<boolean>;
}

export const entityReads = (db: Kysely<Database>): EntityReads => ({
  list: (options) => listEntities(db, options),
  detail: (id, options) => entityDetail(db, id, options),
  documentMentions: (documentId, patternLimit) => documentMentions(db, documentId, patternLimit),
  isVisible: (id, scope) => entityIsVisible(db, id, scope),
});
