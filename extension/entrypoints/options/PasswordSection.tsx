// Options: the signed-in person changes their password; the server checks the rules and ends their other sessions.
import { useState } from 'preact/hooks';
import { StatusRegion } from '../../components/StatusRegion';
import { TextField } from '../../components/TextField';
import type { Status } from '../../hooks/useBillingForm';
import { useSession } from '../../hooks/useSession';
import { sessionApi } from '../../utils/api/client';
import { asApiError } from '../../utils/api/api-error';
import { errorMessage } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';
import {
  checkPasswordForm,
  EMPTY_PASSWORD_FORM,
  PASSWORD_LIMITS,
  passwordProblemMessage,
  serverPasswordProblems,
  type PasswordField,
  type PasswordProblems,
} from '../../utils/forms/password-form';

export function PasswordSection() {
  const { session } = useSession();
  const [values, setValues] = useState(EMPTY_PASSWORD_FORM);
  const [problems, setProblems] = useState<PasswordProblems>({});
  const [status, setStatus] = useState<Status | null>(null);
  const [saving, setSaving] = useState(false);

  // A 401 clears the stored session (utils/api/client.ts), which hides this section with everything personal.
  if (!session) return null;

  function setField(field: PasswordField, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    setProblems(({ [field]: _edited, ...rest }) => rest);
  }

  async function submit(event: Event) {
    event.preventDefault();
    const found = checkPasswordForm(values);
    setProblems(found);
    if (Object.keys(found).length) return setStatus({ kind: 'error', text: t('errors.invalid_request') });
    setSaving(true);
    setStatus(null);
    try {
      await sessionApi.changePassword(values.currentPassword, values.newPassword);
      setValues(EMPTY_PASSWORD_FORM);
      setStatus({ kind: 'success', text: t('password.changed') });
    } catch (e) {
      const error = asApiError(e);
      setProblems(serverPasswordProblems(error.errors));
      setStatus({ kind: 'error', text: errorMessage(error.code) });
    } finally {
      setSaving(false);
    }
  }

  const field = (id: PasswordField, label: string, autoComplete: string, hint?: string) => (
    <TextField id={id} type="password" label={label} value={values[id]} onInput={(v) => setField(id, v)}
      problem={problems[id] && passwordProblemMessage(problems[id])} hint={hint} autoComplete={autoComplete} required />
  );

  return (
    <section aria-labelledby="password-heading" data-testid="password-section">
      <h2 id="password-heading">{t('password.title')}</h2>
      <form onSubmit={submit} noValidate>
        {/* Tells a password manager whose password this is; hidden from sight and from screen readers. */}
        <input type="email" name="username" autoComplete="username" value={session.user.email} readOnly hidden />
        {field('currentPassword', t('password.current'), 'current-password')}
        {field('newPassword', t('password.new'), 'new-password', t('password.hint', { min: PASSWORD_LIMITS.min }))}
        {field('confirmPassword', t('password.confirm'), 'new-password')}
        <div class="actions">
          <button type="submit" disabled={saving}>{saving ? t('password.saving') : t('password.save')}</button>
        </div>
        <StatusRegion status={status} />
      </form>
    </section>
  );
}
