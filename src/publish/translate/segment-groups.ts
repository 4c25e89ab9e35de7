/**
 * Segments as editors think of them: groups (one link of the alignment each), holding the
 * original's sentences and the one translation they share. Stored rows ↔ groups, and the
 * alignment's links → groups.
 */
import type { SegmentStatus, StoredSegment } from '../../domain/translation.js';
import type { AlignmentLink } from './align-sentences.js';

export interface Member {
  page: number;
  index: number | null;
  source: string;
}

export interface Group {
  members: Member[];
  target: string | null;
  status: SegmentStatus;
  updatedBy: string;
  updatedAt: string;
  note: string | null;
}

export function toGroups(rows: StoredSegment[]): Group[] {
  const groups: Group[] = [];
  let last: number | null = null;
  for (const row of rows) {
    const current = groups[groups.length - 1];
    if (current && row.group === last) {
      current.members.push({ page: row.page, index: row.index, source: row.source });
      continue;
    }
    groups.push({ members: [{ page: row.page, index: row.index, source: row.source }], target: row.target, status: row.status, updatedBy: row.updatedBy, updatedAt: row.updatedAt, note: row.note });
    last = row.group;
  }
  return groups;
}

/** Rows in reading order; groups numbered from 1; the translation on each group's first row. */
export function fromGroups(groups: Group[]): StoredSegment[] {
  return groups.flatMap((g, n) =>
    g.members.map((m, k) => ({
      page: m.page, index: m.index, source: m.source, target: k === 0 ? g.target : null, status: g.status, group: n + 1,
      updatedBy: g.updatedBy, updatedAt: g.updatedAt, note: k === 0 ? g.note : null,
    })),
  );
}

/** An original's sentence with its stable id. */
export interface SourceSentence {
  page: number;
  index: number;
  source: string;
}

/** The alignment's links as groups: 1-0 untranslated, 0-1 a translated sentence with no original (on the page before it). */
export function groupsOfLinks(sources: SourceSentence[], targets: string[], links: AlignmentLink[], by: string, at: string, status: SegmentStatus = 'draft'): Group[] {
  let page = sources[0]?.page ?? 1;
  return links.map((link) => {
    const members: Member[] = link.source.map((i) => {
      const s = sources[i]!;
      page = s.page;
      return { page: s.page, index: s.index, source: s.source };
    });
    const target = link.target.length ? link.target.map((j) => targets[j]!).join(' ') : null;
    return { members: members.length ? members : [{ page, index: null, source: '' }], target, status: target === null ? 'untranslated' : status, updatedBy: by, updatedAt: at, note: null };
  });
}
