import { Hono } from 'hono';
import type { HttpDeps, HttpEnv } from '../context.js';

/** (being written) */
export function collectionRoutes(_deps: HttpDeps): Hono<HttpEnv> {
  return new Hono<HttpEnv>();
}
