// Response headers every answer carries: no caching of personal data, no sniffing, no framing, HSTS on HTTPS.
import type { Context } from 'hono';
import { requestHeader } from './request-header';

const HSTS = 'max-age=31536000; includeSubDomains';

const COMMON = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  // The API serves no HTML; should anything ever render it, nothing may load or frame it.
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
} as const;
const OVER_HTTPS = { ...COMMON, 'Strict-Transport-Security': HSTS } as const;

/**
 * The security headers of an answer to `c`, as a shared read-only record (copy it to add to it):
 * HSTS only when the request came over HTTPS, or said so through a trusted proxy (RFC 6797 §7.2).
 */
export function securityHeadersFor(c: Context, trustProxy: boolean): Readonly<Record<string, string>> {
  const forwardedProto = trustProxy ? requestHeader(c, 'x-forwarded-proto') : undefined;
  return c.req.url.startsWith('https:') || forwardedProto === 'https' ? OVER_HTTPS : COMMON;
}
