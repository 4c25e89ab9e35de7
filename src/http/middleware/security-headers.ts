import crypto from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { HttpEnv } from '../context.js';

/**
 * Security headers on every response, error pages included. The Content-Security-Policy allows
 * only this origin's scripts (and a per-response nonce), stylesheets and images; no framing, no
 * other origins. Leaked documents are never rendered as HTML in this origin, and this policy
 * would stop their scripts if one were.
 */
export function securityHeaders(): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const nonce = crypto.randomBytes(16).toString('base64');
    c.set('nonce', nonce);
    await next();
    const csp = [
      "default-src 'none'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; ');
    // A route may tighten the policy (the original files: sandbox); it never loosens it.
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', csp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    // Pages and API answers show leaked material: never kept by a shared cache or the back button of another user.
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  };
}
