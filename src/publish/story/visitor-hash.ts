import crypto from 'node:crypto';
import type { Repositories } from '../../platform/db/records.js';

const SALT = 'visitor-salt';

/**
 * Today's salt (UTC day). Yesterday's is overwritten when the first visitor of the day comes,
 * so a hash cannot be recomputed from an address later: a visitor is recognised for one day
 * at most, and no address or user agent is ever stored.
 */
async function dailySalt(views: Repositories['views']): Promise<string> {
  const today = new Date().toISOString().slice(0, 10);
  const current = await views.secret(SALT);
  if (current && current.createdAt.slice(0, 10) === today) return current.value;
  const salt = crypto.randomBytes(32).toString('hex');
  await views.putSecret(SALT, salt);
  return salt;
}

/** The visitor as a daily-salted hash of what is given (address, or address and user agent). */
export async function visitorHash(views: Repositories['views'], ...parts: string[]): Promise<string> {
  const salt = await dailySalt(views);
  return crypto.createHash('sha256').update([salt, ...parts].join('\u0000')).digest('hex');
}

/** A secret that lives as long as the workspace (the key that signs comment forms). */
export async function lastingSecret(views: Repositories['views'], name: string): Promise<string> {
  const current = await views.secret(name);
  if (current) return current.value;
  const value = crypto.randomBytes(32).toString('hex');
  await views.putSecret(name, value);
  return value;
}
