// WXT build configuration: one source tree, Chrome MV3 and Firefox builds, least-privilege manifest.
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

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
  srcDir: 'extension',
  publicDir: 'extension/public',
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  zip: { excludeSources: ['server/**', 'dist/**', 'tests/**', 'data/**', 'bench/**', 'docs/**', '.ci/**'] },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms'],
    host_permissions: ['http://127.0.0.1/*'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: '__MSG_extName__' },
    omnibox: { keyword: 'bill' },
    commands: commands(browser),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'fastpath@fastpath.test',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
