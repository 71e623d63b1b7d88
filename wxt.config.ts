// WXT build configuration: one source tree, Chrome MV3 and Firefox builds, least-privilege manifest.
import { defineConfig } from 'wxt';
import { fewerPageChunks } from './scripts/page-chunks';
import preact from '@preact/preset-vite';
import { checkServerUrl } from './extension/utils/connection/server-url';
import { hostPermissionPattern } from './extension/utils/connection/host-permission-pattern';

/**
 * The operator's server, baked in at build time: FASTPATH_SERVER_URL=https://billing.example.com
 * npm run build (and FASTPATH_SERVER_URL_LOCKED=1 to hide the field). Checked with the same rules
 * as an address typed in Options, so a bad one stops the build with one line.
 */
function builtInServer(env: NodeJS.ProcessEnv): { url: string; locked: boolean } {
  const raw = env.FASTPATH_SERVER_URL?.trim() || 'http://127.0.0.1:8787';
  const checked = checkServerUrl(raw);
  if ('problem' in checked) {
    throw new Error(`FASTPATH_SERVER_URL=${raw} is not a usable server address (${checked.problem}): use https://host, or http:// only for localhost.`);
  }
  const locked = env.FASTPATH_SERVER_URL_LOCKED ?? '0';
  if (locked !== '0' && locked !== '1') throw new Error(`FASTPATH_SERVER_URL_LOCKED must be 0 or 1, not "${locked}".`);
  return { url: checked.url, locked: locked === '1' };
}
const server = builtInServer(process.env);

/**
 * Alt+Shift+letter keys that neither browser uses: Chrome takes Alt+Shift+A/B/I/T (and ChromeOS N/S/L/M),
 * Firefox's menu bar answers to Alt(+Shift)+F/E/V/S/B/T/H. Chrome accepts at most 4 suggested keys,
 * popup included, so Subscriptions starts unassigned there (Options says where to set it).
 */
function commands(browser: string) {
  const key = (k: string) => ({ suggested_key: { default: `Alt+Shift+${k}` } });
  return {
    _execute_action: { ...key('K'), description: '__MSG_cmdOpenPopup__' },
    'open-billing': { ...key('G'), description: '__MSG_cmdBilling__' },
    'open-billing-history': { ...key('Y'), description: '__MSG_cmdHistory__' },
    'print-latest-receipt': { ...key('P'), description: '__MSG_cmdReceipt__' },
    'open-subscriptions': {
      ...(browser === 'firefox' ? key('U') : {}),
      description: '__MSG_cmdSubscriptions__',
    },
  };
}

export default defineConfig({
  hooks: { 'vite:build:extendConfig': fewerPageChunks },
  srcDir: 'extension',
  publicDir: 'extension/public',
  imports: false,
  vite: () => ({
    plugins: [preact()],
    // Every browser we support (Chrome, Firefox 140+) knows modulepreload: no polyfill chunk to fetch.
    build: { modulePreload: { polyfill: false } },
    define: {
      'import.meta.env.WXT_FASTPATH_SERVER_URL': JSON.stringify(server.url),
      'import.meta.env.WXT_FASTPATH_SERVER_URL_LOCKED': JSON.stringify(server.locked ? '1' : '0'),
    },
  }),
  zip: { excludeSources: ['server/**', 'dist/**', 'tests/**', 'data/**', 'bench/**', 'docs/**', '.ci/**'] },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // offscreen (Chrome, no install warning): the service worker clears the pages' localStorage snapshot (offscreen-snapshot.ts).
    permissions: ['storage', 'alarms', ...(browser === 'firefox' ? [] : ['offscreen'])],
    // 127.0.0.1 (the demo) and the build's own server need no prompt; other servers are asked for
    // when chosen: any https host, or plain http on this computer only (server-url.ts).
    host_permissions: [
      'http://127.0.0.1/*',
      ...(server.url.startsWith('http://127.0.0.1') ? [] : [hostPermissionPattern(server.url, browser === 'firefox' ? 'firefox' : 'chrome')]),
    ],
    optional_host_permissions: ['https://*/*', 'http://localhost/*', 'http://[::1]/*'],
    // Chrome reads enterprise policy for storage.managed against this schema; Firefox reads it from
    // policies.json ("3rdparty" → "Extensions" → the add-on id) and needs no schema.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    // Source: extension/assets/icon.svg, rendered by `npm run icons`. The toolbar starts greyed
    // (nobody signed in) and turns to colour on sign-in (badge-refresh.ts).
    icons: { 16: '/icon/16.png', 32: '/icon/32.png', 48: '/icon/48.png', 128: '/icon/128.png' },
    action: {
      default_title: '__MSG_extName__',
      default_icon: { 16: '/icon/16-signed-out.png', 32: '/icon/32-signed-out.png' },
    },
    omnibox: { keyword: 'bill' },
    commands: commands(browser),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // data_collection_permissions is read from Firefox 140 on desktop and 142 on Android.
            gecko: {
              id: 'fastpath@fastpath.test',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
