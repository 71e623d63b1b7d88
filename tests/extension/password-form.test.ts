// The change-password form: the browser's own checks, and the server's real reasons read as localised problems.
import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from '../../server/auth/password-policy';
import { setLocale } from '../../extension/utils/i18n/i18n';
import {
  checkPasswordForm,
  PASSWORD_LIMITS,
  passwordProblemMessage,
  serverPasswordProblems,
} from '../../extension/utils/forms/password-form';

afterEach(() => setLocale('en'));

const form = (currentPassword: string, newPassword: string, confirmPassword: string) => ({
  currentPassword,
  newPassword,
  confirmPassword,
});

/** The problem the extension shows for the newPassword message the server would send for `password`. */
function shownFor(password: string) {
  const message = passwordProblem(password);
  if (!message) throw new Error(`the server accepts ${JSON.stringify(password)}`);
  return serverPasswordProblems([{ path: 'newPassword', message }]).newPassword;
}

describe('checkPasswordForm', () => {
  it('asks for every field, and catches a confirmation that differs', () => {
    expect(checkPasswordForm(form('', '', ''))).toEqual({
      currentPassword: { problem: 'required' },
      newPassword: { problem: 'required' },
      confirmPassword: { problem: 'required' },
    });
    expect(checkPasswordForm(form('old', 'correct horse battery', 'correct horse batery'))).toEqual({
      confirmPassword: { problem: 'mismatch' },
    });
  });

  it('leaves the password rules to the server', () => {
    expect(checkPasswordForm(form('old', 'short', 'short'))).toEqual({});
  });
});

describe('serverPasswordProblems', () => {
  it('knows the limits the server enforces', () => {
    expect(PASSWORD_LIMITS).toEqual({ min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
  });

  it('recognises each reason the password policy gives', () => {
    expect(shownFor('short')).toEqual({ problem: 'tooShort', params: { min: 12 } });
    expect(shownFor('x'.repeat(1025))).toEqual({ problem: 'tooLong', params: { max: 1024 } });
    expect(shownFor('Password123!!')).toEqual({ problem: 'common' });
  });

  it('reads the route and schema messages, and falls back to "not accepted"', () => {
    expect(
      serverPasswordProblems([
        { path: 'currentPassword', message: 'This is not your current password.' },
        { path: 'newPassword', message: 'Choose a password different from the current one.' },
      ]),
    ).toEqual({ currentPassword: { problem: 'wrongCurrent' }, newPassword: { problem: 'sameAsCurrent' } });
    expect(serverPasswordProblems([{ path: 'newPassword', message: 'Too long' }]).newPassword).toEqual({
      problem: 'tooLong',
      params: { max: 1024 },
    });
    expect(serverPasswordProblems([{ path: 'newPassword', message: 'Something new' }]).newPassword).toEqual({
      problem: 'notAccepted',
    });
    expect(serverPasswordProblems([{ path: '', message: 'Malformed JSON' }])).toEqual({});
  });
});

describe('passwordProblemMessage', () => {
  it('says it in the chosen language, with the number', () => {
    expect(passwordProblemMessage({ problem: 'tooShort', params: { min: 12 } })).toBe('Use at least 12 characters.');
    expect(passwordProblemMessage({ problem: 'required' })).toBe('Required.');
    setLocale('fr');
    expect(passwordProblemMessage({ problem: 'tooLong', params: { max: 1024 } })).toBe('Utilisez au plus 1024 caractères.');
    expect(passwordProblemMessage({ problem: 'mismatch' })).toBe('Ne correspond pas au nouveau mot de passe.');
  });
});
