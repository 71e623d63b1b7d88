// A JSON call to a running API over real HTTP, for tests that start server processes; every answer is checked against its OpenAPI document.
import { createApp } from '../../server/app';
import type { Deps } from '../../server/http/env';
import { openApiDocument } from '../../server/http/document';
import { checkerFor } from './openapi-validator';

/**
 * The servers these suites start run this source tree, so the document is generated here once per
 * worker instead of fetched from each new process (its first generation costs ~0.5 s, which would
 * eat into suites that time their windows, such as crash safety). openapi.test.ts checks that a
 * server over HTTP serves exactly this document.
 */
const sourceDocument = async () => openApiDocument(createApp({} as Deps));

export interface HttpAnswer<T = any> {
  status: number;
  etag: string | null;
  body: T;
}

export async function callApi<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpAnswer<T>> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  const text = await res.text();
  const check = await checkerFor('source tree', sourceDocument);
  check({ method, path: `/api/v1${path}`, status: res.status, headers: res.headers, text });
  return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : undefined };
}
