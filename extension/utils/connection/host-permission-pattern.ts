// The host permission match pattern for a server, per browser family; pure, so wxt.config.ts uses it too.

export type BrowserFamily = 'chrome' | 'firefox';

/**
 * The match pattern that grants access to `serverUrl` in this browser family. Chrome honours a port
 * in a match pattern, so it gets exactly the server's origin. Firefox ignores ports in match patterns:
 * a pattern with one is recorded but fetches to it still fail with NS_ERROR_DOM_BAD_URI (Mozilla's
 * match-pattern docs; Firefox bugs 1362809 and 1468162), so it gets the scheme and host, any port.
 */
export function hostPermissionPattern(serverUrl: string, family: BrowserFamily): string {
  const url = new URL(serverUrl);
  return family === 'firefox' ? `${url.protocol}//${url.hostname}/*` : `${url.origin}/*`;
}
