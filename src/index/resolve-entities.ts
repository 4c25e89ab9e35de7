import { foldLatinName, foldText, pinyinKeyOfHan, pinyinKeyOfLatin } from '../analyse/index.js';
import type { Records, Repositories } from '../platform/db/records.js';

export type { EntityDecision, EntityRef } from '../platform/db/repositories/entities-repository.js';

export interface ResolveSummary {
  entities: number;
  /** Latin names linked to the one Han name their pinyin spells. */
  linked: number;
  /** Editors' merges and splits applied. */
  merged: number;
  split: number;
  /** Entities left without mentions, removed. */
  removed: number;
}

/** A form of a name folded for comparison: simplified Han without separators, or folded Latin. */
export function foldForm(text: string): string {
  return /\p{Script=Han}/u.test(text) ? foldText(text).replace(/[\s·•‧・]+/g, '') : foldLatinName(text);
}

/**
 * Resolve names to entities across documents, after the mentions of new or re-analysed documents
 * are stored: link each Latin name whose pinyin spells exactly one Han name of the same type
 * (Chen Quanguo → 陈全国; never when two Han names share the pinyin), replay editors' merges and
 * splits in the order they were made, drop entities without mentions, and refresh each entity's
 * forms. Deterministic: running it twice changes nothing. One write transaction.
 */
export async function resolveEntities(records: Pick<Records, 'transact'>): Promise<ResolveSummary> {
  return records.transact((tx) => resolveEntitiesIn(tx));
}

/** The same inside the caller's transaction (an editor's decision and its effect commit together). */
export async function resolveEntitiesIn(tx: Pick<Repositories, 'entities'>): Promise<ResolveSummary> {
  const entities = tx.entities;
  // A whole-database step: on PostgreSQL (several ingests and workers) one at a time.
  await entities.lockForResolution();
  const summary: ResolveSummary = { entities: 0, linked: 0, merged: 0, split: 0, removed: 0 };
  const decisions = await entities.decisions();
  // A form an editor split off an entity must not be linked back to it automatically.
  const splitOff = new Set(decisions.filter((d) => d.kind === 'split').map((d) => `${d.from.type}\u0000${d.from.key}\u0000${d.form}`));

  const all = await entities.all();
  const hanByPinyin = new Map<string, Array<{ id: number; key: string; confidence: number }>>();
  for (const e of all) {
    if (e.key.includes(':')) continue;
    const py = pinyinKeyOfHan(e.key);
    if (!py) continue;
    const k = `${e.type}\u0000${py}`;
    hanByPinyin.set(k, [...(hanByPinyin.get(k) ?? []), e]);
  }
  for (const e of all) {
    const latin = e.key.startsWith('latin:') ? e.key.slice('latin:'.length) : null;
    if (!latin) continue;
    const words = latin.split(' ');
    const spellings = [e.key, ...(words.length === 2 ? [`latin:${words[1]} ${words[0]}`] : [])].map(pinyinKeyOfLatin).filter((p): p is string => p !== null);
    const targets = new Map<number, { id: number; key: string; confidence: number }>();
    for (const py of spellings) for (const t of hanByPinyin.get(`${e.type}\u0000${py}`) ?? []) targets.set(t.id, t);
    if (targets.size !== 1) continue;
    const [target] = [...targets.values()];
    if (!target || splitOff.has(`${e.type}\u0000${target.key}\u0000${latin}`)) continue;
    await entities.moveMentions(e.id, target.id);
    // Same pinyin is good evidence, not proof: say so.
    await entities.setConfidence(target.id, Math.min(target.confidence, 0.75));
    summary.linked++;
  }

  for (const decision of decisions) {
    if (decision.kind === 'merge') {
      const into = await entities.find(decision.into);
      if (!into) continue;
      for (const ref of decision.from) {
        const from = await entities.find(ref);
        if (!from || from.id === into.id) continue;
        await entities.moveMentions(from.id, into.id);
        summary.merged++;
      }
      // An editor's decision is certain.
      await entities.setConfidence(into.id, 1);
    } else {
      const from = await entities.find(decision.from);
      if (!from) continue;
      const moving = (await entities.mentionTexts(from.id)).filter((t) => foldForm(t) === decision.form);
      if (moving.length === 0) continue;
      const key = `split:${decision.form}`;
      await entities.ensure({ type: decision.from.type, key, name: moving[0]!, aliases: moving, confidence: 1 }, new Date().toISOString());
      const target = await entities.find({ type: decision.from.type, key });
      if (!target) continue;
      await entities.moveMentionTexts(from.id, target.id, moving);
      summary.split++;
    }
  }

  summary.removed = await entities.removeOrphans();
  await refreshForms(tx);
  summary.entities = await entities.count();
  return summary;
}

/** Each entity's forms, most frequent first, and its name: the Han form when it has one. */
async function refreshForms(tx: Pick<Repositories, 'entities'>): Promise<void> {
  for (const e of await tx.entities.forms()) {
    const forms = e.forms.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
    const aliases = JSON.stringify(forms.slice(0, 50));
    // The Han form as the documents write it most often; else the commonest spelling.
    const han = e.key.includes(':') ? null : (forms.find((f) => /\p{Script=Han}/u.test(f)) ?? e.key);
    const name = han ?? forms[0] ?? e.name;
    if (aliases !== e.aliases || name !== e.name) await tx.entities.setForms(e.id, name, aliases);
  }
}

