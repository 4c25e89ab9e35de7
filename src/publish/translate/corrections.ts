/**
 * Editors' corrections: edit a translation, set its status, split a group before a sentence,
 * merge a group with the next, move a translated sentence across a group's edge. Each names the
 * original's sentence it starts from by (page, index) and its text, so that after a re-import
 * (a fresh alignment) every correction is replayed in order on the sentences it was made on; one
 * whose sentence is gone is skipped and counted.
 */
import { DossierError } from '../../domain/errors.js';
import type { Correction } from '../../domain/translation.js';
import type { Group } from './segment-groups.js';
import { splitSentences } from './segment-sentences.js';

function locate(groups: Group[], c: { page: number; index: number; source: string }): { g: number; m: number } | null {
  for (let g = 0; g < groups.length; g++) {
    const m = groups[g]!.members.findIndex((x) => x.page === c.page && x.index === c.index && x.source === c.source);
    if (m >= 0) return { g, m };
  }
  return null;
}

const joinTargets = (a: string | null, b: string | null) => [a, b].filter((t): t is string => Boolean(t && t.trim())).join(' ') || null;

/** Apply one correction to the groups (in place); throws a DossierError saying why it cannot apply. */
export function applyCorrection(groups: Group[], c: Correction, by: string, at: string): void {
  const where = locate(groups, c);
  if (!where) throw new DossierError('conflict', `segment ${c.page}.${c.index} no longer exists (the original or its alignment changed); reload the translation`);
  const group = groups[where.g]!;
  const touch = (g: Group) => {
    g.updatedBy = by;
    g.updatedAt = at;
    g.note = null;
  };
  switch (c.kind) {
    case 'edit': {
      const target = c.target.trim();
      group.target = target || null;
      group.status = target ? (c.status === 'untranslated' ? 'draft' : c.status) : 'untranslated';
      touch(group);
      return;
    }
    case 'status': {
      if (group.target === null && c.status !== 'untranslated') throw new DossierError('conflict', `segment ${c.page}.${c.index} has no translation to mark ${c.status}`);
      group.status = c.status;
      touch(group);
      return;
    }
    case 'split': {
      if (where.m === 0) throw new DossierError('conflict', `segment ${c.page}.${c.index} already starts its group: there is nothing to split`);
      const rest: Group = { ...group, members: group.members.slice(where.m), target: c.targets[1].trim() || null };
      group.members = group.members.slice(0, where.m);
      group.target = c.targets[0].trim() || group.target;
      for (const g of [group, rest]) {
        if (g.target === null) g.status = 'untranslated';
        else if (g.status === 'untranslated' || g.status === 'reviewed') g.status = 'draft';
        touch(g);
      }
      groups.splice(where.g + 1, 0, rest);
      return;
    }
    case 'merge': {
      const next = groups[where.g + 1];
      if (!next) throw new DossierError('conflict', `segment ${c.page}.${c.index} is in the last group: there is nothing to merge it with`);
      group.members.push(...next.members.filter((m) => m.index !== null || m.source !== ''));
      group.target = joinTargets(group.target, next.target);
      group.status = group.target === null ? 'untranslated' : 'draft';
      touch(group);
      groups.splice(where.g + 1, 1);
      return;
    }
    case 'relink': {
      const neighbour = c.move === 'to-previous' ? groups[where.g - 1] : groups[where.g + 1];
      if (!neighbour) throw new DossierError('conflict', `segment ${c.page}.${c.index} has no ${c.move === 'to-previous' ? 'previous' : 'next'} group to move a sentence to`);
      const sentences = splitSentences(group.target ?? '', 'en');
      const moved = c.move === 'to-previous' ? sentences.shift() : sentences.pop();
      if (!moved) throw new DossierError('conflict', `segment ${c.page}.${c.index} has no translated sentence to move`);
      neighbour.target = c.move === 'to-previous' ? joinTargets(neighbour.target, moved) : joinTargets(moved, neighbour.target);
      group.target = sentences.join(' ') || null;
      for (const g of [group, neighbour]) {
        g.status = g.target === null ? 'untranslated' : 'draft';
        touch(g);
      }
      return;
    }
  }
}

/** Replay stored corrections on a fresh alignment; those whose sentence is gone are skipped. */
export function replayCorrections(groups: Group[], corrections: Array<{ correction: Correction; username: string; createdAt: string }>): { replayed: number; skipped: number } {
  let replayed = 0;
  let skipped = 0;
  for (const c of corrections) {
    try {
      applyCorrection(groups, c.correction, c.username, c.createdAt);
      replayed++;
    } catch (error) {
      if (!(error instanceof DossierError)) throw error;
      skipped++;
    }
  }
  return { replayed, skipped };
}
