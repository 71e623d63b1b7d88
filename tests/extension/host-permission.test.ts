// The host permission pattern asked for each browser: Chrome keeps the port, Firefox cannot (match patterns ignore ports).
import { describe, expect, it } from 'vitest';
import { hostPermissionPattern } from '../../extension/utils/connection/host-permission-pattern';
import { needsHostPermission } from '../../extension/utils/connection/server-url';

describe('hostPermissionPattern', () => {
  it('asks Chrome for exactly the server origin, port included', () => {
    expect(hostPermissionPattern('http://localhost:8861', 'chrome')).toBe('http://localhost:8861/*');
    expect(hostPermissionPattern('https://billing.example.com', 'chrome')).toBe('https://billing.example.com/*');
    expect(hostPermissionPattern('https://billing.example.com:8443/', 'chrome')).toBe('https://billing.example.com:8443/*');
  });

  it('asks Firefox for the scheme and host without the port, which is the only form it honours', () => {
    expect(hostPermissionPattern('http://localhost:8861', 'firefox')).toBe('http://localhost/*');
    expect(hostPermissionPattern('https://billing.example.com:8443', 'firefox')).toBe('https://billing.example.com/*');
    expect(hostPermissionPattern('http://[::1]:8787', 'firefox')).toBe('http://[::1]/*');
  });

  it('needs no prompt for the loopback address the manifest grants on any port, nor for the built-in server', () => {
    expect(needsHostPermission('http://127.0.0.1:8787', 'http://127.0.0.1:8787')).toBe(false);
    expect(needsHostPermission('http://localhost:8787', 'http://127.0.0.1:8787')).toBe(true);
    expect(needsHostPermission('https://billing.example.com', 'https://billing.example.com')).toBe(false);
  });
});
