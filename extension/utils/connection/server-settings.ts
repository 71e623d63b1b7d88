// Which server the extension talks to: the build's default, an enterprise policy, or the person's choice.
import { browser } from 'wxt/browser';
import { parseServerUrl } from './server-url';
import { storage } from 'wxt/utils/storage';
import { managedServerUrlItem, serverUrlItem, sessionItem, type StoredSession } from '../storage';

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
 * Copies `serverUrl` from `storage.managed` (Chrome: the managed_schema in the manifest, set by
 * enterprise policy; Firefox: policies.json "3rdparty" → Extensions → the add-on id) into
 * `storage.local`. The background runs it at start and on every policy change: Chromium answers
 * storage.managed slowly (over 5 s headless while its policy service starts), which no page or API
 * call may wait for.
 */
export async function mirrorManagedServerUrl(): Promise<void> {
  let url: string | undefined;
  try {
    const { serverUrl } = await browser.storage.managed.get('serverUrl');
    url = typeof serverUrl === 'string' ? parseServerUrl(serverUrl) : undefined;
  } catch {
    url = undefined; // No policy storage in this browser, or none configured.
  }
  if (url) await managedServerUrlItem.setValue(url);
  else await managedServerUrlItem.removeValue();
}

/** The server in force: policy first, then a locked build, then what the person saved. */
export async function serverSettings(): Promise<ServerSettings> {
  return (await connection()).settings;
}

/**
 * The server in force and the stored session, in one storage.local read: what every API call needs
 * (api/client.ts request()).
 */
export async function connection(): Promise<{ settings: ServerSettings; session: StoredSession | null }> {
  const [managed, chosen, session] = (await storage.getItems([managedServerUrlItem, serverUrlItem, sessionItem])).map((r) => r.value);
  return { settings: settingsFrom(managed, chosen), session };
}

function settingsFrom(managed: string | null, chosen: string): ServerSettings {
  if (managed) return { url: managed, locked: true };
  if (BUILT_IN_LOCK) return { url: BUILT_IN_SERVER_URL, locked: true };
  return { url: chosen || BUILT_IN_SERVER_URL, locked: false };
}
