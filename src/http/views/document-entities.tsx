import type { DocumentMentions } from '../../search/index.js';

const TYPE_LABEL: Record<string, string> = {
  PERSON: 'People', LOCATION: 'Places', ORGANIZATION: 'Organisations',
  ID_NUMBER: 'ID numbers', PHONE: 'Phone numbers', EMAIL: 'Emails', URL: 'Web addresses', DATE: 'Dates', DOC_NUMBER: 'Document numbers', CLASSIFICATION: 'Classification marks',
};

/** Who and what the document names: entities linked to their pages, and the patterns found, each linked to its page. */
export function DocumentEntities({ found }: { found: DocumentMentions }) {
  if (found.entities.length === 0 && found.patterns.length === 0) return null;
  const groups = ['PERSON', 'LOCATION', 'ORGANIZATION'].map((type) => [type, found.entities.filter((e) => e.type === type)] as const).filter(([, list]) => list.length);
  const patternTypes = [...new Set(found.patterns.map((p) => p.type))];
  return (
    <section aria-labelledby="found-heading" class="document-entities">
      <h2 id="found-heading">Named in this document</h2>
      <dl>
        {groups.map(([type, list]) => (
          <>
            <dt>{TYPE_LABEL[type]}</dt>
            <dd>{list.map((e, i) => <>{i ? ' · ' : ''}<a href={`/entities/${e.id}`}>{e.name}</a>{e.mentions > 1 ? ` (${e.mentions})` : ''}</>)}</dd>
          </>
        ))}
        {patternTypes.map((type) => (
          <>
            <dt>{TYPE_LABEL[type] ?? type}</dt>
            <dd>{found.patterns.filter((p) => p.type === type).slice(0, 50).map((p, i) => <>{i ? ' · ' : ''}<a href={`#page-${p.page}`} title={p.value ? Object.entries(p.value).map(([k, v]) => `${k}: ${String(v)}`).join(', ') : undefined}>{p.text}</a></>)}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}
