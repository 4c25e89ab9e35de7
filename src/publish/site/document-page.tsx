import { languageOf } from '../../analyse/index.js';
import type { PublicNote, Publication, PublishedPage, PublishedSegment } from '../../domain/story.js';
import type { SiteOptions } from './site-context.js';
import { SiteLayout } from './site-layout.js';

/** A BCP 47 tag for a passage (languageOf answers zh, en, ug, … or und). */
const langOf = (text: string, fallback: string | null) => {
  const lang = languageOf(text);
  return lang === 'und' ? (fallback ?? 'und') : lang;
};

const sentenceSplitter = new Intl.Segmenter('zh', { granularity: 'sentence' });

/** A page's passages: its reviewed segments when translated, else its sentences, numbered from 1. */
export function pagePassages(page: PublishedPage, translation: PublishedSegment[]): Array<{ index: number; source: string; target: string | null }> {
  const segments = translation.filter((s) => s.page === page.page).sort((a, b) => a.index - b.index);
  if (segments.length) return segments.map((s) => ({ index: s.index, source: s.source, target: s.target }));
  const out: Array<{ index: number; source: string; target: string | null }> = [];
  for (const { segment } of sentenceSplitter.segment(page.text)) {
    const text = segment.trim();
    if (text) out.push({ index: out.length + 1, source: text, target: null });
  }
  return out;
}

function PageSection({ doc, page, notes, embed }: { doc: Publication; page: PublishedPage; notes: PublicNote[]; embed: boolean }) {
  const passages = pagePassages(page, doc.translation);
  const translated = passages.some((p) => p.target);
  const image = `${embed ? '../../../documents' : '..'}/${doc.documentId}/pages/${page.page}.png`;
  return (
    <section class="doc-page" id={`p${page.page}`} aria-labelledby={`p${page.page}-h`}>
      <h2 id={`p${page.page}-h`}>
        <a href={`#p${page.page}`}>Page {page.page}</a>
      </h2>
      <div class="page-grid">
        {page.image ? <img src={image} alt={`Page ${page.page} of “${doc.title}” as published (redacted)`} width={page.width ?? undefined} height={page.height ?? undefined} loading="lazy" /> : <p class="meta">No image of this page.</p>}
        {translated ? (
          <table class="segments">
            <caption class="visually-hidden">Page {page.page}: the original beside its reviewed translation</caption>
            <thead class="visually-hidden"><tr><th scope="col">Original</th><th scope="col">Translation</th></tr></thead>
            <tbody>
              {passages.map((p) => (
                <tr class="passage" id={`p${page.page}-s${p.index}`}>
                  <td lang={langOf(p.source, doc.lang)}>{p.source}</td>
                  <td lang={p.target ? langOf(p.target, 'en') : undefined}>{p.target ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <div class="page-text">
            <p lang={langOf(page.text, doc.lang)}>
              {passages.map((p) => (
                <>
                  <span class="passage" id={`p${page.page}-s${p.index}`} lang={langOf(p.source, doc.lang)}>{p.source}</span>{' '}
                </>
              ))}
            </p>
          </div>
        )}
      </div>
      {notes.map((n) => (
        <aside class="public-note" aria-label="Annotation">
          {n.quote ? <blockquote lang={langOf(n.quote, doc.lang)}>{n.quote}</blockquote> : null}
          <p>{n.body}</p>
        </aside>
      ))}
    </section>
  );
}

export interface DocumentPageModel {
  doc: Publication;
  notes: PublicNote[];
  /** Published stories that cite the document. */
  citedBy: Array<{ slug: string; title: string }>;
}

/** /documents/ID/: every page of the redacted derivative, the reviewed translation beside it, public annotations. */
export function DocumentPage({ site, model }: { site: SiteOptions; model: DocumentPageModel }) {
  const { doc } = model;
  const path = `documents/${doc.documentId}/`;
  const oembed = `../../oembed?url=${encodeURIComponent(new URL(path, site.baseUrl).toString())}&format=json`;
  const general = model.notes.filter((n) => n.page === null);
  return (
    <SiteLayout
      site={site}
      root="../../"
      title={doc.title}
      path={path}
      wide
      description={`${doc.title}: ${doc.pages.length} page(s), published in full${doc.translation.length ? ' with a reviewed translation' : ''}.`}
      head={<link rel="alternate" type="application/json+oembed" href={oembed} title={doc.title} />}
      jsonLd={{ '@context': 'https://schema.org', '@type': 'DigitalDocument', name: doc.title, url: new URL(path, site.baseUrl).toString(), datePublished: doc.publishedAt, inLanguage: doc.lang ?? undefined }}
    >
      <h1 lang={langOf(doc.title, doc.lang)}>{doc.title}</h1>
      <p class="meta">
        {doc.pages.length} page(s) · published {doc.publishedAt.slice(0, 10)} · <a href="redacted.pdf" download>Download the PDF (redacted)</a>
        {doc.translation.length ? ' · original beside its reviewed translation' : ''}
      </p>
      {model.citedBy.length ? (
        <p class="meta">
          Cited in: {model.citedBy.map((s, i) => <>{i ? ', ' : ''}<a href={`../../stories/${s.slug}/`}>{s.title}</a></>)}
        </p>
      ) : null}
      {general.map((n) => <aside class="public-note" aria-label="Annotation"><p>{n.body}</p></aside>)}
      {doc.pages.map((page) => <PageSection doc={doc} page={page} notes={model.notes.filter((n) => n.page === page.page)} embed={false} />)}
    </SiteLayout>
  );
}

/** /embed/documents/ID/ (and ?page=N): the document, or one page, for framing on other sites. */
export function EmbedPage({ site, doc, page }: { site: SiteOptions; doc: Publication; page: number | null }) {
  const pages = page === null ? doc.pages : doc.pages.filter((p) => p.page === page);
  return (
    <SiteLayout site={site} root="../../../" title={doc.title} path={`documents/${doc.documentId}/`} embed wide>
      <h1 class="meta">
        <a href={`../../../documents/${doc.documentId}/${page === null ? '' : `#p${page}`}`} target="_blank" rel="noopener">{doc.title}</a> · {site.name}
      </h1>
      {pages.map((p) => <PageSection doc={doc} page={p} notes={[]} embed />)}
    </SiteLayout>
  );
}
