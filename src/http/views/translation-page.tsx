import type { AidedPiece } from '../../publish/index.js';
import type { SegmentStatus, StoredSegment, TranslationRecord } from '../../domain/translation.js';
import type { SessionUser } from '../context.js';
import { Layout } from './layout.js';

export interface TranslationPageProps {
  document: { id: number; title: string };
  translation: TranslationRecord | null;
  segments: StoredSegment[];
  /** The reading aid of each source sentence (by its position), when "show pinyin" is on. */
  aid: Map<number, AidedPiece[]> | null;
  canEdit: boolean;
  machineAvailable: boolean;
  user: SessionUser;
  csrf: string | null;
  nonce?: string;
}

export const STATUS_LABEL: Record<SegmentStatus, string> = {
  untranslated: 'Untranslated',
  machine: 'Machine translation — not reviewed',
  draft: 'Draft',
  reviewed: 'Reviewed',
};

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');
const segId = (s: StoredSegment) => `${s.page}.${s.index ?? '-'}`;

/** Chinese words with pinyin over them (ruby) and the CC-CEDICT gloss as a keyboard-focusable popover. */
export function AidedText({ pieces }: { pieces: AidedPiece[] }) {
  return (
    <>
      {pieces.map((p) =>
        p.pinyin ? (
          <span class="aid-word" tabindex={0}>
            <ruby>{p.text}<rp>(</rp><rt>{p.pinyin}</rt><rp>)</rp></ruby>
            <span class="aid-gloss" role="note">{p.pinyin}: {p.gloss}</span>
          </span>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

function SegmentForm({ documentId, s, csrf }: { documentId: number; s: StoredSegment; csrf: string | null }) {
  const action = `/documents/${documentId}/translation/segments/${s.page}.${s.index}`;
  const hidden = <input type="hidden" name="csrf" value={csrf ?? ''} />;
  return (
    <details class="segment-edit">
      <summary>Edit segment {segId(s)}</summary>
      <form method="post" action={action} class="segment-form">
        {hidden}
        <input type="hidden" name="op" value="edit" />
        <label for={`t-${s.page}-${s.index}`}>Translation of the group</label>
        <textarea id={`t-${s.page}-${s.index}`} name="target" rows={3} lang="en">{s.target ?? ''}</textarea>
        <label for={`st-${s.page}-${s.index}`}>Status</label>{' '}
        <select id={`st-${s.page}-${s.index}`} name="status">
          <option value="draft" selected={s.status !== 'reviewed'}>Draft</option>
          <option value="reviewed" selected={s.status === 'reviewed'}>Reviewed</option>
        </select>{' '}
        <button type="submit">Save</button>
      </form>
      <div class="segment-ops">
        {(['merge', 'split'] as const).map((op) => (
          <form method="post" action={action} class="inline-form">
            {hidden}
            <input type="hidden" name="op" value={op} />
            <button type="submit">{op === 'merge' ? 'Merge with the next group' : 'Split the group before this sentence'}</button>
          </form>
        ))}
        {(['previous', 'next'] as const).map((to) => (
          <form method="post" action={action} class="inline-form">
            {hidden}
            <input type="hidden" name="op" value="relink" />
            <input type="hidden" name="to" value={to} />
            <button type="submit">{to === 'previous' ? 'Move first sentence to the previous group' : 'Move last sentence to the next group'}</button>
          </form>
        ))}
      </div>
    </details>
  );
}

/** /documents/ID/translation: original and translation side by side, segment by segment. */
export function TranslationPage(props: TranslationPageProps) {
  const { document: doc, translation, segments, aid, canEdit } = props;
  const reviewed = segments.filter((s) => s.target !== null && s.status === 'reviewed').length;
  const machine = segments.filter((s) => s.status === 'machine').length;
  const pinyinHref = `/documents/${doc.id}/translation${aid ? '' : '?pinyin=1'}`;
  return (
    <Layout title={`Translation of ${doc.title}`} user={props.user} csrf={props.csrf} nonce={props.nonce}>
      <article class="translation" data-document-id={String(doc.id)}>
        <p class="breadcrumb"><a href={`/documents/${doc.id}`}>{doc.title}</a> › Translation</p>
        <h1>Translation of {doc.title}</h1>
        {translation ? (
          <p class="translation-summary">
            From {translation.origin === 'machine' ? `machine translation (${translation.sourceRef})` : translation.origin === 'document' ? <a href={`/documents/${translation.sourceRef}`}>document {translation.sourceRef}</a> : `the file ${translation.sourceRef}`}
            {' · '}{segments.length} segments, {reviewed} reviewed{machine ? `, ${machine} machine-translated (not reviewed)` : ''} · updated {when(translation.updatedAt)}
          </p>
        ) : (
          <p>This document has no translation yet.</p>
        )}
        {translation?.lastError ? <p class="alert" role="alert">The last machine translation failed: {translation.lastError}</p> : null}
        <p class="translation-tools">
          <a class="button" href={pinyinHref} aria-pressed={aid ? 'true' : 'false'}>{aid ? 'Hide pinyin' : 'Show pinyin'}</a>
          {aid ? <span class="muted"> Pinyin and glosses from <a href="https://cc-cedict.org/wiki/">CC-CEDICT</a> (© MDBG, CC BY-SA 4.0).</span> : null}
        </p>
        {canEdit ? (
          <section class="translation-import" aria-labelledby="import-h">
            <h2 id="import-h">Import or translate</h2>
            <form method="post" action={`/documents/${doc.id}/translation/import`} class="inline-form">
              <input type="hidden" name="csrf" value={props.csrf ?? ''} />
              <label for="from-doc">Translated document id</label>{' '}
              <input id="from-doc" name="from" type="number" min={1} inputmode="numeric" required />{' '}
              <button type="submit">Align with this document</button>
            </form>
            {props.machineAvailable ? (
              <form method="post" action={`/documents/${doc.id}/translation/machine`} class="inline-form">
                <input type="hidden" name="csrf" value={props.csrf ?? ''} />
                <button type="submit">Machine-translate the untranslated segments</button>
              </form>
            ) : (
              <p class="muted">Machine translation is off (no DOSSIER_MT_URL): nothing leaves this server.</p>
            )}
          </section>
        ) : null}
        {segments.length ? (
          <ol class="aligned" aria-label="Segments, original beside translation">
            {segments.map((s, position) => (
              <li id={`seg-${s.page}-${s.index ?? `x${position}`}`} class={`segment status-${s.status}`} data-group={String(s.group)}>
                <div class="seg-source" lang="zh">
                  <span class="seg-id muted">{segId(s)}</span> {s.source ? (aid?.get(position) ? <AidedText pieces={aid.get(position)!} /> : s.source) : <em class="muted" lang="en">(no original: a translated sentence on its own)</em>}
                </div>
                <div class="seg-target" lang="en">
                  {s.target !== null ? (
                    <>
                      <p>{s.target}</p>
                      <p class={`seg-status status-${s.status}`}>
                        <strong>{STATUS_LABEL[s.status]}</strong> · {s.updatedBy} · <time datetime={s.updatedAt}>{when(s.updatedAt)}</time>
                      </p>
                    </>
                  ) : segments[position - 1]?.group === s.group ? (
                    <p class="muted">(translated with the sentence above)</p>
                  ) : (
                    <p class="muted">Untranslated{s.note ? `: ${s.note}` : ''}</p>
                  )}
                  {canEdit && s.index !== null ? <SegmentForm documentId={doc.id} s={s} csrf={props.csrf} /> : null}
                </div>
              </li>
            ))}
          </ol>
        ) : null}
      </article>
    </Layout>
  );
}
