// One section of the Billing page (contact or billing): its fields, its Save and Discard buttons.
import type { ComponentChildren } from 'preact';
import { TextField } from '../../components/TextField';
import type { useBillingForm } from '../../hooks/useBillingForm';
import { INPUT_TYPES, type FieldSpec } from '../../utils/billing-form';
import { t, type MessageKey } from '../../utils/i18n';

interface FormSectionProps {
  id: string;
  title: MessageKey;
  saveLabel: MessageKey;
  specs: FieldSpec[];
  form: ReturnType<typeof useBillingForm>;
  /** Per field: an invoice payer's billing section has only its VAT id editable (R6, R14). */
  editable: (path: string) => boolean;
  children?: ComponentChildren;
}

export function FormSection({ id, title, saveLabel, specs, form, editable, children }: FormSectionProps) {
  // Save and Discard act on the editable fields only; the others are shown greyed.
  const editableSpecs = specs.filter((s) => editable(s.path));
  const dirty = form.dirty(editableSpecs).length > 0;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t(title)}</h2>
      {children}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.save(editableSpecs);
        }}
      >
        <div class="grid">
          {specs.map((spec) => (
            <TextField
              key={spec.path}
              id={spec.path}
              type={INPUT_TYPES[spec.kind]}
              label={t(spec.label)}
              value={form.values[spec.path] ?? ''}
              onInput={(v) => form.setField(spec.path, v)}
              disabled={!editable(spec.path)}
              problem={form.problems[spec.path]}
              savedNow={form.savedNow(spec.path)}
              required={spec.required}
            />
          ))}
        </div>
        {editableSpecs.length > 0 && (
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
