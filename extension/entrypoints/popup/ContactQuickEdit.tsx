// The popup's in-place edit of company name, contact e-mail and phone, greyed for members (R3), with a draft that outlives the popup.
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { Profile } from '../../../shared/api-types';
import { StatusRegion } from '../../components/StatusRegion';
import { TextField } from '../../components/TextField';
import { useBillingForm } from '../../hooks/useBillingForm';
import { useBillingPage } from '../../hooks/useBillingPage';
import { POPUP_FIELDS, fieldAttributes } from '../../utils/forms/billing-form';
import { errorMessage } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';
import { contactDraftItem, storeContactDraft } from '../../utils/storage';
import { openExtensionPage, pageUrl } from '../../utils/background/tabs';
import { markFirstData } from '../../utils/perf/first-data-mark';

/** Short ids the popup's inputs use (stable selectors), by API path. */
const IDS: Record<string, { id: string; type: 'text' | 'email' | 'tel' }> = {
  'contact.companyName': { id: 'companyName', type: 'text' },
  'contact.email': { id: 'contactEmail', type: 'email' },
  'contact.phone': { id: 'contactPhone', type: 'tel' },
};

/**
 * Mount it with `key={accountId}`. `reasonId`: the popup's one member reason, which the greyed
 * fields' Save button points to (the reason itself is shown once, above the fastpaths).
 */
export function ContactQuickEdit({ profile, reasonId }: { profile: Profile; reasonId: string }) {
  const billing = useBillingPage(profile.accountId);
  const form = useBillingForm(billing, POPUP_FIELDS);
  const page = billing.page;
  const member = profile.role !== 'holder' || (page !== null && !page.editable.contact);
  const [restored, setRestored] = useState(false);
  const refreshError =
    billing.error && billing.error.code !== 'unauthenticated'
      ? { kind: 'error' as const, text: t('common.refreshFailed', { message: errorMessage(billing.error.code) }) }
      : null;

  useEffect(() => {
    // A toolbar popup closes on any outside click: what was typed comes back when it opens again.
    if (!page || restored) return;
    void contactDraftItem.getValue().then((drafts) => {
      if (!member) for (const [path, value] of Object.entries(drafts[profile.accountId] ?? {})) form.setField(path, value);
      setRestored(true);
    });
  }, [page, restored]);

  const changed = form.dirty(POPUP_FIELDS);
  // Committed to the DOM, before the frame that paints it: the bench's "popup painted" time.
  useLayoutEffect(() => {
    if (page && form.values['contact.companyName']) markFirstData();
  });
  useEffect(() => {
    // Only after the stored draft was read back, so the first paint does not erase it.
    if (!restored || member) return;
    const draft = changed.length ? Object.fromEntries(changed.map((path) => [path, form.values[path] ?? ''])) : null;
    void storeContactDraft(profile.accountId, draft);
  }, [restored, member, form.values]);

  function submit(event: Event) {
    event.preventDefault();
    void form.save(POPUP_FIELDS);
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="contact-heading">
      <h2 id="contact-heading">{t('popup.contact')}</h2>
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
        <button
          type="submit"
          disabled={member || !page || form.saving || changed.length === 0}
          aria-describedby={member ? reasonId : undefined}
        >
          {form.saving ? t('common.saving') : t('common.save')}
        </button>
        {!member && changed.length > 0 && (
          <button type="button" class="secondary" disabled={form.saving} onClick={() => form.discard(POPUP_FIELDS)}>
            {t('common.discard')}
          </button>
        )}
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
