// The toolbar popup: sign-in, or the active profile with its fastpaths, cases and quick contact edit; a member reads one reason.
import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ProfileSwitcher } from '../../components/ProfileSwitcher';
import { useSession } from '../../hooks/useSession';
import { useStoredValue } from '../../hooks/useStoredValue';
import { memberReason, t } from '../../utils/i18n/i18n';
import { refreshProfiles, setActiveAccount, signOut } from '../../utils/session';
import { readSnapshot } from '../../utils/snapshot';
import { billingCacheItem } from '../../utils/storage';
import { ContactQuickEdit } from './ContactQuickEdit';
import { Fastpaths } from './Fastpaths';
import { OpenCaseStatus } from './OpenCaseStatus';
import { SignInForm } from './SignInForm';
import { SupportDeskEntry } from './SupportDeskEntry';
import { UnpaidInvoices } from './UnpaidInvoices';

const REASON_ID = 'member-reason';

export function App() {
  const { ready, session, profiles, activeProfile, endedEmail } = useSession();
  /** Changes with each new sign-in (a new expiry), without the token (the snapshot holds none). */
  const token = session ? `${session.user.email} ${session.expiresAt}` : undefined;
  const heading = useRef<HTMLHeadingElement>(null);
  /** Whether this popup showed the sign-in form: then a new session moves focus to the heading. */
  const signedOutHere = useRef(false);
  // The Billing page the quick edit loads names the holder, for the member's reason (R3).
  const cache = useStoredValue(billingCacheItem, readSnapshot()?.billingCache);

  useEffect(() => {
    // The stored profiles paint at once; this brings renamed or new memberships in.
    if (token) refreshProfiles().catch(() => undefined);
    if (token && signedOutHere.current) heading.current?.focus();
    if (ready && !token) signedOutHere.current = true;
  }, [token, ready]);

  const options = (
    <p>
      <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('nav.options')}
      </button>
    </p>
  );

  if (!ready) {
    return (
      <main class="popup">
        <p class="muted">{t('common.loading')}</p>
      </main>
    );
  }
  if (!session) {
    return (
      <main class="popup">
        <SignInForm endedEmail={endedEmail} />
        {options}
      </main>
    );
  }
  return (
    <main class="popup">
      <div class="row">
        <h1 ref={heading} tabIndex={-1}>{t('common.appName')}</h1>
        <button type="button" class="secondary" onClick={() => void signOut()}>
          {t('common.signOut')}
        </button>
      </div>
      <p class="muted">{t('popup.signedInAs', { email: session.user.email })}</p>
      {session.user.isSupport && <SupportDeskEntry />}
      {session.user.isSupport && profiles.length === 0 ? null : profiles.length === 0 ? (
        <p>{t('profile.noProfiles')}</p>
      ) : (
        <ProfileSwitcher
          profiles={profiles}
          activeAccountId={activeProfile?.accountId}
          onChange={(id) => void setActiveAccount(id)}
        />
      )}
      {activeProfile && (
        <>
          {activeProfile.role !== 'holder' && (
            // One reason for the whole popup (R3, R4): the greyed fastpaths and fields both point to it.
            <p id={REASON_ID} class="reason" data-testid="reason">
              {memberReason('profile.memberFastpathsReason', activeProfile, cache?.[activeProfile.accountId]?.holderName)}
            </p>
          )}
          <Fastpaths profile={activeProfile} reasonId={REASON_ID} />
          <OpenCaseStatus key={`cases-${activeProfile.accountId}`} profile={activeProfile} />
          <UnpaidInvoices key={`unpaid-${activeProfile.accountId}`} profile={activeProfile} />
          <ContactQuickEdit key={activeProfile.accountId} profile={activeProfile} reasonId={REASON_ID} />
        </>
      )}
      {options}
    </main>
  );
}
