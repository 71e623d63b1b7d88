// Every input of the Billing page and the change-request form carries the server's own length limit and a valid autofill token.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { billingPagePatchSchema } from '../../shared/schemas/billing.schema';
import { changeRequestCreateSchema } from '../../shared/schemas/change-request.schema';
import { BILLING_FIELDS, CONTACT_FIELDS, POPUP_FIELDS, fieldAttributes, type FieldSpec } from '../../extension/utils/forms/billing-form';
import { CHANGE_REQUEST_FIELDS } from '../../extension/utils/forms/change-request-form';

/** Sets `value` at a dotted path of a fresh object. */
function bodyWith(path: string, value: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const keys = path.split('.');
  let node = body;
  for (const key of keys.slice(0, -1)) node = (node[key] = {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
  return body;
}

/** Whether the server's schema refuses `length` characters at `path` for being too long. */
function refusedAsTooLong(schema: z.ZodType, path: string, length: number): boolean {
  const result = schema.safeParse(bodyWith(path, 'a'.repeat(length)));
  return !result.success && result.error.issues.some((i) => i.path.join('.') === path && /at most/i.test(i.message));
}

/** WHATWG HTML §4.10.18.7 autofill field names this project uses, with the optional "billing" section token. */
const AUTOFILL = new Set([
  'organization', 'given-name', 'family-name', 'email', 'tel', 'address-line1', 'address-line2',
  'address-level2', 'address-level1', 'postal-code', 'country',
]);

const cases: [string, z.ZodType, FieldSpec[]][] = [
  ['Billing page', billingPagePatchSchema, [...CONTACT_FIELDS, ...BILLING_FIELDS]],
  ['change request', changeRequestCreateSchema, CHANGE_REQUEST_FIELDS],
];

describe.each(cases)('%s inputs', (_name, schema, specs) => {
  const inputs = specs.filter((s) => s.kind !== 'country');

  it.each(inputs.map((s) => [s.path, s] as const))('%s has maxlength = the server limit', (path, spec) => {
    const { maxLength } = fieldAttributes(spec);
    expect(maxLength).toBe(spec.max);
    // The limit the API enforces: one character more is refused as too long, the limit itself is not.
    expect(refusedAsTooLong(schema, path, maxLength! + 1)).toBe(true);
    expect(refusedAsTooLong(schema, path, maxLength!)).toBe(false);
  });

  it('gives every field a WHATWG autofill token, "billing …" for billing details', () => {
    for (const spec of specs) {
      const token = fieldAttributes(spec).autoComplete;
      if (token === 'off') continue;
      const [first, second] = token.split(' ');
      expect(second ? first : 'billing', spec.path).toBe('billing');
      expect(AUTOFILL.has(second ?? first), spec.path).toBe(true);
      expect(second !== undefined, spec.path).toBe(/^(billing|requested)\./.test(spec.path));
    }
  });
});

describe('the popup quick edit', () => {
  it('carries the same attributes as the Billing page for its three fields', () => {
    for (const spec of POPUP_FIELDS) {
      expect(fieldAttributes(spec)).toEqual(fieldAttributes(CONTACT_FIELDS.find((s) => s.path === spec.path)!));
    }
  });
});
