// Options: the keyboard shortcuts as the browser has them now, where to change them, and the omnibox keyword.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { FASTPATHS } from '../../utils/fastpaths';
import { t, type MessageKey } from '../../utils/i18n/i18n';

interface Shortcut {
  name: string;
  shortcut: string;
}

/** Labels from our own messages, so the list follows the language chosen in Options (R12). */
function labelFor(name: string): MessageKey | undefined {
  if (name === '_execute_action') return 'shortcuts.openPopup';
  return FASTPATHS.find((f) => f.command === name)?.label;
}

/** Firefox 137+ can open its shortcut settings for us; older versions and Chrome cannot. */
const firefoxCommands = browser.commands as { openShortcutSettings?: () => Promise<void> };

function openShortcutSettings() {
  if (import.meta.env.FIREFOX) void firefoxCommands.openShortcutSettings?.();
  else void browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}

export function ShortcutsSection() {
  const [shortcuts, setShortcuts] = useState<Shortcut[] | null>(null);

  useEffect(() => {
    void browser.commands.getAll().then((all) =>
      setShortcuts(all.map((c) => ({ name: c.name ?? '', shortcut: c.shortcut ?? '' }))),
    );
  }, []);

  const canOpen = !import.meta.env.FIREFOX || typeof firefoxCommands.openShortcutSettings === 'function';
  const rows = (shortcuts ?? []).filter((s) => labelFor(s.name));

  return (
    <section aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">{t('shortcuts.title')}</h2>
      {shortcuts === null ? (
        <p class="muted">{t('common.loading')}</p>
      ) : (
        <table class="data" data-testid="shortcuts">
          <thead>
            <tr>
              <th scope="col">{t('shortcuts.action')}</th>
              <th scope="col">{t('shortcuts.keys')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.name} data-command={s.name}>
                <th scope="row">{t(labelFor(s.name)!)}</th>
                <td>{s.shortcut ? <kbd>{s.shortcut}</kbd> : <span class="muted">{t('shortcuts.notSet')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.some((s) => !s.shortcut) && <p>{t('shortcuts.unsetHint')}</p>}
      <p>{import.meta.env.FIREFOX ? t('shortcuts.firefoxHint') : t('shortcuts.chromeHint')}</p>
      {canOpen && (
        <div class="actions">
          <button type="button" class="secondary" onClick={openShortcutSettings}>
            {t('shortcuts.openSettings')}
          </button>
        </div>
      )}
      <p>{t('shortcuts.omnibox')}</p>
    </section>
  );
}
