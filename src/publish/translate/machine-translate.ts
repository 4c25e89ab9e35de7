/**
 * `translate.machine`: untranslated segments sent to a LibreTranslate-compatible service the
 * newsroom runs itself (POST /translate {q: [...], source, target, format: "text"} →
 * {translatedText: [...]}). Never by default: without DOSSIER_MT_URL there is no service and
 * nothing leaves the machine. Each call is audited before it is made (host, document, the
 * segments sent). All or nothing: if a call times out, fails or answers something that is not
 * one translation per segment, no translation is stored, the segments stay untranslated with
 * the reason, and the command fails with a clear error.
 */
import { auditUser, type Actor } from '../../domain/actor.js';
import { DossierError } from '../../domain/errors.js';
import { alignSentences } from './align-sentences.js';
import { fromGroups, groupsOfLinks, toGroups, type Group } from './segment-groups.js';
import { refreshIndex, requireEditor, sourceSentences, translatableDocument, type TranslationIndex, type TranslationRecords } from './translation-records.js';

export interface MachineService {
  /** The service's base URL (…/translate is added when missing). */
  url: URL;
  timeoutMs: number;
}

/** The service named by DOSSIER_MT_URL (and DOSSIER_MT_TIMEOUT_MS), or null when unset. */
export function machineServiceFrom(env: Record<string, string | undefined>): MachineService | null {
  const text = env.DOSSIER_MT_URL?.trim();
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DossierError('invalid_argument', `DOSSIER_MT_URL is not a URL: "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DossierError('invalid_argument', 'DOSSIER_MT_URL must be an http or https URL');
  const timeout = Number(env.DOSSIER_MT_TIMEOUT_MS ?? 30_000);
  if (!Number.isInteger(timeout) || timeout < 1) throw new DossierError('invalid_argument', 'DOSSIER_MT_TIMEOUT_MS must be a positive whole number of milliseconds');
  return { url, timeoutMs: timeout };
}

const BATCH = 20;

function endpoint(service: MachineService): string {
  const url = new URL(service.url);
  if (!url.pathname.replace(/\/+$/, '').endsWith('/translate')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/translate`;
  return url.toString();
}

async function callService(service: MachineService, texts: string[], source: string): Promise<string[]> {
  let response: Response;
  try {
    response = await fetch(endpoint(service), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: texts, source, target: 'en', format: 'text' }),
      signal: AbortSignal.timeout(service.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    throw new Error(name === 'TimeoutError' || name === 'AbortError' ? `did not answer within ${service.timeoutMs} ms` : `could not be reached (${(error as Error).message})`);
  }
  const body = await response.text().catch(() => '');
  if (!response.ok) throw new Error(`answered HTTP ${response.status}${body ? `: ${body.slice(0, 200)}` : ''}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error('answered something that is not JSON');
  }
  const out = (parsed as { translatedText?: unknown } | null)?.translatedText;
  if (!Array.isArray(out) || out.length !== texts.length || !out.every((t) => typeof t === 'string')) throw new Error(`did not answer one translation per segment (sent ${texts.length})`);
  return out as string[];
}

export interface MachineSummary {
  documentId: number;
  host: string;
  translated: number;
  calls: number;
}

export async function applyMachineTranslation(records: TranslationRecords, input: { actor: Actor; documentId: number; service: MachineService | null; index?: TranslationIndex }): Promise<MachineSummary> {
  requireEditor(input.actor);
  if (!input.service) throw new DossierError('invalid_argument', 'machine translation is off: set DOSSIER_MT_URL to a LibreTranslate-compatible service that you run (nothing is sent anywhere otherwise)');
  const service = input.service;
  const host = service.url.host;
  const { doc, pages } = await translatableDocument(records, input.documentId);
  const at = new Date().toISOString();
  const known = await records.read.translations.translation(doc.id);
  // A document without a translation gets one segment per sentence, every one untranslated.
  const groups: Group[] = known
    ? toGroups(await records.read.translations.segments(doc.id))
    : (() => {
        const sources = sourceSentences(pages);
        return groupsOfLinks(sources, [], alignSentences(sources.map((s) => s.source), [], { anchors: false }), input.actor.name, at);
      })();
  const todo = groups.filter((g) => g.status === 'untranslated' && g.members.some((m) => m.source.trim()));
  const results = new Map<Group, string>();
  let calls = 0;
  let failure: string | null = null;
  for (let from = 0; from < todo.length && !failure; from += BATCH) {
    const batch = todo.slice(from, from + BATCH);
    const ids = batch.map((g) => `${g.members[0]!.page}.${g.members[0]!.index ?? '-'}`);
    await records.transact((tx) => tx.audit.append({ ...auditUser(input.actor), action: 'translate.machine', collectionId: doc.collectionId, documentId: doc.id, detail: { host, segments: ids } }));
    calls++;
    try {
      const out = await callService(service, batch.map((g) => g.members.map((m) => m.source).join('')), doc.lang && doc.lang !== 'und' ? doc.lang : 'zh');
      batch.forEach((g, k) => results.set(g, out[k]!.trim()));
    } catch (error) {
      failure = `the translation service at ${host} ${(error as Error).message}`;
    }
  }
  const by = `machine (${host}) for ${input.actor.name}`;
  const keyOf = (g: Group) => g.members.map((m) => `${m.page}.${m.index}:${m.source}`).join('|');
  const outcome = new Map([...todo].map((g) => [keyOf(g), results.get(g)]));
  await records.transact(async (tx) => {
    const current = await tx.translations.translation(doc.id);
    // Apply to what is stored now: an editor may have changed a segment while the service worked.
    const fresh = current ? toGroups(await tx.translations.segments(doc.id)) : groups;
    for (const g of fresh) {
      if (g.status !== 'untranslated' || !outcome.has(keyOf(g))) continue;
      const text = outcome.get(keyOf(g));
      if (failure) g.note = failure;
      else if (text) Object.assign(g, { target: text, status: 'machine', updatedBy: by, updatedAt: at, note: null });
    }
    await tx.translations.save(
      { documentId: doc.id, origin: current?.origin ?? 'machine', sourceRef: current?.sourceRef ?? host, sourceLang: current?.sourceLang ?? doc.lang ?? 'zh', targetLang: 'en', createdAt: current?.createdAt ?? at, updatedAt: at, lastError: failure },
      fromGroups(fresh),
    );
  });
  if (failure) throw new DossierError('conflict', `${failure}; no segment was translated (${todo.length} stay untranslated)`);
  await refreshIndex(records, input.index, doc.id);
  return { documentId: doc.id, host, translated: results.size, calls };
}
