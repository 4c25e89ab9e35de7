import type { EntityDetail, EntitySummary } from '../../search/index.js';
import type { SessionUser } from '../context.js';
import { EntityNetwork } from './entity-network.js';
import { assetUrl } from '../routes/assets.js';
import { Layout } from './layout.js';
import { TimelineChart } from './timeline-chart.js';

const TYPE_LABEL: Record<string, string> = { PERSON: 'Person', LOCATION: 'Place', ORGANIZATION: 'Organisation' };

export interface EntityListProps {
  user: SessionUser;
  csrf: string | null;
  entities: EntitySummary[];
  total: number;
  type: string;
  q: string;
  page: number;
  perPage: number;
}

/** People, places and organisations in the documents the user may see, most documents first. */
export function EntityListPage(p: EntityListProps) {
  const link = (page: number) => `/entities?${new URLSearchParams({ ...(p.type ? { type: p.type } : {}), ...(p.q ? { q: p.q } : {}), page: String(page) })}`;
  const pages = Math.max(1, Math.ceil(p.total / p.perPage));
  const mayEdit = p.user.role === 'admin' || p.user.role === 'editor';
  return (
    <Layout title="Entities" user={p.user} csrf={p.csrf}>
      <link rel="stylesheet" href={assetUrl('entities.css')} />
      <h1>People, places and organisations</h1>
      <form method="get" action="/entities" class="filters">
        <label for="entity-q">Name or form</label>
        <input id="entity-q" type="search" name="q" value={p.q} />
        <label for="entity-type">Type</label>
        <select id="entity-type" name="type">
          <option value="" selected={!p.type}>any</option>
          {Object.entries(TYPE_LABEL).map(([value, label]) => <option value={value} selected={p.type === value}>{label}</option>)}
        </select>
        <button type="submit">Show</button>
      </form>
      <p>{`${p.total} entit${p.total === 1 ? 'y' : 'ies'}`} · <a href="/watchlists">Watch-lists</a></p>
      <form method="post" action="/entities/merge">
        <input type="hidden" name="csrf" value={p.csrf ?? ''} />
        <table class="entities">
          <caption class="visually-hidden">Entities</caption>
          <thead>
            <tr>{mayEdit ? <th scope="col">Merge</th> : null}<th scope="col">Name</th><th scope="col">Type</th><th scope="col">Other forms</th><th scope="col">Documents</th><th scope="col">Mentions</th></tr>
          </thead>
          <tbody>
            {p.entities.map((e) => (
              <tr>
                {mayEdit ? <td><input type="checkbox" name="ids" value={String(e.id)} aria-label={`merge ${e.name}`} /></td> : null}
                <td><a href={`/entities/${e.id}`} lang={/\p{Script=Han}/u.test(e.name) ? 'zh' : undefined}>{e.name}</a></td>
                <td>{TYPE_LABEL[e.type] ?? e.type}</td>
                <td>{e.aliases.filter((a) => a !== e.name).slice(0, 6).join(', ')}</td>
                <td>{String(e.documents)}</td>
                <td>{String(e.mentions)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {mayEdit && p.entities.length > 1 ? <p><button type="submit">Merge the ticked entities into the first</button></p> : null}
      </form>
      {pages > 1 ? (
        <nav aria-label="Pages of entities" class="pagination">
          {p.page > 1 ? <a href={link(p.page - 1)} rel="prev">Previous</a> : null}
          <span>{`page ${p.page} of ${pages}`}</span>
          {p.page < pages ? <a href={link(p.page + 1)} rel="next">Next</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}

/** One entity: its forms, documents, mentions in context, the entities it appears with, and when. */
export function EntityPage({ user, csrf, entity }: { user: SessionUser; csrf: string | null; entity: EntityDetail }) {
  const mayEdit = user.role === 'admin' || user.role === 'editor';
  const others = entity.aliases.filter((a) => a !== entity.name);
  return (
    <Layout title={entity.name} user={user} csrf={csrf}>
      <link rel="stylesheet" href={assetUrl('entities.css')} />
      <p><a href="/entities">Entities</a></p>
      <h1>{entity.name} <span class="entity-type">{TYPE_LABEL[entity.type] ?? entity.type}</span></h1>
      <p>
        {`${entity.documents} document${entity.documents === 1 ? '' : 's'}, ${entity.mentions} mention${entity.mentions === 1 ? '' : 's'}`}
        {entity.confidence < 1 ? ` · forms linked by pinyin, confidence ${entity.confidence}` : ''}
      </p>
      {others.length ? <p>Also written: {others.join(' · ')}</p> : null}
      <p><a href={`/search?${new URLSearchParams({ q: `"${entity.name}"`, mode: 'cross-script' })}`}>Search for it across scripts</a></p>
      <h2>Appears with</h2>
      {entity.cooccurring.length ? (
        <figure>
          <EntityNetwork centre={{ id: entity.id, name: entity.name, type: entity.type, documents: entity.documents }} nodes={entity.cooccurring} documents={entity.documents} />
          <figcaption>Entities named in the same documents; the nearer and thicker, the more documents they share. <a href="#together">As a list</a>.</figcaption>
        </figure>
      ) : <p>No other entity appears in its documents.</p>}
      <h2>Timeline</h2>
      <TimelineChart name={entity.name} periods={entity.timeline} />
      {entity.undated ? <p>{`${entity.undated} of its documents have no date.`}</p> : null}
      <h2>Mentions</h2>
      <ol class="mentions">
        {entity.mentionList.map((m) => (
          <li>
            <a href={`/documents/${m.documentId}?${new URLSearchParams({ q: `"${m.text}"`, mode: 'exact' })}#page-${m.page}`}>{m.title ?? m.path.split('/').pop()}</a>
            {`, page ${m.page}: `}
            <q>{`…${m.before}`}<mark>{m.text}</mark>{`${m.after}…`}</q>
          </li>
        ))}
      </ol>
      <h2>Documents</h2>
      <table>
        <caption class="visually-hidden">Documents that mention it</caption>
        <thead><tr><th scope="col">Document</th><th scope="col">Collection</th><th scope="col">Date</th><th scope="col">Language</th><th scope="col">Mentions</th></tr></thead>
        <tbody>
          {entity.documentList.map((d) => (
            <tr><td><a href={`/documents/${d.id}`}>{d.title ?? d.path}</a></td><td>{d.collection}</td><td>{d.date ?? ''}</td><td>{d.lang ?? ''}</td><td>{String(d.mentions)}</td></tr>
          ))}
        </tbody>
      </table>
      <h2 id="together">Entities in the same documents</h2>
      <ul>{entity.cooccurring.map((c) => <li><a href={`/entities/${c.id}`}>{c.name}</a>{` (${TYPE_LABEL[c.type] ?? c.type}) · ${c.documents} shared document${c.documents === 1 ? '' : 's'}`}</li>)}</ul>
      {mayEdit && others.length ? (
        <form method="post" action={`/entities/${entity.id}/split`}>
          <h2>Split a form off</h2>
          <p>When one of these forms names someone or something else, split it off: its mentions become an entity of their own, and stay so when documents are analysed again.</p>
          <input type="hidden" name="csrf" value={csrf ?? ''} />
          <label for="split-form">Form</label>
          <select id="split-form" name="form">{entity.aliases.map((a) => <option value={a}>{a}</option>)}</select>
          <button type="submit">Split it off</button>
        </form>
      ) : null}
    </Layout>
  );
}
