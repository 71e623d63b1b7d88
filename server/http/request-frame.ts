// What every request passes through before its route, in two steps: the frame (dependencies, the answer's headers) and the guards.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './api-error';
import { isCompleteAnswer } from './answer';
import type { AppEnv, Deps } from './env';
import { securityHeadersFor } from './security-headers';
import { refuseControlCharactersInUrl } from './text-guard';
import { closeIfBodyUnread } from './unread-body';

export const BODY_LIMIT_BYTES = 64 * 1024;
const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Sets `deps` and the headers every answer carries (security headers, X-Request-Id) as one plain
 * record, `responseHeaders`. Routes that answer with answerJson put the record in their Response; any
 * other answer (c.json, problem+json from onError, 404/405) gets the headers it lacks added once it is
 * built — a header a handler set itself wins, as it did when they were set before the handler. Then
 * `Connection: close` when the body was left unread (unread-body.ts). Outermost but for the request log,
 * so the guards' own answers (400, 413) get the same treatment.
 */
export function requestFrame(deps: Deps): MiddlewareHandler<AppEnv> {
  const trustProxy = Boolean(deps.config?.trustProxy);
  return async (c, next) => {
    c.set('deps', deps);
    const headers: Record<string, string> = { ...securityHeadersFor(c, trustProxy), 'X-Request-Id': c.get('requestId') };
    c.set('responseHeaders', headers);
    await next();
    const res = c.res;
    if (!isCompleteAnswer(res)) {
      try {
        const present = res.headers;
        for (const name in headers) if (!present.has(name)) present.set(name, headers[name]);
      } catch {
        // A response with immutable headers (a fetched one; none today) goes out as it is.
      }
    }
    closeIfBodyUnread(c);
  };
}

/**
 * The checks before routing: control characters in the URL (400, text-guard.ts), and for methods
 * that carry one, the body limit (413). Reads skip the limit: asking for their body would make the
 * Node adapter build a full Request object.
 */
export function requestGuards(): MiddlewareHandler<AppEnv> {
  const limitBody = bodyLimit({
    maxSize: BODY_LIMIT_BYTES,
    onError: () => {
      throw new ApiError('payload_too_large', `The body may be at most ${BODY_LIMIT_BYTES} bytes.`);
    },
  });
  return (c, next) => {
    refuseControlCharactersInUrl(c.req.url);
    return BODYLESS.has(c.req.method) ? next() : limitBody(c, next);
  };
}
