// The password rules (NIST SP 800-63B): 12 to 1024 characters, not a common password, no composition rules.
import { LIMITS } from '../../shared/fields';
import { COMMON_BASE_WORDS, COMMON_LONG_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = LIMITS.passwordMin;
export const PASSWORD_MAX_LENGTH = LIMITS.passwordMax;

/** "Password123!!" → "password": a common word with only digits and symbols around it. */
// The lookbehind tries the trailing strip once per run of non-letters: linear, not quadratic (CWE-1333).
function coreWord(lowered: string): string {
  return lowered.replace(/^[^\p{L}]+/u, '').replace(/(?<![^\p{L}])[^\p{L}]+$/u, '');
}

/** Why the password is refused, in one sentence; undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  // Code points, not UTF-16 units: "🔑" is one character to the person typing it.
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters (this one has ${length}).`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lowered = password.normalize('NFC').toLowerCase();
  if (COMMON_LONG_PASSWORDS.has(lowered) || COMMON_BASE_WORDS.has(coreWord(lowered))) {
    return 'This is one of the most common passwords; choose another (a few unrelated words work well).';
  }
  return undefined;
}
