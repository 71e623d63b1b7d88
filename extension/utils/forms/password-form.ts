// The change-password form: what the browser checks before sending, and the server's reasons as localised problems.
import type { FieldError } from '../../../shared/errors';
import { LIMITS } from '../../../shared/fields';
import { t } from '../i18n/i18n';

export interface PasswordFormValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export type PasswordField = keyof PasswordFormValues;

export type PasswordProblem =
  | 'required'
  | 'mismatch'
  | 'wrongCurrent'
  | 'tooShort'
  | 'tooLong'
  | 'common'
  | 'sameAsCurrent'
  | 'notAccepted';

export interface PasswordFieldProblem {
  problem: PasswordProblem;
  params?: { min?: number; max?: number };
}

export type PasswordProblems = Partial<Record<PasswordField, PasswordFieldProblem>>;

/** The limits of server/auth/password-policy.ts, for the hint and when a message names no number; the server decides. */
export const PASSWORD_LIMITS = { min: LIMITS.passwordMin, max: LIMITS.passwordMax };

export const EMPTY_PASSWORD_FORM: PasswordFormValues = { currentPassword: '', newPassword: '', confirmPassword: '' };

/** Only what needs no server: every field filled, and the confirmation typed the same as the new password. */
export function checkPasswordForm(values: PasswordFormValues): PasswordProblems {
  const found: PasswordProblems = {};
  for (const field of Object.keys(EMPTY_PASSWORD_FORM) as PasswordField[]) {
    if (!values[field]) found[field] = { problem: 'required' };
  }
  if (!found.confirmPassword && values.confirmPassword !== values.newPassword) {
    found.confirmPassword = { problem: 'mismatch' };
  }
  return found;
}

/** The API writes its reasons in English (password-policy.ts, the zod schema); recognise the known ones. */
function newPasswordProblem(message: string): PasswordFieldProblem {
  if (/^required/i.test(message)) return { problem: 'required' };
  const min = /at least (\d+)/i.exec(message);
  if (min) return { problem: 'tooShort', params: { min: Number(min[1]) } };
  const max = /at most (\d+)/i.exec(message);
  if (max) return { problem: 'tooLong', params: { max: Number(max[1]) } };
  if (/too long/i.test(message)) return { problem: 'tooLong', params: { max: PASSWORD_LIMITS.max } };
  if (/common/i.test(message)) return { problem: 'common' };
  if (/different from the current/i.test(message)) return { problem: 'sameAsCurrent' };
  return { problem: 'notAccepted' };
}

function currentPasswordProblem(message: string): PasswordFieldProblem {
  if (/^required/i.test(message)) return { problem: 'required' };
  if (/current password/i.test(message)) return { problem: 'wrongCurrent' };
  return { problem: 'notAccepted' };
}

/** The server's `errors[]` by field of this form; errors about other paths are left to the status line. */
export function serverPasswordProblems(errors: FieldError[]): PasswordProblems {
  const found: PasswordProblems = {};
  for (const { path, message } of errors) {
    if (path === 'currentPassword') found.currentPassword = currentPasswordProblem(message);
    if (path === 'newPassword') found.newPassword = newPasswordProblem(message);
  }
  return found;
}

export function passwordProblemMessage({ problem, params }: PasswordFieldProblem): string {
  if (problem === 'required') return t('problems.required');
  return t(`password.${problem}`, { min: params?.min ?? PASSWORD_LIMITS.min, max: params?.max ?? PASSWORD_LIMITS.max });
}
