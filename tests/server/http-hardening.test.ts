// HTTP hardening: security headers, CORS closed, 413 for chunked bodies too, 405, and mass assignment.
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
