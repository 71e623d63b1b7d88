// The toolbar popup: sign-in, or the active profile with its fastpaths and quick contact edit.
import { useEffect } from 'preact/hooks';
import { ProfileSwitcher } from '../../components/ProfileSwitcher';
import { useSession } from '../../hooks/useSession';
import { t } from '../../utils/i18n';
import { refreshProfiles, setActiveAccount, signOut } from '../../utils/session';
import { ContactQuickEdit } from './ContactQuickEdit';
import { Fastpaths } from './Fastpaths';
import { OpenCaseStatus } from './OpenCaseStatus';
import { SignInForm } from './SignInForm';

export function App() {
  const { ready, session, profiles, activeProfile } = useSession();
  const token = session?.token;

  useEffect(() => {
    // The stored profiles paint at once; this brings renamed or new memberships in.
    if (token) refreshProfiles().catch(() => undefined);
  }, [token]);

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
        <SignInForm />
      </main>
    );
  }
  return (
    <main class="popup">
      <div class="row">
        <h1>{t('common.appName')}</h1>
        <button type="button" class="secondary" onClick={() => void signOut()}>
          {t('common.signOut')}
        </button>
      </div>
      <p class="muted">{t('popup.signedInAs', { email: session.user.email })}</p>
      {profiles.length === 0 ? (
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
          <Fastpaths profile={activeProfile} />
          <OpenCaseStatus profile={activeProfile} />
          <ContactQuickEdit profile={activeProfile} />
        </>
      )}
    </main>
  );
}
