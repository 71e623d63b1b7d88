// The four fastpath buttons; the holder-only ones are disabled for members, with the reason (R4).
import type { Profile } from '../../../shared/api-types';
import { profileName, t, type MessageKey } from '../../utils/i18n';
import { openExtensionPage, type ExtensionPage, type PageParams } from '../../utils/tabs';

interface Fastpath {
  page: ExtensionPage;
  label: MessageKey;
  holderOnly: boolean;
  params?: PageParams;
}

const PATHS: Fastpath[] = [
  { page: 'billing', label: 'popup.billing', holderOnly: false },
  { page: 'billing-history', label: 'popup.history', holderOnly: true },
  // The receipt page resolves the latest paid invoice and prints itself once it is on screen (R10).
  { page: 'receipt', label: 'popup.receipt', holderOnly: true, params: { latest: '1', print: '1' } },
  { page: 'subscriptions', label: 'popup.subscriptions', holderOnly: true },
];

export function Fastpaths({ profile }: { profile: Profile }) {
  const member = profile.role !== 'holder';
  return (
    <nav aria-label={t('popup.fastpaths')}>
      <div class="fastpaths">
        {PATHS.map((p) => (
          <button
            key={p.page}
            type="button"
            disabled={member && p.holderOnly}
            aria-describedby={member && p.holderOnly ? 'fastpaths-reason' : undefined}
            onClick={() => void openExtensionPage(p.page, profile.accountId, undefined, p.params)}
          >
            {t(p.label)}
          </button>
        ))}
      </div>
      {member && (
        <p id="fastpaths-reason" class="reason">
          {t('profile.memberFastpathsReason', { profile: profileName(profile) })}
        </p>
      )}
    </nav>
  );
}
