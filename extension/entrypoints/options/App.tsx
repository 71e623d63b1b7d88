// Options: the server address (asking before it signs out), the language, the password and the shortcuts.
import { useEffect, useState } from 'preact/hooks';
import { StatusRegion } from '../../components/StatusRegion';
import type { Status } from '../../hooks/useBillingForm';
import { t, type LanguageChoice } from '../../utils/i18n/i18n';
import { languageItem } from '../../utils/storage';
import { PasswordSection } from './PasswordSection';
import { ServerSection } from './ServerSection';
import { ShortcutsSection } from './ShortcutsSection';

export function App() {
  const [language, setLanguage] = useState<LanguageChoice>('auto');
  const [status, setStatus] = useState<Status | null>(null);

  useEffect(() => {
    void languageItem.getValue().then(setLanguage);
  }, []);

  function submit(event: Event) {
    event.preventDefault();
    // Saving the language re-renders every open page in it, this one included.
    void languageItem.setValue(language).then(() => setStatus({ kind: 'success', text: t('options.saved') }));
  }

  return (
    <main>
      <h1>{t('options.title')}</h1>
      <ServerSection />
      <form onSubmit={submit} noValidate aria-labelledby="language-heading">
        <h2 id="language-heading">{t('options.language')}</h2>
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
