// Response headers every answer carries: no caching of personal data, no sniffing, no framing, HSTS on HTTPS.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';

const HSTS = 'max-age=31536000; includeSubDomains';

export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
  c.header('X-Content-Type-Options', 'nosniff');
  // The API serves no HTML; should anything ever render it, nothing may load or frame it.
  c.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  c.header('Referrer-Policy', 'no-referrer');
  const forwardedProto = c.var.deps.config.trustProxy ? c.req.header('x-forwarded-proto') : undefined;
  if (new URL(c.req.url).protocol === 'https:' || forwardedProto === 'https') c.header('Strict-Transport-Security', HSTS);
};
