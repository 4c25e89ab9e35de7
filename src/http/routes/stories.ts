import { Hono, type Context } from 'hono';
import type { Actor } from '../../domain/actor.js';
import { DossierError, isDossierError } from '../../domain/errors.js';
import type { Story } from '../../domain/story.js';
import { publishStory, QuoteMismatchError, saveStoryForm, storyFormValues, unpublishStory } from '../../publish/index.js';
import type { HttpDeps, HttpEnv } from '../context.js';
import { STATUS_OF } from '../middleware/errors.js';
import { currentUser, requireRole } from '../middleware/require-user.js';
import { renderPage } from '../views/render.js';
import { StoryEditorPage, type EditorError } from '../views/story-editor-page.js';

const actorOf = (c: Context<HttpEnv>): Actor => {
  const user = currentUser(c);
  return { kind: 'user', id: user.id, name: user.name, role: user.role };
};

const editorError = (error: DossierError): EditorError => ({ code: error.code, message: error.message, ...(error instanceof QuoteMismatchError ? { quotes: error.quotes } : {}) });

/**
 * The story editor (editors and admins): GET /publishing/stories/new, GET
 * /publishing/stories/:slug/edit, POST /publishing/stories (multipart: the fields, the feature
 * image), POST /publishing/stories/:slug/publish and /unpublish. Each write is the CLI's command
 * (`dossier story create|publish|unpublish`), audited there; a refusal re-renders the form with
 * its error and the status the API would give (400, 409 for quote_mismatch).
 */
export function storyRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.use('/publishing/stories', requireRole('editor'));
  app.use('/publishing/stories/*', requireRole('editor'));

  const page = (c: Context<HttpEnv>, story: Story | null, values: Record<string, string>, error: DossierError | null, saved: string | null = null) =>
    renderPage(c, StoryEditorPage({ user: currentUser(c), csrf: c.get('csrf'), story, values, error: error ? editorError(error) : null, saved }), error ? STATUS_OF[error.code] : 200);

  const storyOf = async (c: Context<HttpEnv>): Promise<Story> => {
    const slug = c.req.param('slug') ?? '';
    const story = /^[a-z0-9-]{1,120}$/.test(slug) ? await deps.records.read.stories.bySlug(slug) : null;
    if (!story) throw new DossierError('not_found', `no story with the slug "${slug}"`);
    return story;
  };

  app.get('/publishing/stories/new', (c) => page(c, null, storyFormValues(null), null));

  app.get('/publishing/stories/:slug/edit', async (c) => {
    const story = await storyOf(c);
    const saved = c.req.query('saved');
    return page(c, story, storyFormValues(story), null, saved === 'published' ? 'Published.' : saved === 'unpublished' ? 'Unpublished: it is a draft again.' : saved ? 'Saved.' : null);
  });

  app.post('/publishing/stories', async (c) => {
    const body = await c.req.parseBody();
    const form: Record<string, string> = {};
    for (const [key, value] of Object.entries(body)) if (typeof value === 'string') form[key] = value;
    const file = body['image'];
    const upload = file instanceof File && file.size > 0 ? { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) } : null;
    const existing = form.slug && /^[a-z0-9-]{1,120}$/.test(form.slug.trim()) ? await deps.records.read.stories.bySlug(form.slug.trim()) : null;
    try {
      const { story } = await saveStoryForm(deps.records, deps.blobs, { actor: actorOf(c), form, upload });
      return c.redirect(`/publishing/stories/${story.slug}/edit?saved=1`, 303);
    } catch (error) {
      if (!isDossierError(error) || error.code === 'not_found') throw error;
      return page(c, existing, form, error);
    }
  });

  const setStatus = (op: 'publish' | 'unpublish') => async (c: Context<HttpEnv>) => {
    const story = await storyOf(c);
    try {
      await (op === 'publish' ? publishStory : unpublishStory)(deps.records, { actor: actorOf(c), slug: story.slug });
      return c.redirect(`/publishing/stories/${story.slug}/edit?saved=${op}ed`, 303);
    } catch (error) {
      if (!isDossierError(error) || error.code === 'not_found') throw error;
      return page(c, story, storyFormValues(story), error);
    }
  };
  app.post('/publishing/stories/:slug/publish', setStatus('publish'));
  app.post('/publishing/stories/:slug/unpublish', setStatus('unpublish'));
  return app;
}
