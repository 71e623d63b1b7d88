// "Billing mails" on the Billing page (issue 14): the invoice language and up to 5 more recipients, edited directly by every holder.
import { useState } from 'preact/hooks';
import { MAX_INVOICE_RECIPIENTS } from '../../../shared/invoice-recipients';
import { SpecField } from '../../components/SpecField';
import type { useBillingForm } from '../../hooks/useBillingForm';
import { DELIVERY_FIELDS, isRecipientPath, type FieldSpec } from '../../utils/forms/billing-form';
import { t } from '../../utils/i18n/i18n';

interface DeliverySectionProps {
  form: ReturnType<typeof useBillingForm>;
  editable: (path: string) => boolean;
  /** The billing e-mail as saved, which always gets the mails. */
  billingEmail: string;
}

const LANGUAGE = DELIVERY_FIELDS[0];
const ROWS = DELIVERY_FIELDS.filter((s) => isRecipientPath(s.path));

export function DeliverySection({ form, editable, billingEmail }: DeliverySectionProps) {
  const editableSpecs = DELIVERY_FIELDS.filter((s) => editable(s.path));
  const dirty = form.dirty(editableSpecs).length > 0;
  const mayEditRows = editable(ROWS[0].path);
  const value = (spec: FieldSpec) => form.values[spec.path] ?? '';
  // Rows shown: every filled one, plus the empty ones "Add a recipient" opened.
  const [added, setAdded] = useState(0);
  const filled = ROWS.reduce((last, spec, i) => (value(spec).trim() ? i + 1 : last), 0);
  const shown = Math.min(MAX_INVOICE_RECIPIENTS, Math.max(filled, added));

  function remove(index: number) {
    // The rows below move up one, as the list the API keeps does.
    for (let i = index; i < ROWS.length; i++) {
      const next = ROWS[i + 1] ? value(ROWS[i + 1]) : '';
      if (value(ROWS[i]) !== next) form.setField(ROWS[i].path, next);
    }
    setAdded(shown - 1);
  }

  function add() {
    setAdded(shown + 1);
    // Focus the new row once it is on screen.
    setTimeout(() => document.getElementById(ROWS[shown]?.path ?? '')?.focus(), 0);
  }

  return (
    <section id="invoice-delivery" aria-labelledby="invoice-delivery-heading">
      <h2 id="invoice-delivery-heading">{t('billing.deliverySection')}</h2>
      <p class="muted">{t('billing.deliveryNote', { email: billingEmail })}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.save(editableSpecs).then((ok) => ok && setAdded(0));
        }}
      >
        <SpecField spec={LANGUAGE} id={LANGUAGE.path} label={t(LANGUAGE.label)} value={value(LANGUAGE)}
          onInput={(v) => form.setField(LANGUAGE.path, v)} disabled={!editable(LANGUAGE.path)}
          problem={form.problems[LANGUAGE.path]} savedNow={form.savedNow(LANGUAGE.path)} required />
        <fieldset class="recipients" data-testid="invoice-recipients">
          <legend>{t('billing.recipients', { max: MAX_INVOICE_RECIPIENTS })}</legend>
          {shown === 0 && <p class="muted">{t('billing.noRecipients')}</p>}
          {ROWS.slice(0, shown).map((spec, i) => (
            <div class="recipient" key={spec.path}>
              <SpecField spec={spec} id={spec.path} label={t('fields.invoiceRecipient', { n: i + 1 })} value={value(spec)}
                onInput={(v) => form.setField(spec.path, v)} disabled={!editable(spec.path)}
                problem={form.problems[spec.path]} savedNow={form.savedNow(spec.path)} />
              {mayEditRows && (
                <button type="button" class="secondary" aria-label={t('billing.removeRecipient', { n: i + 1 })} onClick={() => remove(i)}>
                  {t('billing.remove')}
                </button>
              )}
            </div>
          ))}
          {mayEditRows && shown < MAX_INVOICE_RECIPIENTS && (
            <button type="button" class="secondary" onClick={add}>
              {t('billing.addRecipient')}
            </button>
          )}
        </fieldset>
        {editableSpecs.length > 0 && (
          <div class="actions">
            <button type="submit" disabled={!dirty || form.saving}>
              {t('billing.saveDelivery')}
            </button>
            <button type="button" class="secondary" disabled={!dirty || form.saving}
              onClick={() => {
                form.discard(editableSpecs);
                setAdded(0);
              }}>
              {t('common.discard')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
