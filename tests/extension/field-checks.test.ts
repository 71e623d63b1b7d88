// The extension's inline checks (shared/fields.ts checkField) agree with the API on hostile text and loose e-mails.
import { describe, expect, it } from 'vitest';
import { checkField } from '../../shared/fields';
import { CASE_FIELDS } from '../../extension/utils/forms/change-request-form';
import { checkValue, CONTACT_FIELDS } from '../../extension/utils/forms/billing-form';
import { serverFieldProblem } from '../../extension/utils/i18n/format';

const spec = (path: string) => [...CONTACT_FIELDS, ...CASE_FIELDS].find((s) => s.path === path)!;

describe('inline field checks', () => {
  it('refuse control characters and bidi overrides in one-line text', () => {
    for (const c of ['\u0000', '\u001b', '\r', '\n', '\u0085', '\u202e', '\u2066']) {
      expect(checkValue(spec('contact.companyName'), `Acme${c}Corp`)).toBe('invalid_text');
    }
  });

  it('keep line feeds in the change-request details, and only those', () => {
    expect(checkValue(spec('details'), 'Moving.\nNew office.')).toBeUndefined();
    expect(checkValue(spec('details'), 'Moving.\r\nNew office.')).toBe('invalid_text');
  });

  it('refuse e-mails a mail library would read differently, and check the length before the pattern', () => {
    for (const email of ['a:victim@x;', 'x"<y>@evil.test', 'victim@x(comment)', 'chloe@globex.test,attacker']) {
      expect(checkField('email', email, 254)).toBe('invalid_email');
    }
    expect(checkField('email', `a@${'.'.repeat(63_000)}@`, 254)).toBe('too_long');
    expect(checkField('email', "o'brien+tag@mail.example.com", 254)).toBeUndefined();
  });

  it("map the API's message for a forbidden character onto the same problem", () => {
    expect(serverFieldProblem('Control characters and bidirectional overrides are not allowed').problem).toBe('invalid_text');
  });
});
