// Server addresses as people type them: normalised to one base URL, plain http only on this machine (R17).
import { describe, expect, it } from 'vitest';
import { checkServerUrl, isLoopbackHost, originOf } from '../../extension/utils/connection/server-url';

describe('checkServerUrl', () => {
  it.each([
    ['https://billing.example.com/api/v1', 'https://billing.example.com'],
    ['https://billing.example.com/api/v1/', 'https://billing.example.com'],
    ['billing.example.com', 'https://billing.example.com'],
    ['billing.example.com:8443/', 'https://billing.example.com:8443'],
    ['localhost:8787', 'http://localhost:8787'],
    ['127.0.0.1:8787/api/v1', 'http://127.0.0.1:8787'],
    ['[::1]:8787', 'http://[::1]:8787'],
    ['HTTPS://Billing.Example.com', 'https://billing.example.com'],
    ['https://example.com/fastpath/', 'https://example.com/fastpath'],
  ])('normalises %s to %s', (typed, expected) => {
    expect(checkServerUrl(typed)).toEqual({ url: expected });
  });

  it('refuses plain http to another machine, so no token crosses a network in clear', () => {
    expect(checkServerUrl('http://billing.example.com')).toEqual({ problem: 'insecure_url' });
    expect(checkServerUrl('http://192.168.1.10:8787')).toEqual({ problem: 'insecure_url' });
  });

  it.each(['', 'ftp://example.com', 'https://user:pw@example.com', 'not an address', 'javascript:alert(1)'])(
    'refuses %j as no server address',
    (typed) => {
      expect(checkServerUrl(typed)).toEqual({ problem: 'invalid_url' });
    },
  );

  it('knows loopback hosts and origins', () => {
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('127.0.0.2')).toBe(false);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
    expect(originOf('https://example.com:8443/fastpath')).toBe('https://example.com:8443');
  });
});
