// One section of the Billing page (contact or billing): its fields, its address under a sub-heading, Save and Discard.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { SpecField } from '../../components/SpecField';
import type { useBillingForm } from '../../hooks/useBillingForm';
import { isAddressPath, type FieldSpec } from '../../utils/forms/billing-form';
import { t, type MessageKey } from '../../utils/i18n/i18n';

interface FormSectionProps {
  id: string;
  title: MessageKey;
  /** The sub-heading over the section's postal address. */
  addressTitle: MessageKey;
  saveLabel: MessageKey;
  specs: FieldSpec[];
  form: ReturnType<typeof useBillingForm>;
  /** Per field: an invoice payer's billing section has only its VAT id editable (R6, R14). */
  editable: (path: string) => boolean;
  /**
   * Offers "same as contact address": while ticked, the section's address fields take the values of
   * these fields (same order) and follow them. Only given where the address is editable here.
   */
  copyAddressFrom?: FieldSpec[];
  /** A member's draft proposal (issue 16): the fields are marked as a proposal and the section has no Save of its own. */
  proposal?: boolean;
  children?: ComponentChildren;
}

export function FormSection(props: FormSectionProps) {
  const { id, title, addressTitle, saveLabel, specs, form, editable, copyAddressFrom, proposal, children } = props;
  // Save and Discard act on the editable fields only; the others are shown greyed.
  const editableSpecs = specs.filter((s) => editable(s.path));
  const dirty = form.dirty(editableSpecs).length > 0;
  const addressSpecs = specs.filter((s) => isAddressPath(s.path));
  const [same, setSame] = useState(false);
  const source = copyAddressFrom?.map((s) => form.values[s.path] ?? '') ?? [];

  useEffect(() => {
    if (!same || !copyAddressFrom) return;
    addressSpecs.forEach((spec, i) => {
      if ((form.values[spec.path] ?? '') !== source[i]) form.setField(spec.path, source[i]);
    });
  }, [same, source.join('\u0000')]);

  const field = (spec: FieldSpec) => (
    <SpecField
      key={spec.path}
      spec={spec}
      id={spec.path}
      label={t(spec.label)}
      value={form.values[spec.path] ?? ''}
      onInput={(v) => {
        // Typing into a copied address makes it this section's own again.
        if (same && isAddressPath(spec.path)) setSame(false);
        form.setField(spec.path, v);
      }}
      disabled={!editable(spec.path)}
      problem={form.problems[spec.path]}
      savedNow={form.savedNow(spec.path)}
      required={spec.required}
    />
  );

  return (
    <section aria-labelledby={`${id}-heading`} class={proposal ? 'proposal-draft' : undefined}>
      <h2 id={`${id}-heading`}>
        {t(title)}
        {proposal && <span class="badge pending"> {t('proposals.draftMark')}</span>}
      </h2>
      {children}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.save(editableSpecs);
        }}
      >
        <div class="grid">{specs.filter((s) => !isAddressPath(s.path)).map(field)}</div>
        <h3 id={`${id}-address-heading`}>{t(addressTitle)}</h3>
        {copyAddressFrom && (
          <div class="choice">
            <label>
              <input
                type="checkbox"
                id={`${id}-same-address`}
                checked={same}
                onChange={(e) => setSame(e.currentTarget.checked)}
              />{' '}
              {t('billing.sameAsContact')}
            </label>
          </div>
        )}
        <div class="grid" role="group" aria-labelledby={`${id}-address-heading`}>
          {addressSpecs.map(field)}
        </div>
        {editableSpecs.length > 0 && !proposal && (
          <div class="actions">
            <button type="submit" disabled={!dirty || form.saving}>
              {t(saveLabel)}
            </button>
            <button type="button" class="secondary" disabled={!dirty || form.saving} onClick={() => form.discard(editableSpecs)}>
              {t('common.discard')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
