import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { HttpEnv } from '../context.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/**
 * The stylesheet and script live in src/http/assets/. Built code (dist/http/routes/) finds them
 * through the package's src/ folder, which is published with it; a dist/http/assets copy wins if present.
 */
const ASSET_DIRS = [path.resolve(here, '..', 'assets'), path.resolve(here, '..', '..', '..', 'src', 'http', 'assets')];
const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

let cache: Map<string, Asset> | null = null;

function loadAssets(): Map<string, Asset> {
  if (cache) return cache;
  cache = new Map();
  const dir = ASSET_DIRS.find((d) => fs.existsSync(path.join(d, 'dossier.css')));
  if (!dir) throw new Error(`the workbench's assets are missing (looked in ${ASSET_DIRS.join(', ')})`);
  for (const name of fs.readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (!type) continue;
    const body = fs.readFileSync(path.join(dir, name));
    cache.set(name, { body, type, etag: crypto.createHash('sha256').update(body).digest('hex').slice(0, 16) });
  }
  return cache;
}

/** The URL of an asset, with its content hash so browsers may cache it for good. */
export function assetUrl(name: string): string {
  const asset = loadAssets().get(name);
  return `/assets/${name}${asset ? `?v=${asset.etag}` : ''}`;
}

/** GET /assets/NAME: the workbench's own CSS and JS, nothing else. */
export function assetRoutes(): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.get('/:name', (c) => {
    const asset = loadAssets().get(c.req.param('name'));
    if (!asset) return c.text('Not found', 404);
    if (c.req.header('If-None-Match') === `"${asset.etag}"`) return c.body(null, 304);
    c.header('Content-Type', asset.type);
    c.header('ETag', `"${asset.etag}"`);
    c.header('Cache-Control', c.req.query('v') === asset.etag ? 'public, max-age=31536000, immutable' : 'no-cache');
    return c.body(new Uint8Array(asset.body));
  });
  return app;
}
