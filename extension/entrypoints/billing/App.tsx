// The Billing page: contact and billing sections, payment method, next billing date, stale-save merge.
import { useEffect, useRef, useState } from 'preact/hooks';
import { StatusRegion } from '../../components/StatusRegion';
import { useBillingForm } from '../../hooks/useBillingForm';
import { useBillingPage } from '../../hooks/useBillingPage';
import { useChangeRequests } from '../../hooks/useChangeRequests';
import { useProposals } from '../../hooks/useProposals';
import { proposalsApi } from '../../utils/api/proposals';
import { useSession } from '../../hooks/useSession';
import { useUpcomingInvoice } from '../../hooks/useUpcomingInvoice';
import { useUnsavedWarning } from '../../hooks/useUnsavedWarning';
import { BILLING_FIELDS, CONTACT_FIELDS, DELIVERY_FIELDS, isAddressPath, isFieldEditable } from '../../utils/forms/billing-form';
import { errorMessage, formatDate, formatPaymentMethod } from '../../utils/i18n/format';
import { memberReason, profileName, t } from '../../utils/i18n/i18n';
import { accountFromQuery } from '../../utils/query';
import { ChangeRequestSection } from './ChangeRequestSection';
import { DeliverySection } from './DeliverySection';
import { FormSection } from './FormSection';
import { MyProposals } from './MyProposals';
import { ProposalDraft } from './ProposalDraft';
import { ProposalReview } from './ProposalReview';
import { UpcomingInvoiceLine } from './UpcomingInvoiceLine';

const ALL_FIELDS = [...CONTACT_FIELDS, ...BILLING_FIELDS, ...DELIVERY_FIELDS];

export function App() {
  const session = useSession(accountFromQuery());
  const accountId = session.session ? (session.activeProfile?.accountId ?? accountFromQuery()) : null;
  const billing = useBillingPage(accountId);
  const form = useBillingForm(billing, ALL_FIELDS);
  const page = billing.page;
  const scrolled = useRef(false);
  // R6: only the holder of an invoice-paying account files and follows change requests.
  const filesChangeRequests = page?.role === 'holder' && page.paymentMethod.type === 'invoice';
  const cases = useChangeRequests(filesChangeRequests ? accountId : null);
  const proposals = useProposals(accountId, page?.role);
  // A member's "Suggest a change" (issue 16): the fields open as a draft proposal, never a save.
  const [drafting, setDrafting] = useState(false);
  useEffect(() => setDrafting(false), [accountId]);
  // Holder only, like the route; refetched after every save (the version moves), so the bill-to is current.
  const upcoming = useUpcomingInvoice(page?.role === 'holder' ? accountId : null, page?.version);
  useUnsavedWarning(form.unsaved);

  useEffect(() => {
    // The section only exists once the page has loaded, so the browser cannot jump to `#…` itself.
    if (!page || scrolled.current || !location.hash) return;
    const target = document.getElementById(location.hash.slice(1));
    if (!target) return;
    scrolled.current = true;
    target.scrollIntoView();
    target.querySelector<HTMLElement>('h2')?.focus();
  }, [page]);

  if (!session.ready) return <main><p class="muted">{t('common.loading')}</p></main>;
  if (!session.session) {
    return (
      <main>
        <h1>{t('billing.title')}</h1>
        <p>{t('errors.unauthenticated')}</p>
      </main>
    );
  }
  const profile = session.activeProfile;
  const member = page ? page.role !== 'holder' : profile?.role === 'user';
  const invoicePayer = page?.paymentMethod.type === 'invoice';
  const editable = (path: string) => (page ? drafting || isFieldEditable(page, path) : false);
  const holder = page?.holderName ?? t('profile.anyHolder');
  async function sendProposal(note: string | null) {
    if (!page) return;
    const sent = await form.propose(ALL_FIELDS, async (patch) => {
      await proposalsApi.create(page.accountId, patch, note);
      return t('proposals.sent', { holder });
    });
    if (sent) {
      setDrafting(false);
      await proposals.reload();
    }
  }
  const refreshError = billing.error
    ? { kind: 'error' as const, text: errorMessage(billing.error.code) }
    : null;

  return (
    <main>
      <h1>
        {t('billing.title')}
        {profile ? ` — ${profileName(profile)}` : ''}
      </h1>
      {!accountId && <p>{t('billing.noAccount')}</p>}
      {member && profile && (
        <p class="reason" data-testid="reason">
          {memberReason('profile.memberReason', profile, page?.holderName)}
        </p>
      )}
      {member && page && !drafting && (
        <div class="actions">
          <button type="button" data-testid="suggest" onClick={() => setDrafting(true)}>{t('proposals.suggest')}</button>
        </div>
      )}
      <StatusRegion status={form.status ?? refreshError} />
      {accountId && !page && !billing.error && <p class="muted">{t('common.loading')}</p>}
      {page && (
        <>
          <dl>
            <dt>{t('billing.paymentMethod')}</dt>
            <dd data-testid="payment-method">{formatPaymentMethod(page.paymentMethod)}</dd>
            <dt>{t('billing.nextBillingDate')}</dt>
            <dd>{page.nextBillingDate ? formatDate(page.nextBillingDate) : t('billing.none')}</dd>
          </dl>
          <UpcomingInvoiceLine upcoming={upcoming} />
          {page.role === 'holder' && (
            <p>
              <a href={`activity.html?account=${encodeURIComponent(page.accountId)}`} data-testid="activity-link">{t('activity.billingLink')}</a>
            </p>
          )}
          {!member && <ProposalReview page={page} billing={billing} proposals={proposals} report={form.setStatus} />}
          <FormSection id="contact" title="billing.contactSection" addressTitle="billing.contactAddress"
            saveLabel="billing.saveContact" specs={CONTACT_FIELDS} form={form} editable={editable} proposal={drafting} />
          <FormSection id="billing" title="billing.billingSection" addressTitle="billing.billingAddress"
            saveLabel="billing.saveBilling" specs={BILLING_FIELDS} form={form} editable={editable} proposal={drafting}
            copyAddressFrom={editable('billing.address.line1') ? CONTACT_FIELDS.filter((s) => isAddressPath(s.path)) : undefined}>
            {invoicePayer && !member && <p class="note">{t('billing.invoiceNote')}</p>}
            {invoicePayer && drafting && <p class="note">{t('proposals.invoiceNote')}</p>}
          </FormSection>
          <DeliverySection form={form} editable={editable} billingEmail={page.billing.email} />
          {drafting && (
            <ProposalDraft holder={holder} sending={form.saving} onSend={(note) => void sendProposal(note)}
              onCancel={() => { form.discard(ALL_FIELDS); setDrafting(false); }} />
          )}
          {member && <MyProposals page={page} proposals={proposals} report={form.setStatus} />}
          {invoicePayer && !member && (
            <ChangeRequestSection page={page} contactEmail={session.session.user.email} cases={cases} upcoming={upcoming} />
          )}
        </>
      )}
    </main>
  );
}
