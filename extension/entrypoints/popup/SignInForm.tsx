// The popup's sign-in form: server address, e-mail and password, with localised errors.
import { useEffect, useState } from 'preact/hooks';
import { LIMITS } from '../../../shared/fields';
import { StatusRegion } from '../../components/StatusRegion';
import { TextField } from '../../components/TextField';
import { asApiError } from '../../utils/api/api-error';
import { errorMessage, problemMessage, serverFieldProblem } from '../../utils/i18n/format';
import { requestHostPermission } from '../../utils/connection/host-permission';
import { t } from '../../utils/i18n/i18n';
import { BUILT_IN_SERVER_URL, serverSettings } from '../../utils/connection/server-settings';
import { checkServerUrl } from '../../utils/connection/server-url';
import { signIn } from '../../utils/session';

/** `endedEmail`: whose session just ended without a sign-out here; the form says so and keeps the address. */
export function SignInForm({ endedEmail }: { endedEmail?: string }) {
  const [serverUrl, setServerUrl] = useState(BUILT_IN_SERVER_URL);
  /** Set by the build or by policy: the field is hidden. */
  const [locked, setLocked] = useState(false);
  const [email, setEmail] = useState(endedEmail ?? '');
  useEffect(() => {
    if (endedEmail) setEmail((typed) => typed || endedEmail);
  }, [endedEmail]);
  const [password, setPassword] = useState('');
  const [urlProblem, setUrlProblem] = useState<string>();
  /** Problems by field (`email`, `password`): each highlights its input (aria-invalid) and shows under it. */
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // Where a person starts typing: the e-mail, even when the server field comes first.
    document.getElementById('email')?.focus();
    void serverSettings().then((settings) => {
      setServerUrl(settings.url);
      setLocked(settings.locked);
    });
  }, []);

  function submit(event: Event) {
    event.preventDefault();
    const checked = checkServerUrl(serverUrl);
    if ('problem' in checked) {
      setUrlProblem(problemMessage(checked.problem));
      return;
    }
    const { url } = checked;
    setServerUrl(url);
    setUrlProblem(undefined);
    const empty: Record<string, string> = {};
    if (!email.trim()) empty.email = problemMessage('required');
    if (!password) empty.password = problemMessage('required');
    setProblems(empty);
    if (Object.keys(empty).length) {
      setError(t('errors.invalid_request'));
      document.getElementById(empty.email ? 'email' : 'password')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    // The permission prompt must be the first thing this click does (user-gesture rule).
    requestHostPermission(url)
      .then(async (granted) => {
        if (!granted) return setError(t('signIn.permissionRefused'));
        await signIn(url, email, password);
      })
      .catch((e: unknown) => {
        const err = asApiError(e);
        const named: Record<string, string> = {};
        for (const fe of err.errors) {
          const { problem, max } = serverFieldProblem(fe.message, fe.path);
          named[fe.path] = problemMessage(problem, max);
        }
        setProblems(named);
        setError(err.status === 401 ? t('signIn.badCredentials') : errorMessage(err.code));
      })
      .finally(() => setBusy(false));
  }

  return (
    <form onSubmit={submit} noValidate>
      <h1>{t('signIn.title')}</h1>
      {endedEmail && (
        <p class="note" role="status" data-testid="session-ended">
          {t('signIn.sessionEnded')}
        </p>
      )}
      {!locked && (
        <TextField id="serverUrl" type="url" label={t('signIn.serverUrl')} value={serverUrl}
          onInput={setServerUrl} problem={urlProblem} autoComplete="url" required />
      )}
      <TextField id="email" type="email" label={t('signIn.email')} value={email}
        onInput={setEmail} problem={problems.email} autoComplete="username" maxLength={LIMITS.email} required />
      <TextField id="password" type="password" label={t('signIn.password')} value={password}
        onInput={setPassword} problem={problems.password} autoComplete="current-password" required />
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
      </div>
      <StatusRegion status={error ? { kind: 'error', text: error } : null} />
    </form>
  );
}
