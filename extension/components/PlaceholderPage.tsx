// A page that is not built yet: its title, "coming soon", and for members the R4 reason instead.
import { useSession } from '../hooks/useSession';
import { accountFromQuery } from '../utils/query';
import { profileName, t, type MessageKey } from '../utils/i18n';

interface PlaceholderPageProps {
  title: MessageKey;
  memberReason: MessageKey;
}

export function PlaceholderPage({ title, memberReason }: PlaceholderPageProps) {
  const { ready, activeProfile } = useSession(accountFromQuery());
  return (
    <main>
      <h1>{t(title)}</h1>
      {!ready ? (
        <p class="muted">{t('common.loading')}</p>
      ) : activeProfile?.role === 'user' ? (
        <p class="reason" data-testid="reason">
          {t(memberReason, { profile: profileName(activeProfile) })}
        </p>
      ) : (
        <p>{t('common.comingSoon')}</p>
      )}
    </main>
  );
}
