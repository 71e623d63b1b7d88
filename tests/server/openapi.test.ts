// The OpenAPI document: valid for an independent linter (Redocly), complete for every operation, and the answer checker can fail.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app';
import { openApiDocument } from '../../server/http/document';
import type { Deps } from '../../server/http/env';
import { checkEveryAnswer, createTestApi, type TestApi } from '../helpers/api';
import { startTestServer } from '../helpers/server';
import { responseChecker } from '../helpers/openapi-validator';

let api: TestApi;
let doc: any;
let operations: { path: string; method: string; op: any }[];
beforeAll(async () => {
  api = await createTestApi();
  doc = (await api.request('GET', '/openapi.json')).body;
  operations = Object.entries<any>(doc.paths).flatMap(([path, ops]) =>
    Object.entries<any>(ops).map(([method, op]) => ({ path, method, op })),
  );
});
afterAll(() => api.close());

/**
 * Warnings of Redocly's recommended ruleset we keep, and why:
 * - info-license: the project has chosen no licence; the document must not invent one.
 * - operation-4xx-response on /health: it has no client error to give (any method but GET is the shared 405).
 * - no-unused-components NotFound / MethodNotAllowed / InvalidUrl: answers no operation owns (unknown
 *   path, other method, a URL refused before routing); declared once so the response checker and
 *   readers have them.
 */
const ACCEPTED_WARNINGS = [
  'info-license #/info',
  'operation-4xx-response #/paths/~1api~1v1~1health/get/responses',
  // Readiness, like liveness, has nothing a client could get wrong: 200 or 503.
  'operation-4xx-response #/paths/~1api~1v1~1ready/get/responses',
  'no-unused-components #/components/responses/NotFound',
  'no-unused-components #/components/responses/MethodNotAllowed',
  'no-unused-components #/components/responses/InvalidUrl',
];

describe('the OpenAPI document', () => {
  it("passes Redocly's recommended ruleset with no error and only the accepted warnings", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const found = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const describe = (p: (typeof found)[number]) => `${p.ruleId} ${p.location[0]?.pointer} — ${p.message}`;
    expect(found.filter((p) => p.severity === 'error').map(describe)).toEqual([]);
    expect(found.map((p) => `${p.ruleId} ${p.location[0]?.pointer}`).sort()).toEqual([...ACCEPTED_WARNINGS].sort());
  });

  it('is served over HTTP exactly as tests/helpers/http.ts generates it from the source tree', async () => {
    const server = await startTestServer();
    try {
      const served = await (await fetch(`${server.baseUrl}/api/v1/openapi.json`)).json();
      expect(served).toEqual(openApiDocument(createApp({} as Deps)));
      expect(served).toEqual(doc);
    } finally {
      await server.close();
    }
  });

  it('names a server, and gives every operation a unique operationId, a declared tag and its security', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    const ids = operations.map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(doc.tags.map((t: { name: string }) => t.name));
    for (const { path, method, op } of operations) {
      expect(op.tags?.length, `${method} ${path}`).toBe(1);
      expect(tags.has(op.tags[0]), `${method} ${path}`).toBe(true);
      expect(op.security, `${method} ${path}`).toEqual(op['x-policy'] === 'public' ? [] : [{ bearer: [] }]);
    }
  });

  it('declares the answers the server gives around the handler: 401 with WWW-Authenticate, 413, 415, 429 with Retry-After, 500', () => {
    for (const { path, method, op } of operations) {
      const at = `${method} ${path}`;
      expect(op.responses['500'], at).toBeDefined();
      if (op['x-policy'] !== 'public') expect(op.responses['401']?.headers?.['WWW-Authenticate']?.required, at).toBe(true);
      if (method !== 'get') expect(op.responses['413'], at).toBeDefined();
      if (op.requestBody) expect(op.responses['415'], at).toBeDefined();
      if (op.responses['429']) expect(op.responses['429'].headers['Retry-After'].required, at).toBe(true);
      for (const [status, response] of Object.entries<any>(op.responses)) {
        if (Number(status) >= 400) expect(Object.keys(response.content), `${at} ${status}`).toEqual(['application/problem+json']);
      }
    }
    expect(doc.paths['/api/v1/sessions'].post.responses['429']).toBeDefined();
    expect(doc.components.responses.MethodNotAllowed.headers.Allow.required).toBe(true);
  });

  it('declares the ETag of the Billing page and the current page in the 412 body', () => {
    const billing = doc.paths['/api/v1/accounts/{id}/billing'];
    expect(billing.get.responses['200'].headers.ETag.required).toBe(true);
    expect(billing.patch.responses['200'].headers.ETag.required).toBe(true);
    expect(billing.patch.responses['412'].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/VersionMismatchProblem');
    expect(JSON.stringify(doc.components.schemas.VersionMismatchProblem)).toContain('#/components/schemas/BillingPage');
  });

  it('requires detail and instance on every problem', () => {
    expect(doc.components.schemas.Problem.required).toEqual(expect.arrayContaining(['detail', 'instance']));
  });

  it('gives every date or instant a format (checked over every property of every schema)', () => {
    const unformatted: string[] = [];
    const walk = (node: any, where: string) => {
      if (!node || typeof node !== 'object') return;
      for (const [name, prop] of Object.entries<any>(node.properties ?? {})) {
        const types = [prop.type, ...(prop.anyOf ?? []).map((s: any) => s.type)].flat();
        const format = prop.format ?? prop.anyOf?.find((s: any) => s.format)?.format;
        if (/(At|Date|Start|End|From)$|^expectedBy$/.test(name) && types.includes('string') && !['date', 'date-time'].includes(format)) {
          unformatted.push(`${where}.${name}`);
        }
      }
      for (const [k, v] of Object.entries(node)) if (typeof v === 'object') walk(v, `${where}.${k}`);
    };
    walk(doc.components.schemas, 'components.schemas');
    expect(unformatted).toEqual([]);
  });
});

describe('the answer checker (hooked into every API suite)', () => {
  const quiet = () => {};
  const headers = (h: Record<string, string>) => new Headers(h);
  const ok = { method: 'GET', path: '/api/v1/me', status: 200, headers: headers({ 'content-type': 'application/json' }) };
  const problem = (status: number, extra: object = {}) =>
    JSON.stringify({ type: 't', title: 't', status, code: 'unauthenticated', detail: 'd', instance: '/api/v1/me', ...extra });

  it('fails loudly, naming method, path and status, on an undeclared status', () => {
    expect(() => responseChecker(doc, quiet)({ ...ok, status: 418, text: '{}' })).toThrow(/GET \/api\/v1\/me → 418: status not declared/);
  });

  it('fails on a body that does not match, giving the schema errors', () => {
    expect(() => responseChecker(doc, quiet)({ ...ok, text: JSON.stringify({ user: { id: 1 } }) })).toThrow(/body does not match: .*user/s);
  });

  it('fails on an undeclared content type and on a missing required header', () => {
    expect(() => responseChecker(doc, quiet)({ ...ok, headers: headers({ 'content-type': 'text/html' }), text: '<p>' })).toThrow(/content type text\/html not declared/);
    const unauthenticated = { ...ok, status: 401, headers: headers({ 'content-type': 'application/problem+json' }), text: problem(401) };
    expect(() => responseChecker(doc, quiet)(unauthenticated)).toThrow(/required header WWW-Authenticate missing/);
    unauthenticated.headers.set('www-authenticate', 'Bearer');
    expect(() => responseChecker(doc, quiet)(unauthenticated)).not.toThrow();
  });

  it('expects only 404 for an unknown path and only 405 with Allow for an undeclared method', () => {
    const check = responseChecker(doc, quiet);
    const json = headers({ 'content-type': 'application/problem+json' });
    expect(() => check({ method: 'GET', path: '/api/v1/nope', status: 200, headers: json, text: '{}' })).toThrow(/only 404/);
    expect(() => check({ method: 'PUT', path: '/api/v1/me', status: 405, headers: json, text: problem(405, { code: 'method_not_allowed' }) })).toThrow(/Allow missing/);
  });

  it('refuses a problem without detail or instance', () => {
    const withoutInstance = JSON.parse(problem(401));
    delete withoutInstance.instance;
    const h = headers({ 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer' });
    expect(() => responseChecker(doc, quiet)({ ...ok, status: 401, headers: h, text: JSON.stringify(withoutInstance) })).toThrow(/instance/);
  });
});

describe('the hook in tests/helpers/api.ts', () => {
  it('fails a suite on an answer the document does not describe', async () => {
    const app = createApp({ db: api.db, config: api.database.config, now: () => new Date() });
    app.get('/api/v1/undocumented', (c) => c.text('hello'));
    checkEveryAnswer(app);
    // It also writes to stderr, so a suite that catches errors around its calls cannot hide it.
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(app.request('/api/v1/undocumented')).rejects.toThrow(/GET \/api\/v1\/undocumented → 200: no path template matches/);
    expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/^Answer not described by the OpenAPI document: GET \/api\/v1\/undocumented/));
    stderr.mockRestore();
    expect((await app.request('/api/v1/health')).status).toBe(200);
  });
});
