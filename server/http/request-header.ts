// Reads a request header without making the Node adapter build a web Headers object for the whole request.
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The value of request header `name` (lower case), as `c.req.header(name)` gives it: every occurrence
 * joined with ", " (the Fetch standard's combined value), undefined when absent. Served by
 * @hono/node-server, it reads Node's own `rawHeaders` (the adapter's `incoming` binding): the first
 * `c.req.header()` would otherwise build a `Headers` object of every header of the request. In-process
 * (`app.request`) there is no `incoming`, and it is `c.req.header(name)`.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming?.rawHeaders) return c.req.header(name);
  const raw = incoming.rawHeaders;
  let value: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].length === name.length && raw[i].toLowerCase() === name) value = value === undefined ? raw[i + 1] : `${value}, ${raw[i + 1]}`;
  }
  return value;
}
