// Which server the extension talks to: the build's default, an enterprise policy, or the person's choice.
import { browser } from 'wxt/browser';
import { parseServerUrl } from './server-url';
import { serverUrlItem } from './storage';

/** The address this build ships with: FASTPATH_SERVER_URL at build time (wxt.config.ts), else the local demo. */
export const BUILT_IN_SERVER_URL: string = import.meta.env.WXT_FASTPATH_SERVER_URL || 'http://127.0.0.1:8787';

/** FASTPATH_SERVER_URL_LOCKED=1 at build time: the address cannot be changed, and the field is hidden. */
export const BUILT_IN_LOCK: boolean = import.meta.env.WXT_FASTPATH_SERVER_URL_LOCKED === '1';

export interface ServerSettings {
  url: string;
  /** Set by the build or by policy: the person cannot change it. */
  locked: boolean;
}

/**
 * `serverUrl` from `storage.managed` (Chrome: the managed_schema in the manifest, set by enterprise
 * policy; Firefox: policies.json "3rdparty" → Extensions → the add-on id). Undefined when no policy sets it.
 */
async function managedServerUrl(): Promise<string | undefined> {
  try {
    const { serverUrl } = await browser.storage.managed.get('serverUrl');
    return typeof serverUrl === 'string' ? parseServerUrl(serverUrl) : undefined;
  } catch {
    return undefined; // No policy storage in this browser, or none configured.
  }
}

/** The server in force: policy first, then a locked build, then what the person saved. */
export async function serverSettings(): Promise<ServerSettings> {
  const managed = await managedServerUrl();
  if (managed) return { url: managed, locked: true };
  if (BUILT_IN_LOCK) return { url: BUILT_IN_SERVER_URL, locked: true };
  return { url: (await serverUrlItem.getValue()) || BUILT_IN_SERVER_URL, locked: false };
}
