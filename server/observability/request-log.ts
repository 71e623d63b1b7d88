// One log line and the metrics of every request: id, method, route pattern, status, duration, account and user.
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppEnv, Principal } from '../http/env';
import { requestHeader } from '../http/request-header';
import type { Logger } from './logger';
import type { Metrics, SignInOutcome } from './metrics';

/** An incoming X-Request-Id we keep (behind a trusted proxy only): short, and nothing a log reader could misread. */
const FORWARDED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const SIGN_IN_ROUTE = 'POST /api/v1/sessions';

export interface RequestLogOptions {
  logger: Logger;
  metrics: Metrics;
  /** TRUST_PROXY: only then is an incoming X-Request-Id believed. */
  trustProxy: boolean;
}

/**
 * The pattern of the route that answered (`/api/v1/accounts/:id/billing`), never the raw path: ids
 * would make every account its own metric series and put identifiers where a pattern is expected.
 * `unmatched` when no route did (404, 405).
 */
export function routePattern(c: Context): string {
  const handlers = matchedRoutes(c).filter((r) => r.method !== 'ALL');
  return handlers.length ? handlers[handlers.length - 1].path : 'unmatched';
}

function signInOutcome(status: number): SignInOutcome {
  if (status === 201) return 'succeeded';
  if (status === 401) return 'failed';
  if (status === 429) return 'throttled';
  return 'refused';
}

/** The request id: the proxy's X-Request-Id when TRUST_PROXY is on and it is well-formed, else a new UUID. */
export function requestIdFor(c: Context, trustProxy: boolean): string {
  if (!trustProxy) return randomUUID();
  const incoming = requestHeader(c, 'x-request-id');
  return incoming && FORWARDED_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Logs each request once, when its response is ready (event `http.request`), counts it in
 * `fastpath_http_requests_total` and its latency histogram; the answer carries `X-Request-Id` (set by the
 * request frame, server/http/request-frame.ts). Every
 * 429 is a throttling decision (`throttle.refused`, `fastpath_throttle_refusals_total`), and every
 * sign-in an outcome (`auth.sign_in`, `fastpath_sign_ins_total`), whichever throttle or route made it.
 * Headers, query strings and bodies are never logged.
 */
export function requestLog({ logger, metrics, trustProxy }: RequestLogOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = requestIdFor(c, trustProxy);
    c.set('requestId', requestId);
    const started = performance.now();
    // Debug only: says a request is in flight (the route is not known before routing ends).
    if (logger.isLevelEnabled('debug')) logger.debug({ event: 'http.request_started', reqId: requestId, method: c.req.method }, `${c.req.method} started`);
    await next();
    const elapsed = performance.now() - started;
    const route = routePattern(c);
    const status = c.res.status;
    const method = c.req.method;
    const userId = (c.get('principal') as Principal | undefined)?.user.id ?? null;
    // The request line: written once the answer is built, straight through pino (one call, no child logger per request).
    logger[status >= 500 ? 'error' : 'info'](
      { reqId: requestId, responseTime: Math.round(elapsed), event: 'http.request', method, route, status, accountId: c.req.param('id') ?? null, userId },
      `${method} ${route} ${status}`,
    );
    const labels = { method, route, status: String(status) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, elapsed / 1000);
    if (status === 429) {
      metrics.throttleRefusals.inc({ route });
      logger.warn({ event: 'throttle.refused', reqId: requestId, method, route, retryAfter: c.res.headers.get('retry-after') }, 'request refused by a throttle');
    }
    if (`${method} ${route}` === SIGN_IN_ROUTE) {
      const outcome = signInOutcome(status);
      metrics.signIns.inc({ outcome });
      logger.info({ event: 'auth.sign_in', reqId: requestId, outcome, userId }, `sign-in ${outcome}`);
    }
  };
}
