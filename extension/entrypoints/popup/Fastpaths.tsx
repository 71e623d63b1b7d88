// The four fastpath buttons; the holder-only ones are disabled for members, described by the popup's one reason (R4).
import type { Profile } from '../../../shared/api-types';
import { FASTPATHS } from '../../utils/fastpaths';
import { t } from '../../utils/i18n/i18n';
import { openExtensionPage } from '../../utils/background/tabs';

/** `reasonId`: the id of the popup's member reason, which the disabled buttons point to. */
export function Fastpaths({ profile, reasonId }: { profile: Profile; reasonId: string }) {
  const member = profile.role !== 'holder';
  return (
    <nav aria-label={t('popup.fastpaths')}>
      <div class="fastpaths">
        {FASTPATHS.map((p) => (
          <button
            key={p.page}
            type="button"
            disabled={member && p.holderOnly}
            aria-describedby={member && p.holderOnly ? reasonId : undefined}
            onClick={() => void openExtensionPage(p.page, profile.accountId, undefined, p.params)}
          >
            {t(p.label)}
          </button>
        ))}
      </div>
    </nav>
  );
}
