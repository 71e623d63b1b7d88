// The change-request form (R6): the current billing details, the new ones prefilled, the case's contact and details.
import type { BillingPage, ChangeRequest } from '../../../shared/api-types';
import { LIMITS } from '../../../shared/fields';
import { AddressBlock } from '../../components/AddressBlock';
import { TextAreaField } from '../../components/TextAreaField';
import { PhoneText } from '../../components/PhoneText';
import { SpecField } from '../../components/SpecField';
import { useChangeRequestForm } from '../../hooks/useChangeRequestForm';
import { INPUT_TYPES, type FieldSpec } from '../../utils/forms/billing-form';
import { CASE_FIELDS, REQUESTED_ADDRESS_FIELDS, REQUESTED_CONTACT_FIELDS } from '../../utils/forms/change-request-form';
import { t } from '../../utils/i18n/i18n';

interface ChangeRequestFormProps {
  page: BillingPage;
  contactEmail: string;
  onFiled: (filed: ChangeRequest) => void;
  /** 409 `change_request_open`: a case was filed meanwhile. */
  onOpenCase: () => void;
}

export function ChangeRequestForm({ page, contactEmail, onFiled, onOpenCase }: ChangeRequestFormProps) {
  const form = useChangeRequestForm(page, contactEmail, onFiled, onOpenCase);
  const field = (spec: FieldSpec) => (
    <SpecField
      spec={spec}
      key={spec.path}
      id={spec.path}
      type={INPUT_TYPES[spec.kind]}
      label={t(spec.label)}
      value={form.values[spec.path] ?? ''}
      onInput={(v) => form.setField(spec.path, v)}
      problem={form.problems[spec.path]}
      required={spec.required}
    />
  );

  return (
    <>
      <h3>{t('changeRequest.currentTitle')}</h3>
      <dl data-testid="change-request-current">
        <dt>{t('changeRequest.address')}</dt>
        <dd><AddressBlock address={page.billing.address} /></dd>
        <dt>{t('fields.billingPhone')}</dt>
        <dd><PhoneText value={page.billing.phone} country={page.billing.address.country} /></dd>
        <dt>{t('fields.billingEmail')}</dt>
        <dd>{page.billing.email}</dd>
      </dl>
      <form
        noValidate
        aria-labelledby="change-request-heading"
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit();
        }}
      >
        <fieldset>
          <legend>{t('changeRequest.newTitle')}</legend>
          <div class="grid">
            {REQUESTED_ADDRESS_FIELDS.map(field)}
            {REQUESTED_CONTACT_FIELDS.map(field)}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('changeRequest.caseTitle')}</legend>
          {field(CASE_FIELDS[0])}
          <TextAreaField
            id="details"
            label={t('changeRequest.details')}
            value={form.values.details ?? ''}
            onInput={(v) => form.setField('details', v)}
            problem={form.problems.details}
            maxLength={LIMITS.details}
            required
          />
        </fieldset>
        <div class="actions">
          <button type="submit" disabled={form.sending}>
            {form.sending ? t('changeRequest.sending') : t('changeRequest.submit')}
          </button>
        </div>
      </form>
      <div class={`status ${form.status?.kind ?? ''}`} role="status" aria-live="polite" aria-atomic="true" data-testid="change-request-form-status">
        {form.status?.text}
      </div>
    </>
  );
}
