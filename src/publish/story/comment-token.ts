import crypto from 'node:crypto';

/** A comment form's token lives for two hours; a form sent sooner than 3 s after it was served is a robot's. */
export const TOKEN_LIFETIME_MS = 2 * 60 * 60 * 1000;
export const MINIMUM_FILL_MS = 3_000;

const sign = (key: string, payload: string) => crypto.createHmac('sha256', key).update(payload).digest('base64url');

/** A signed token binding a form to its story and the time it was served: `storyId.time.signature`. */
export function makeCommentToken(key: string, storyId: number, now = Date.now()): string {
  const payload = `${storyId}.${now}`;
  return `${payload}.${sign(key, payload)}`;
}

export type TokenVerdict = 'ok' | 'missing' | 'forged' | 'expired' | 'too_fast';

/** Check a token for this story: present, signed with our key, younger than its lifetime, older than 3 s. */
export function checkCommentToken(key: string, token: string | undefined, storyId: number, now = Date.now()): TokenVerdict {
  if (!token) return 'missing';
  const m = /^(\d+)\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m || Number(m[1]) !== storyId) return 'forged';
  const expected = Buffer.from(sign(key, `${m[1]}.${m[2]}`));
  const given = Buffer.from(m[3]!);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return 'forged';
  const age = now - Number(m[2]);
  if (age > TOKEN_LIFETIME_MS || age < -60_000) return 'expired';
  if (age < MINIMUM_FILL_MS) return 'too_fast';
  return 'ok';
}
