// Asking for the host permission a non-default server needs; must run first in a click handler.
import { browser } from 'wxt/browser';
import { needsHostPermission } from './server-url';

/** Call before any other await in a user-gesture handler, or the browser refuses to prompt. */
export function requestHostPermission(serverUrl: string): Promise<boolean> {
  if (!needsHostPermission(serverUrl)) return Promise.resolve(true);
  const origin = new URL(serverUrl).origin;
  return browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
}
