import type { Story } from '../../domain/story.js';
import { contextRows, type QuotationProblem } from '../../publish/index.js';
import type { SessionUser } from '../context.js';
import { Layout } from './layout.js';

/** A refusal shown above the form: the command's message and, for quote_mismatch, each quotation. */
export interface EditorError {
  code: string;
  message: string;
  quotes?: QuotationProblem[];
}

function Field({ name, label, values, hint, type = 'text', required = false, readonly = false, maxlength = 500 }: { name: string; label: string; values: Record<string, string>; hint?: string; type?: string; required?: boolean; readonly?: boolean; maxlength?: number }) {
  return (
    <p class="form-row">
      <label for={`story-${name}`}>{label}</label>
      <br />
      <input id={`story-${name}`} name={name} type={type} value={values[name] ?? ''} required={required} readonly={readonly} maxlength={maxlength} size={60} aria-describedby={hint ? `story-${name}-hint` : undefined} />
      {hint ? <span id={`story-${name}-hint`} class="hint"> {hint}</span> : null}
    </p>
  );
}

function ContextRows({ values }: { values: Record<string, string> }) {
  const rows = Array.from({ length: contextRows(values) }, (_, i) => i + 1);
  return (
    <fieldset>
      <legend>Context links, grouped on the page under their perspective label</legend>
      <p class="hint">E.g. label “Understand the context”, “The government's view”, “A survivor's account”, “Dissenting voices”. Leave a row empty to drop it.</p>
      {rows.map((n) => (
        <fieldset class="context-row">
          <legend>Link {n}</legend>
          {(['label', 'title', 'url', 'source'] as const).map((f) => (
            <span class="context-field">
              <label for={`context-${n}-${f}`}>{f === 'url' ? 'URL' : f.charAt(0).toUpperCase() + f.slice(1)}</label>{' '}
              <input id={`context-${n}-${f}`} name={`context_${n}_${f}`} type={f === 'url' ? 'url' : 'text'} value={values[`context_${n}_${f}`] ?? ''} maxlength={f === 'url' ? 2000 : 500} />{' '}
            </span>
          ))}
        </fieldset>
      ))}
    </fieldset>
  );
}

/**
 * /publishing/stories/new and /publishing/stories/SLUG/edit: the story editor. It posts to
 * /publishing/stories, which runs the same command as `dossier story create`; refusals are shown
 * here with the values kept. Publish and unpublish are their own forms (the CLI's commands).
 */
export function StoryEditorPage({ user, csrf, story, values, error, saved }: { user: SessionUser; csrf: string | null; story: Story | null; values: Record<string, string>; error: EditorError | null; saved: string | null }) {
  const title = story ? `Edit “${story.title}”` : 'New story';
  return (
    <Layout title={title} user={user} csrf={csrf}>
      <p><a href="/publishing">← Publishing</a></p>
      <h1>{title}</h1>
      {story ? (
        <p id="story-status">
          Status: <strong>{story.status}</strong>
          {story.status === 'published' ? <> · public at <code>/stories/{story.slug}/</code> on the site</> : null}
        </p>
      ) : null}
      {saved ? <p class="notice" role="status" id="story-saved">{saved}</p> : null}
      {error ? (
        <div class="error" role="alert" id="story-error">
          <p><strong>{error.code}</strong>: {error.message}</p>
          {error.quotes?.length ? (
            <ul id="story-broken-quotes">
              {error.quotes.map((q) => <li>“{q.text}” — document {q.documentId}, page {q.page}{q.segment ? `, segment ${q.segment}` : ''}: {q.problem.replaceAll('_', ' ')}</li>)}
            </ul>
          ) : null}
        </div>
      ) : null}
      {story ? (
        <div class="story-actions">
          {story.status === 'draft' ? (
            <form method="post" action={`/publishing/stories/${story.slug}/publish`} class="inline-form">
              <input type="hidden" name="csrf" value={csrf ?? ''} />
              <button type="submit" id="story-publish">Publish</button>
            </form>
          ) : (
            <form method="post" action={`/publishing/stories/${story.slug}/unpublish`} class="inline-form">
              <input type="hidden" name="csrf" value={csrf ?? ''} />
              <button type="submit" id="story-unpublish">Unpublish</button>
            </form>
          )}
        </div>
      ) : null}
      <form method="post" action="/publishing/stories" enctype="multipart/form-data" class="story-editor" id="story-form">
        <input type="hidden" name="csrf" value={csrf ?? ''} />
        <Field name="title" label="Title" values={values} required />
        <Field name="slug" label="Slug" values={values} readonly={story !== null} maxlength={120} hint={story ? 'The story’s address; fixed once created.' : 'Lower-case letters, digits and dashes; empty: made from the title.'} />
        <Field name="dek" label="Dek (the line under the title)" values={values} maxlength={1000} />
        <Field name="byline" label="Byline" values={values} maxlength={200} />
        <Field name="date" label="Date" type="date" values={values} maxlength={40} />
        <fieldset>
          <legend>Feature image</legend>
          <p class="form-row">
            <label for="story-image">Image file (PNG, JPEG, WebP, GIF or AVIF)</label>{' '}
            <input id="story-image" name="image" type="file" accept="image/png,image/jpeg,image/webp,image/gif,image/avif" />
            {story?.image ? <span class="hint"> This story has an image; choose a file only to replace it.</span> : null}
          </p>
          {story?.image ? (
            <p class="form-row">
              <input id="story-remove-image" name="remove_image" type="checkbox" /> <label for="story-remove-image">Remove the image</label>
            </p>
          ) : null}
          <Field name="image_alt" label="Alt text (what the image shows; required with an image)" values={values} maxlength={1000} />
          <Field name="image_credit" label="Credit" values={values} />
        </fieldset>
        <p class="form-row">
          <label for="story-takeaways">Key takeaways, one per line</label>
          <br />
          <textarea id="story-takeaways" name="takeaways" rows={4} cols={80}>{values.takeaways ?? ''}</textarea>
        </p>
        <ContextRows values={values} />
        <p class="form-row">
          <label for="story-comments">Comments</label>{' '}
          <select id="story-comments" name="comments">
            <option value="closed" selected={values.comments !== 'open'}>closed</option>
            <option value="open" selected={values.comments === 'open'}>open</option>
          </select>
        </p>
        <Field name="tags" label="Tags, separated by commas" values={values} maxlength={2000} />
        <p class="form-row">
          <label for="story-body">Body (Markdown)</label>
          <br />
          <span id="story-body-hint" class="hint">Bind a quotation to its passage with a link to doc:ID#pN or doc:ID#pN-sK: Officials were told to [“show absolutely no mercy”](doc:12#p3). Raw HTML is not let through.</span>
          <br />
          <textarea id="story-body" name="body" rows={20} cols={80} aria-describedby="story-body-hint">{values.body ?? ''}</textarea>
        </p>
        <p>
          <button type="submit" id="story-save">{story?.status === 'published' ? 'Save' : 'Save draft'}</button>
          {story?.status === 'published' ? <span class="hint"> Saving a published story updates it on the site, if its quotations still match.</span> : null}
        </p>
      </form>
    </Layout>
  );
}
