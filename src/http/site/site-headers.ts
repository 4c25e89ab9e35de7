import type { MiddlewareHandler } from 'hono';

/**
 * The public site's headers. No script at all (script-src is absent, so 'none'): pages work
 * without JavaScript; styles and images only from this origin; forms post only here. Only the
 * embeds may be framed by other sites. No cookie is ever set, and no referrer leaves a page.
 */
export function siteHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const embed = c.req.path.startsWith('/embed/');
    c.header(
      'Content-Security-Policy',
      ["default-src 'none'", "style-src 'self'", "img-src 'self'", "form-action 'self'", `frame-ancestors ${embed ? '*' : "'none'"}`, "base-uri 'none'"].join('; '),
    );
    if (!embed) c.header('X-Frame-Options', 'DENY');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cross-Origin-Resource-Policy', embed ? 'cross-origin' : 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=(), browsing-topics=()');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-cache');
    c.res.headers.delete('Set-Cookie');
  };
}
