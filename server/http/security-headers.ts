// Response headers every answer carries: no caching of personal data, no sniffing, no framing, HSTS on HTTPS.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Set before the handler runs, so every response it builds (errors included) carries them from the
 * start: adding headers to a finished response would make the Node adapter rebuild and stream it.
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.header('Cache-Control', 'no-store');
  c.header('X-Content-Type-Options', 'nosniff');
  // The API serves no HTML; should anything ever render it, nothing may load or frame it.
  c.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  c.header('Referrer-Policy', 'no-referrer');
  const forwardedProto = c.var.deps.config.trustProxy ? c.req.header('x-forwarded-proto') : undefined;
  if (c.req.url.startsWith('https:') || forwardedProto === 'https') c.header('Strict-Transport-Security', HSTS);
  await next();
};
