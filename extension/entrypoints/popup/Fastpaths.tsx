// The four fastpath buttons; the holder-only ones are disabled for members, with the reason (R4).
import type { Profile } from '../../../shared/api-types';
import { FASTPATHS } from '../../utils/fastpaths';
import { profileName, t } from '../../utils/i18n';
import { openExtensionPage } from '../../utils/tabs';

export function Fastpaths({ profile }: { profile: Profile }) {
  const member = profile.role !== 'holder';
  return (
    <nav aria-label={t('popup.fastpaths')}>
      <div class="fastpaths">
        {FASTPATHS.map((p) => (
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
