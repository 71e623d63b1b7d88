// The gate in front of every holder-only page (R4): signed in, an account chosen, and its holder.
import type { ComponentChildren } from 'preact';
import type { Profile } from '../../shared/api-types';
import { useSession } from '../hooks/useSession';
import { useStoredValue } from '../hooks/useStoredValue';
import { memberReason as reasonText, t, type MessageKey } from '../utils/i18n/i18n';
import { billingCacheItem } from '../utils/storage';
import { accountFromQuery } from '../utils/query';

export interface HolderContext {
  accountId: string;
  /** Undefined when `?account=` names an account not among the stored profiles; the API answers 404. */
  profile: Profile | undefined;
}

interface HolderOnlyPageProps {
  title: MessageKey;
  memberReason: MessageKey;
  children: (context: HolderContext) => ComponentChildren;
}

export function HolderOnlyPage({ title, memberReason, children }: HolderOnlyPageProps) {
  const { ready, session, activeProfile } = useSession(accountFromQuery());
  const accountId = activeProfile?.accountId ?? accountFromQuery();
  // The last Billing page seen names the holder; before one was seen, the reason says "the account holder".
  const holderName = useStoredValue(billingCacheItem)?.[accountId ?? '']?.holderName;
  if (ready && session && accountId && activeProfile?.role !== 'user') {
    return <>{children({ accountId, profile: activeProfile })}</>;
  }
  return (
    <main>
      <h1>{t(title)}</h1>
      {!ready ? (
        <p class="muted">{t('common.loading')}</p>
      ) : !session ? (
        <p>{t('account.signedOut')}</p>
      ) : !accountId ? (
        <p>{t('account.noAccount')}</p>
      ) : (
        <p class="reason" data-testid="reason">
          {reasonText(memberReason, activeProfile, holderName)}
        </p>
      )}
    </main>
  );
}
