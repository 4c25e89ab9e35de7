/**
 * The public site's vocabulary: stories (from Markdown with front matter), readers' comments,
 * and published documents (a snapshot of a checked redacted derivative).
 */

/** A link to context, shown under its perspective label ("The government's view"). */
export interface ContextLink {
  label: string;
  title: string;
  url: string;
  source: string;
}

export type StoryStatus = 'draft' | 'published';

/** What the front matter and body of a story file say (validated). */
export interface StoryFields {
  title: string;
  slug: string;
  dek: string | null;
  byline: string | null;
  /** ISO date (YYYY-MM-DD). */
  date: string | null;
  imageAlt: string | null;
  imageCredit: string | null;
  takeaways: string[];
  context: ContextLink[];
  comments: 'open' | 'closed';
  tags: string[];
  body: string;
}

export interface Story extends StoryFields {
  id: number;
  image: { sha256: string; mime: string } | null;
  status: StoryStatus;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type CommentStatus = 'pending' | 'approved' | 'rejected' | 'spam';

export interface StoryComment {
  id: number;
  storyId: number;
  storySlug: string;
  name: string;
  body: string;
  status: CommentStatus;
  reason: string | null;
  createdAt: string;
}

/** A page of a published derivative: its text and the blob of its image. */
export interface PublishedPage {
  page: number;
  text: string;
  image: string | null;
  width: number | null;
  height: number | null;
}

/** A reviewed translation segment shown beside the original. */
export interface PublishedSegment {
  page: number;
  index: number;
  source: string;
  target: string;
}

export interface Publication {
  documentId: number;
  title: string;
  derivativeSha256: string;
  pages: PublishedPage[];
  translation: PublishedSegment[];
  lang: string | null;
  publishedAt: string;
  updatedAt: string;
}

/** A note an editor marked public, shown on the published document page. */
export interface PublicNote {
  id: number;
  page: number | null;
  quote: string | null;
  body: string;
}
