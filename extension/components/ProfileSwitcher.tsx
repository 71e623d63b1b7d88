// The active profile as a labelled select, each option named per R2.
import type { Profile } from '../../shared/api-types';
import { profileName, t } from '../utils/i18n/i18n';

interface ProfileSwitcherProps {
  profiles: Profile[];
  activeAccountId: string | undefined;
  onChange: (accountId: string) => void;
}

export function ProfileSwitcher({ profiles, activeAccountId, onChange }: ProfileSwitcherProps) {
  return (
    <div class="field">
      <label for="profile">{t('profile.switcher')}</label>
      <select id="profile" name="profile" value={activeAccountId} onChange={(e) => onChange(e.currentTarget.value)}>
        {profiles.map((p) => (
          <option key={p.accountId} value={p.accountId}>
            {profileName(p)}
          </option>
        ))}
      </select>
    </div>
  );
}
