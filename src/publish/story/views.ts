import { isbot } from 'isbot';
import type { Story } from '../../domain/story.js';
import type { Records } from '../../platform/db/records.js';
import { visitorHash } from './visitor-hash.js';

const THIRTY_MINUTES = 30 * 60 * 1000;
const SEVEN_DAYS = 7 * 24 * 60 * 60 * 1000;

/**
 * Count a view of a story page, without cookies: known bots are not counted, nor the same
 * visitor (daily-salted hash of address and user agent) again within 30 minutes. The caller
 * leaves out HEAD requests and prefetches.
 */
export async function countView(records: Pick<Records, 'read' | 'transact'>, input: { storyId: number; address: string; userAgent: string }): Promise<boolean> {
  if (!input.userAgent || isbot(input.userAgent)) return false;
  const visitor = await visitorHash(records.read.views, 'view', input.address, input.userAgent);
  const now = new Date();
  return records.transact(async (tx) => {
    if (await tx.views.lastView(input.storyId, visitor, new Date(now.getTime() - THIRTY_MINUTES).toISOString())) return false;
    await tx.views.add(input.storyId, visitor, now.toISOString());
    return true;
  });
}

export interface StoryStats {
  slug: string;
  title: string;
  views7d: number;
  views: number;
}

/** Views of each published story: the last 7 days and in all, most viewed first. */
export async function storyStats(records: Pick<Records, 'read'>): Promise<StoryStats[]> {
  const stories = await records.read.stories.list({ status: 'published' });
  const counts = new Map((await records.read.views.counts(new Date(Date.now() - SEVEN_DAYS).toISOString())).map((c) => [c.storyId, c]));
  return stories
    .map((s) => ({ slug: s.slug, title: s.title, views7d: counts.get(s.id)?.recent ?? 0, views: counts.get(s.id)?.total ?? 0 }))
    .sort((a, b) => b.views7d - a.views7d || b.views - a.views || a.slug.localeCompare(b.slug));
}

/** "Popular posts": the top 5 published stories by views over the last 7 days, without the current one. */
export async function popularStories(records: Pick<Records, 'read'>, current: Pick<Story, 'slug'> | null): Promise<StoryStats[]> {
  return (await storyStats(records)).filter((s) => s.slug !== current?.slug && s.views7d > 0).slice(0, 5);
}
