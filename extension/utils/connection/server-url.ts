// Server address rules: how a typed address is normalised, which are allowed, and which need a host permission.

// Pure (no browser or build globals), so wxt.config.ts checks FASTPATH_SERVER_URL with the same rules.

export type ServerUrlProblem = 'invalid_url' | 'insecure_url';

/**
 * Hosts that never leave this machine: plain http is allowed only for these. The list matches the
 * manifest's http host permissions (127.0.0.1 granted, localhost and [::1] optional).
 */
export function isLoopbackHost(hostname: string): boolean {
  return ['localhost', '127.0.0.1', '[::1]', '::1'].includes(hostname.toLowerCase());
}

/**
 * A typed server address, normalised: a missing scheme means https (http for loopback hosts), a
 * trailing `/api/v1` (the API prefix the client adds itself) and trailing slashes are dropped.
 * Plain http is refused for any host but loopback, so no token crosses a network in clear text (R17).
 */
export function checkServerUrl(value: string): { url: string } | { problem: ServerUrlProblem } {
  let text = value.trim();
  if (!text || /\s/.test(text) || text.length > 2048) return { problem: 'invalid_url' };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const host = /^\[::1\]/.test(text) ? '[::1]' : text.split(/[/:?#]/, 1)[0];
    text = `${isLoopbackHost(host) ? 'http' : 'https'}://${text}`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'invalid_url' };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || url.username || url.password) {
    return { problem: 'invalid_url' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { problem: 'insecure_url' };
  const path = url.pathname.replace(/(?<!\/)\/+$/, '').replace(/\/api\/v1$/i, '').replace(/(?<!\/)\/+$/, '');
  return { url: url.origin + path };
}

/** The normalised address, or undefined when it is not allowed. */
export function parseServerUrl(value: string): string | undefined {
  const checked = checkServerUrl(value);
  return 'url' in checked ? checked.url : undefined;
}

/** The origin a token belongs to: the scheme, host and port of the server that issued it. */
export const originOf = (serverUrl: string): string => new URL(serverUrl).origin;

/**
 * 127.0.0.1 over http (any port) and the build's own server are granted in the manifest; anything
 * else needs the person's consent first.
 */
export function needsHostPermission(serverUrl: string, builtInServerUrl: string): boolean {
  const url = new URL(serverUrl);
  if (url.protocol === 'http:' && url.hostname === '127.0.0.1') return false;
  return originOf(serverUrl) !== originOf(builtInServerUrl);
}
