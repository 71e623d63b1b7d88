// The popup's in-place edit of company name, contact e-mail and phone, greyed for members (R3).
import type { Profile } from '../../../shared/api-types';
import { StatusRegion } from '../../components/StatusRegion';
import { TextField } from '../../components/TextField';
import { useBillingForm } from '../../hooks/useBillingForm';
import { useBillingPage } from '../../hooks/useBillingPage';
import { POPUP_FIELDS, fieldAttributes } from '../../utils/billing-form';
import { errorMessage } from '../../utils/format';
import { profileName, t } from '../../utils/i18n';
import { openExtensionPage, pageUrl } from '../../utils/tabs';

/** Short ids the popup's inputs use (stable selectors), by API path. */
const IDS: Record<string, { id: string; type: 'text' | 'email' | 'tel' }> = {
  'contact.companyName': { id: 'companyName', type: 'text' },
  'contact.email': { id: 'contactEmail', type: 'email' },
  'contact.phone': { id: 'contactPhone', type: 'tel' },
};

export function ContactQuickEdit({ profile }: { profile: Profile }) {
  const billing = useBillingPage(profile.accountId);
  const form = useBillingForm(billing, POPUP_FIELDS);
  const page = billing.page;
  const member = profile.role !== 'holder' || (page !== null && !page.editable.contact);
  const refreshError =
    billing.error && billing.error.code !== 'unauthenticated'
      ? { kind: 'error' as const, text: t('common.refreshFailed', { message: errorMessage(billing.error.code) }) }
      : null;

  function submit(event: Event) {
    event.preventDefault();
    void form.save(POPUP_FIELDS);
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="contact-heading">
      <h2 id="contact-heading">{t('popup.contact')}</h2>
      {member && (
        <p class="reason" data-testid="reason">
          {t('profile.memberReason', { profile: profileName(profile) })}
        </p>
      )}
      {!page ? (
        <p class="muted">{t('common.loading')}</p>
      ) : (
        POPUP_FIELDS.map((spec) => (
          <TextField
            key={spec.path}
            id={IDS[spec.path].id}
            type={IDS[spec.path].type}
            label={t(spec.label)}
            value={form.values[spec.path] ?? ''}
            onInput={(v) => form.setField(spec.path, v)}
            disabled={member}
            problem={form.problems[spec.path]}
            savedNow={form.savedNow(spec.path)}
            required={spec.required}
            {...fieldAttributes(spec)}
          />
        ))
      )}
      <div class="actions">
        <button type="submit" disabled={member || !page || form.saving || form.dirty(POPUP_FIELDS).length === 0}>
          {form.saving ? t('common.saving') : t('common.save')}
        </button>
        {page?.paymentMethod.type === 'invoice' && profile.role === 'holder' && (
          <a
            href={pageUrl('billing', profile.accountId, 'change-request')}
            onClick={(e) => {
              e.preventDefault();
              void openExtensionPage('billing', profile.accountId, 'change-request');
            }}
          >
            {t('popup.requestChange')}
          </a>
        )}
      </div>
      <StatusRegion status={form.status ?? refreshError} />
    </form>
  );
}
