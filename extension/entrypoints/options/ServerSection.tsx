// Options: the server address. Moving to another server asks first, then signs out of the old one (R17).
import { useEffect, useState } from 'preact/hooks';
import { StatusRegion } from '../../components/StatusRegion';
import { TextField } from '../../components/TextField';
import type { Status } from '../../hooks/useBillingForm';
import { problemMessage } from '../../utils/i18n/format';
import { requestHostPermission } from '../../utils/connection/host-permission';
import { t } from '../../utils/i18n/i18n';
import { BUILT_IN_SERVER_URL, serverSettings, type ServerSettings } from '../../utils/connection/server-settings';
import { checkServerUrl } from '../../utils/connection/server-url';
import { switchServer } from '../../utils/session';
import { sessionItem } from '../../utils/storage';

export function ServerSection() {
  const [settings, setSettings] = useState<ServerSettings>();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string>();
  /** The address waiting for the person to confirm the sign-out that moving to it implies. */
  const [pending, setPending] = useState<string>();
  const [status, setStatus] = useState<Status | null>(null);

  useEffect(() => {
    void serverSettings().then((s) => {
      setSettings(s);
      setTyped(s.url);
    });
  }, []);

  if (!settings) return null;
  if (settings.locked) {
    return (
      <section aria-labelledby="server-heading">
        <h2 id="server-heading">{t('options.serverHeading')}</h2>
        <p data-testid="server-locked">{t('options.serverLocked', { url: settings.url })}</p>
      </section>
    );
  }

  /** Runs in the click that confirmed: the permission prompt must be the first thing it does. */
  function moveTo(url: string) {
    void requestHostPermission(url).then(async (granted) => {
      setPending(undefined);
      if (!granted) return setStatus({ kind: 'error', text: t('options.permissionRefused') });
      await switchServer(url);
      setSettings({ url, locked: false });
      setTyped(url);
      setStatus({ kind: 'success', text: t('options.serverChanged') });
    });
  }

  function submit(event: Event) {
    event.preventDefault();
    const checked = checkServerUrl(typed);
    if ('problem' in checked) return setProblem(problemMessage(checked.problem));
    setProblem(undefined);
    setTyped(checked.url);
    if (checked.url === settings!.url) return setStatus({ kind: 'success', text: t('options.saved') });
    // Signed in: ask first, since moving signs out. Signed out: nothing to lose, move at once.
    void sessionItem.getValue().then((session) => {
      if (session) setPending(checked.url);
      else moveTo(checked.url);
    });
  }

  return (
    <section aria-labelledby="server-heading">
      <h2 id="server-heading">{t('options.serverHeading')}</h2>
      <form onSubmit={submit} noValidate>
        <TextField id="serverUrl" type="url" label={t('options.serverUrl')} value={typed}
          onInput={setTyped} problem={problem} hint={t('options.serverHint', { url: BUILT_IN_SERVER_URL })}
          autoComplete="url" required />
        {pending ? (
          <div role="alertdialog" aria-labelledby="switch-text" class="confirm" data-testid="switch-confirm">
            <p id="switch-text">{t('options.switchConfirm', { from: settings.url, to: pending })}</p>
            <div class="actions">
              <button type="button" onClick={() => moveTo(pending)}>{t('options.switchYes')}</button>
              <button type="button" class="secondary" onClick={() => setPending(undefined)}>{t('options.switchNo')}</button>
            </div>
          </div>
        ) : (
          <div class="actions">
            <button type="submit">{t('options.saveServer')}</button>
          </div>
        )}
        <StatusRegion status={status} />
      </form>
    </section>
  );
}
