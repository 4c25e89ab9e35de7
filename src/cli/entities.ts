import { operator } from '../domain/actor.js';
import { DossierError } from '../domain/errors.js';
import { applyEntityMerge, applyEntitySplit } from '../index/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';

function idOf(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id < 1) throw new DossierError('invalid_argument', `an entity id is a positive whole number, got "${text}"`);
  return id;
}

/** `dossier entities`: people, places and organisations with their forms and document counts. */
export async function entitiesListCommand(app: App, options: { json?: boolean; type?: string; q?: string; limit?: string; offset?: string }): Promise<void> {
  const { total, entities } = await app.records.read.entities.list({ type: options.type, q: options.q, limit: Number(options.limit ?? 50), offset: Number(options.offset ?? 0) });
  if (options.json) {
    for (const e of entities) printJson(e);
    return;
  }
  console.log(`${total} entit${total === 1 ? 'y' : 'ies'}${options.type ? ` of type ${options.type.toUpperCase()}` : ''}${options.q ? ` matching "${options.q}"` : ''}`);
  for (const e of entities) {
    const others = e.aliases.filter((a) => a !== e.name).slice(0, 6);
    console.log(`${String(e.id).padStart(6)}  ${e.type.padEnd(12)} ${e.name}${others.length ? `  (${others.join(', ')})` : ''}  · ${e.documents} document${e.documents === 1 ? '' : 's'}, ${e.mentions} mention${e.mentions === 1 ? '' : 's'}${e.confidence < 1 ? ` · confidence ${e.confidence}` : ''}`);
  }
}

/** `dossier entities show ID`: mentions in context, documents, entities seen with it, timeline. */
export async function entitiesShowCommand(app: App, idText: string, options: { json?: boolean }): Promise<void> {
  const detail = await app.records.read.entities.detail(idOf(idText));
  if (!detail) throw new DossierError('not_found', `no entity ${idText}`);
  if (options.json) return printJson(detail);
  console.log(`#${detail.id} ${detail.name}  ${detail.type}  · ${detail.documents} documents, ${detail.mentions} mentions${detail.confidence < 1 ? ` · confidence ${detail.confidence}` : ''}`);
  console.log(`  forms: ${detail.aliases.join(', ')}`);
  console.log('\nDocuments:');
  for (const d of detail.documentList.slice(0, 20)) console.log(`  [${d.id}] ${d.title ?? d.path}  ${d.date ?? ''} ${d.lang ?? ''} · ${d.mentions}×`);
  console.log('\nMentions:');
  for (const m of detail.mentionList.slice(0, 20)) console.log(`  [${m.documentId} p${m.page}] …${m.before}«${m.text}»${m.after}…`);
  if (detail.cooccurring.length) console.log(`\nAppears with: ${detail.cooccurring.slice(0, 15).map((c) => `${c.name} (${c.documents})`).join(', ')}`);
  if (detail.timeline.length) console.log(`\nTimeline: ${detail.timeline.map((t) => `${t.period}: ${t.mentions}`).join(' · ')}${detail.undated ? ` · undated documents: ${detail.undated}` : ''}`);
}

/** `dossier entities merge ID ID…`: the others join the first; kept when documents are analysed again. */
export async function entitiesMergeCommand(app: App, ids: string[], options: { user?: string; json?: boolean }): Promise<void> {
  const { into, summary } = await applyEntityMerge(app.records, { actor: operator(options.user ?? process.env.USER ?? 'cli'), ids: ids.map(idOf) });
  if (options.json) return printJson({ into, ...summary });
  console.log(`Merged into entity ${into}. ${summary.entities} entities now.`);
}

/** `dossier entities split ID FORM`: that form's mentions become an entity of their own. */
export async function entitiesSplitCommand(app: App, idText: string, form: string, options: { user?: string; json?: boolean }): Promise<void> {
  const { entity, summary } = await applyEntitySplit(app.records, { actor: operator(options.user ?? process.env.USER ?? 'cli'), id: idOf(idText), form });
  if (options.json) return printJson({ entity, ...summary });
  console.log(`"${form}" is now entity ${entity ?? '?'}. ${summary.entities} entities now.`);
}
