// Asking for the host permission a non-default server needs; must run first in a click handler.
import { browser } from 'wxt/browser';
import { type BrowserFamily, hostPermissionPattern } from './host-permission-pattern';
import { BUILT_IN_SERVER_URL } from './server-settings';
import { needsHostPermission } from './server-url';

/** The browser this build is for, as WXT bakes it in at build time. */
export const BUILD_FAMILY: BrowserFamily = import.meta.env.FIREFOX ? 'firefox' : 'chrome';

/** Call before any other await in a user-gesture handler, or the browser refuses to prompt. */
export function requestHostPermission(serverUrl: string): Promise<boolean> {
  if (!needsHostPermission(serverUrl, BUILT_IN_SERVER_URL)) return Promise.resolve(true);
  return browser.permissions.request({ origins: [hostPermissionPattern(serverUrl, BUILD_FAMILY)] }).catch(() => false);
}
