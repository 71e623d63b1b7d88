// Options: the server address (asking for the host permission it needs), the language, the password and the shortcuts.
import { useEffect, useState } from 'preact/hooks';
import { StatusRegion } from '../../components/StatusRegion';
import { TextField } from '../../components/TextField';
import type { Status } from '../../hooks/useBillingForm';
import { problemMessage } from '../../utils/format';
import { requestHostPermission } from '../../utils/host-permission';
import { parseServerUrl } from '../../utils/server-url';
import { t, type LanguageChoice } from '../../utils/i18n';
import { DEFAULT_SERVER_URL, languageItem, serverUrlItem } from '../../utils/storage';
import { PasswordSection } from './PasswordSection';
import { ShortcutsSection } from './ShortcutsSection';

export function App() {
  const [serverUrl, setServerUrl] = useState('');
  const [language, setLanguage] = useState<LanguageChoice>('auto');
  const [urlProblem, setUrlProblem] = useState<string>();
  const [status, setStatus] = useState<Status | null>(null);

  useEffect(() => {
    void serverUrlItem.getValue().then(setServerUrl);
    void languageItem.getValue().then(setLanguage);
  }, []);

  function submit(event: Event) {
    event.preventDefault();
    const url = parseServerUrl(serverUrl);
    if (!url) return setUrlProblem(problemMessage('invalid_url'));
    setUrlProblem(undefined);
    // First call of the click: the browser only shows the permission prompt during a user gesture.
    void requestHostPermission(url).then(async (granted) => {
      if (!granted) return setStatus({ kind: 'error', text: t('options.permissionRefused') });
      await serverUrlItem.setValue(url);
      // Saving the language re-renders every open page in it, this one included.
      await languageItem.setValue(language);
      setStatus({ kind: 'success', text: t('options.saved') });
    });
  }

  return (
    <main>
      <h1>{t('options.title')}</h1>
      <form onSubmit={submit} noValidate>
        <TextField id="serverUrl" type="url" label={t('options.serverUrl')} value={serverUrl}
          onInput={setServerUrl} problem={urlProblem} required />
        <p class="muted">{t('options.serverHint', { url: DEFAULT_SERVER_URL })}</p>
        <div class="field">
          <label for="language">{t('options.language')}</label>
          <select id="language" name="language" value={language}
            onChange={(e) => setLanguage(e.currentTarget.value as LanguageChoice)}>
            <option value="auto">{t('options.auto')}</option>
            <option value="en" lang="en">{t('options.english')}</option>
            <option value="fr" lang="fr">{t('options.french')}</option>
          </select>
        </div>
        <div class="actions">
          <button type="submit">{t('options.save')}</button>
        </div>
        <StatusRegion status={status} />
      </form>
      <PasswordSection />
      <ShortcutsSection />
    </main>
  );
}
