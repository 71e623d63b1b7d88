// HTTP hardening: security headers, CORS closed, 413 for chunked bodies too, 405 with Allow, If-Match, 401 challenges, mass assignment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../server/app';
import { createTestApi, type TestApi } from '../helpers/api';
import { tokenFor } from '../helpers/principals';

let api: TestApi;
let acme: string;
let ada: string;
beforeAll(async () => {
  api = await createTestApi();
  acme = await api.accountId('Acme Corp');
  ada = await tokenFor(api.db, 'ada@acme.test');
});
afterAll(() => api.close());

describe('headers', () => {
  it('marks every answer, error or not, as not to be cached, sniffed or framed, and sends no CORS grant', async () => {
    for (const res of [
      await api.request('GET', `/accounts/${acme}/billing`, { token: ada, headers: { origin: 'https://evil.test' } }),
      await api.request('GET', '/me', { headers: { origin: 'https://evil.test' } }),
      await api.request('GET', '/nope'),
    ]) {
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('answers a CORS preflight without granting anything', async () => {
    const res = await api.app.request(`${API_PREFIX}/me`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.test', 'access-control-request-method': 'GET' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.status).toBe(405);
  });

  it('sends HSTS for a year when served over HTTPS', async () => {
    const res = await api.app.request(`https://fastpath.example${API_PREFIX}/health`);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
  });
});

describe('bodies', () => {
  it('refuses a chunked body over 64 KiB with 413 even without a Content-Length', async () => {
    const chunk = new TextEncoder().encode(`{"email":"${'a'.repeat(70_000)}","password":"x"}`);
    const body = new ReadableStream({
      start(controller) {
        for (let i = 0; i < chunk.length; i += 8192) controller.enqueue(chunk.slice(i, i + 8192));
        controller.close();
      },
    });
    const res = await api.app.request(`${API_PREFIX}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe('payload_too_large');
  });
});

describe('mass assignment', () => {
  it.each([
    ['role', { role: 'holder' }],
    ['accountId', { accountId: 'other' }],
    ['version', { version: 1 }],
    ['isSupport', { isSupport: true }],
    ['editable', { editable: { billing: true } }],
    ['paymentMethod', { paymentMethod: { type: 'invoice' } }],
  ])('never lets an extra %s key change anything', async (key, extra) => {
    const before = await api.request('GET', `/accounts/${acme}/billing`, { token: ada });
    const res = await api.request('PATCH', `/accounts/${acme}/billing`, {
      token: ada,
      body: { contact: { companyName: 'Renamed' }, ...extra },
      headers: { 'if-match': before.headers.get('etag')! },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({ path: key, message: 'Unknown field' });
    expect((await api.request('GET', `/accounts/${acme}/billing`, { token: ada })).body).toEqual(before.body);
    const me = await api.request('GET', '/me', { token: ada });
    expect(me.body.user.isSupport).toBe(false);
  });
});

describe('If-Match (RFC 9110 §13.1.1)', () => {
  const save = async (ifMatch: string, lastName: string) =>
    api.request('PATCH', `/accounts/${acme}/billing`, { token: ada, body: { contact: { lastName } }, headers: { 'if-match': ifMatch } });
  const version = async () => (await api.request('GET', `/accounts/${acme}/billing`, { token: ada })).body.version as number;

  it('matches when any tag of a list matches', async () => {
    const v = await version();
    const res = await save(`"bogus-0", "${v}" , "99999"`, 'Listed');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${v + 1}"`);
  });

  it('takes tabs as list whitespace and long lists as lists (RFC 9110 §5.6.1)', async () => {
    const v = await version();
    const others = Array.from({ length: 40 }, (_, i) => `"other-${i}"`).join(', ');
    const res = await save(`${others},\t"${v}"\t, "99999"`, 'Tabbed');
    expect(res.status).toBe(200);
  });

  it('matches * against the existing page', async () => {
    const v = await version();
    const res = await save('*', 'Starred');
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(v + 1);
  });

  it.each([
    ['a weak tag of the current version (strong comparison)', (v: number) => `W/"${v}"`],
    ['a well-formed tag that is not a version', () => '"bogus-0"'],
    ['a stale version', (v: number) => `"${v - 1}"`],
  ])('answers %s with 412 and the current page, changing nothing', async (_what, tag) => {
    const v = await version();
    const res = await save(tag(v), 'Never');
    expect(res.status).toBe(412);
    expect(res.body.code).toBe('version_mismatch');
    expect(res.body.current.version).toBe(v);
    expect(await version()).toBe(v);
  });

  it.each([['seven'], ['7'], ['"7'], ['W/7'], ['"7" "8"'], [', ,']])('answers the unparsable %s with 400 naming the header', async (header) => {
    const res = await save(header, 'Never');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('headers.if-match');
  });
});

describe('401 challenges (RFC 9110 §15.5.2, RFC 6750 §3)', () => {
  it('sends WWW-Authenticate: Bearer without a token, and error="invalid_token" with a bad one', async () => {
    const none = await api.request('GET', '/me');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const bad = await api.request('GET', `/accounts/${acme}/billing`, { token: 'x'.repeat(43) });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('challenges a failed sign-in too', async () => {
    const res = await api.request('POST', '/sessions', { body: { email: 'ada@acme.test', password: 'not the password' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('405 and HEAD', () => {
  it('lists HEAD in Allow wherever GET is served, and answers HEAD', async () => {
    const res = await api.request('DELETE', `/accounts/${acme}/billing`, { token: ada });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, PATCH');
    const head = await api.app.request(`${API_PREFIX}/accounts/${acme}/billing`, { method: 'HEAD', headers: { authorization: `Bearer ${ada}` } });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toMatch(/^"\d+"$/);
  });
});

describe('problems', () => {
  it('name the request path as instance and always carry a detail', async () => {
    for (const [method, path] of [['GET', '/nope'], ['PUT', '/me'], ['GET', '/me'], ['GET', `/accounts/${acme}/billing`]]) {
      const res = await api.request(method, path);
      expect(res.body.instance).toBe(`${API_PREFIX}${path}`);
      expect(res.body.detail).toEqual(expect.any(String));
      expect(res.body.detail.length).toBeGreaterThan(0);
    }
  });
});
