import { scopeIds } from '../accounts/index.js';
import type { Records } from '../platform/db/records.js';
import type { Access } from './context.js';

export interface ThreadMessage {
  id: number;
  title: string | null;
  path: string;
  from: string | null;
  date: string | null;
  messageId: string | null;
}

const idsOf = (value: unknown): string[] => (Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s+/) : []).filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length < 1000);

/**
 * The email thread of a message, among the documents the user may see: messages linked to it by
 * Message-ID, In-Reply-To and References (as the email extractor stores them in metadata),
 * followed for a few rounds so that replies to replies join. Oldest first. Empty when the
 * document is not a message or nothing links to it.
 */
export async function findEmailThread(records: Pick<Records, 'read'>, access: Access, metadata: Record<string, unknown>, limit = 200): Promise<ThreadMessage[]> {
  if (!access.all && access.collectionIds.length === 0) return [];
  const known = new Set([...idsOf(metadata.messageId), ...idsOf(metadata.inReplyTo), ...idsOf(metadata.references)]);
  if (known.size === 0) return [];
  const found = new Map<number, ThreadMessage>();
  for (let round = 0; round < 4; round++) {
    const rows = await records.read.documentView.messagesLinkedTo([...known].slice(0, 500), scopeIds(access), limit);
    const before = known.size;
    for (const row of rows) {
      const meta = row.metadata;
      const messageId = idsOf(meta.messageId)[0] ?? null;
      found.set(row.id, { id: row.id, title: row.title ?? (typeof meta.subject === 'string' ? meta.subject : null), path: row.path, from: typeof meta.from === 'string' ? meta.from : null, date: row.date ?? (typeof meta.date === 'string' ? meta.date : null), messageId });
      for (const id of [...idsOf(meta.messageId), ...idsOf(meta.inReplyTo), ...idsOf(meta.references)]) known.add(id);
    }
    if (known.size === before || found.size >= limit) break;
  }
  return [...found.values()].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id - b.id);
}
