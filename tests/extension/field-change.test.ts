// Guard: every field a Billing page PATCH can change has a label and readable values wherever a change is shown (Activity, proposals).
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { billingPagePatchSchema } from '../../shared/schemas/billing.schema';
import { changeLabel, changeValueText } from '../../extension/components/FieldChange';
import { setLocale } from '../../extension/utils/i18n/i18n';

/** Every leaf path of the PATCH body ("contact.address.city"), read off the schema itself, plus whole addresses. */
function patchPaths(schema: z.ZodType, prefix = ''): string[] {
  const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
  if (!(inner instanceof z.ZodObject)) return [prefix];
  const paths = Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, child]) => patchPaths(child, prefix ? `${prefix}.${key}` : key));
  return prefix.endsWith('.address') ? [prefix, ...paths] : paths;
}

const PATHS = patchPaths(billingPagePatchSchema);

afterEach(() => setLocale('en'));

describe('a changed field, as Activity and proposals show it', () => {
  it('reads the PATCH schema (the guard would pass vacuously otherwise)', () => {
    expect(PATHS).toContain('billing.invoiceRecipients');
    expect(PATHS).toContain('contact.address');
    expect(PATHS).toContain('contact.address.city');
    expect(PATHS.length).toBeGreaterThan(20);
  });

  it.each(['en', 'fr'] as const)('has a label for every field in %s, never the API path', (locale) => {
    setLocale(locale);
    const unlabelled = PATHS.filter((path) => changeLabel(path) === path || /[a-z]\.[a-z]/i.test(changeLabel(path)));
    expect(unlabelled).toEqual([]);
  });

  it('names languages, lists recipients, and says "(empty)" for an empty list', () => {
    expect(changeValueText('billing.invoiceLanguage', 'fr')).toBe('Français');
    expect(changeValueText('billing.invoiceRecipients', [])).toBe('(empty)');
    expect(changeValueText('billing.invoiceRecipients', ['a@acme.test', 'b@acme.test'])).toBe('a@acme.test, b@acme.test');
    setLocale('fr');
    expect(changeValueText('billing.invoiceLanguage', 'en')).toBe('English');
    expect(changeLabel('billing.invoiceRecipients')).toBe('Autres destinataires des e-mails de facturation');
    expect(changeLabel('billing.address.city')).toBe('Adresse de facturation, Ville');
  });
});
