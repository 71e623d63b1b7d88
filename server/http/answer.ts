// Hot answers: JSON with every header in one plain record, which @hono/node-server writes in one writeHead.
import type { Context, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSONParsed } from 'hono/utils/types';
import type { AppEnv } from './env';

/** Answers built by answerJson: they already carry the request's headers (request-frame.ts adds none). */
const complete = new WeakSet<Response>();

/** Whether `res` came from answerJson, so its headers are all there. */
export const isCompleteAnswer = (res: Response) => complete.has(res);

/**
 * `c.json(body, status)` for the hot read routes, with the same bytes and headers, minus the web
 * `Headers` object: `c.header()` and `c.json()` with more than one header build one, which the Node
 * adapter then walks back into a plain object. A `Response` whose init headers are a plain record is
 * the adapter's own fast path (`@hono/node-server`'s lightweight Response: status, string body and
 * record straight to `writeHead`). `headers` adds to the request's headers (ETag…). Only for answers
 * that no middleware changes after the handler; in-process (`app.request`) it is an ordinary Response.
 */
export function answerJson<T, S extends ContentfulStatusCode>(
  c: Context<AppEnv>,
  body: T,
  status: S,
  headers?: Record<string, string>,
): Response & TypedResponse<JSONParsed<T>, S, 'json'> {
  const res = new Response(JSON.stringify(body), {
    status,
    headers: { ...c.get('responseHeaders'), 'Content-Type': 'application/json', ...headers },
  });
  complete.add(res);
  return res as Response & TypedResponse<JSONParsed<T>, S, 'json'>;
}
