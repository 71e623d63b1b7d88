// Asking for the host permission a non-default server needs; must run first in a click handler.
import { browser } from 'wxt/browser';
import { needsHostPermission } from './server-url';

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

/** The browser this build is for, as WXT bakes it in at build time. */
export const BUILD_FAMILY: BrowserFamily = import.meta.env.FIREFOX ? 'firefox' : 'chrome';

/** Call before any other await in a user-gesture handler, or the browser refuses to prompt. */
export function requestHostPermission(serverUrl: string): Promise<boolean> {
  if (!needsHostPermission(serverUrl)) return Promise.resolve(true);
  return browser.permissions.request({ origins: [hostPermissionPattern(serverUrl, BUILD_FAMILY)] }).catch(() => false);
}
