// The change-request form: starts from the current billing details, checks every field, builds the API body.
import { afterEach, describe, expect, it } from 'vitest';
import type { BillingPage, ChangeRequest } from '../../shared/api-types';
import { changeRequestCreateSchema } from '../../shared/schemas/change-request.schema';
import {
  CHANGE_REQUEST_FIELDS,
  buildChangeRequest,
  changeRequestStatusText,
  changesNothing,
  initialChangeRequestValues,
  validateChangeRequest,
} from '../../extension/utils/forms/change-request-form';
import { setLocale, t } from '../../extension/utils/i18n/i18n';
import { formatDate } from '../../extension/utils/i18n/format';

const billingAddress = { line1: '8 rue de Rivoli', line2: 'Service comptabilité', city: 'Paris', region: null, postalCode: '75004', country: 'FR' };
const page: BillingPage = {
  accountId: 'acc_globex', role: 'holder', holderName: 'Chloé Dubois', editable: { contact: true, billing: false, vatId: true, invoiceLanguage: true, invoiceRecipients: true },
  paymentMethod: { type: 'invoice' },
  contact: { companyName: 'Globex SARL', firstName: 'Chloé', lastName: 'Dubois', email: 'chloe@globex.test', phone: '+33142868200', address: { ...billingAddress, line2: null } },
  billing: { email: 'compta@globex.test', phone: '+33142868201', vatId: 'FR40303265045', address: billingAddress, invoiceLanguage: 'fr', invoiceRecipients: [] },
  nextBillingDate: '2026-12-01', version: 3,
};

afterEach(() => setLocale('en'));

describe('change-request form', () => {
  it('starts with the new details equal to the current ones, the signed-in e-mail as contact and no details', () => {
    const values = initialChangeRequestValues(page, 'chloe@globex.test');
    expect(values['requested.address.line2']).toBe('Service comptabilité');
    expect(values['requested.address.region']).toBe('');
    expect(values['requested.phone']).toBe('+33142868201');
    expect(values['requested.email']).toBe('compta@globex.test');
    expect(values.contactEmail).toBe('chloe@globex.test');
    expect(values.details).toBe('');
    expect(changesNothing(page, values)).toBe(true);
    // The paths are the API's, so a server error lands on the right input.
    expect(CHANGE_REQUEST_FIELDS.map((s) => s.path)).toContain('requested.address.city');
  });

  it('flags every missing mandatory field and a malformed e-mail or phone', () => {
    const values = { ...initialChangeRequestValues(page, ''), 'requested.address.city': ' ', 'requested.phone': 'call me', 'requested.email': 'nope' };
    expect(validateChangeRequest(values)).toEqual({
      'requested.address.city': 'required',
      'requested.phone': 'invalid_phone',
      'requested.email': 'invalid_email',
      contactEmail: 'required',
      details: 'required',
    });
  });

  it('builds a body the API schema accepts: current as shown, new as typed (trimmed, country upper-cased, empty optional as null)', () => {
    const values = {
      ...initialChangeRequestValues(page, 'chloe@globex.test'),
      'requested.address.line1': " 42 avenue de l'Opéra ",
      'requested.address.line2': '',
      'requested.address.postalCode': '75002',
      'requested.address.country': 'fr',
      'requested.phone': '+33 1 42 00 00 00',
      'requested.email': 'factures@globex.test',
      details: 'Nous avons déménagé.',
    };
    expect(changesNothing(page, values)).toBe(false);
    const body = buildChangeRequest(page, values);
    expect(body.current).toEqual({ address: billingAddress, phone: '+33142868201', email: 'compta@globex.test' });
    expect(body.requested.address).toEqual({ line1: "42 avenue de l'Opéra", line2: null, city: 'Paris', region: null, postalCode: '75002', country: 'FR' });
    expect(body.requested.phone).toBe('+33 1 42 00 00 00');
    expect(changeRequestCreateSchema.safeParse(body).success).toBe(true);
  });
});

describe('case status and window, in both languages', () => {
  const base = { caseNumber: 'CR-2026-00001', expectedFrom: '2026-12-07', expectedBy: '2026-12-09', rejectReason: null, resolvedAt: null } as ChangeRequest;

  it('names the status with its date, and the reason for a rejection', () => {
    expect(changeRequestStatusText({ ...base, status: 'open' })).toBe('Open');
    expect(changeRequestStatusText({ ...base, status: 'completed', resolvedAt: '2026-12-03T10:00:00Z' })).toBe('Completed on December 3, 2026');
    setLocale('fr');
    expect(changeRequestStatusText({ ...base, status: 'completed', resolvedAt: '2026-12-03T10:00:00Z' })).toBe('Traitée le 3 décembre 2026');
    expect(changeRequestStatusText({ ...base, status: 'rejected', resolvedAt: '2026-12-03T10:00:00Z', rejectReason: 'Adresse incomplète' })).toBe(
      'Refusée le 3 décembre 2026\u00a0: Adresse incomplète',
    );
    // R13: a withdrawn case says so, never "Open".
    expect(changeRequestStatusText({ ...base, status: 'withdrawn', resolvedAt: '2026-12-03T10:00:00Z' })).toBe('Retirée le 3 décembre 2026');
    setLocale('en');
    expect(changeRequestStatusText({ ...base, status: 'withdrawn', resolvedAt: '2026-12-03T10:00:00Z' })).toBe('Withdrawn on December 3, 2026');
  });

  it('writes the expected window with dates in the chosen language', () => {
    setLocale('fr');
    expect(t('changeRequest.window', { from: formatDate(base.expectedFrom), by: formatDate(base.expectedBy) })).toBe(
      'Traitement prévu entre le 7 décembre 2026 et le 9 décembre 2026 (5 à 7 jours ouvrés).',
    );
  });
});
