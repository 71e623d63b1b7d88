// The small header on every extension page: Billing, Billing History, Subscriptions, Activity (holders) and Options, for the active account; the Support desk for staff.
import { useSession } from '../hooks/useSession';
import { FASTPATHS, mayOpen } from '../utils/fastpaths';
import { t } from '../utils/i18n/i18n';
import { accountFromQuery } from '../utils/query';
import type { ExtensionPage } from '../utils/background/tabs';

/** The pages the header links to: the fastpaths that are pages of their own, then Options. */
const LINKS = FASTPATHS.filter((f) => f.id !== 'receipt');

function href(page: ExtensionPage, accountId: string | undefined): string {
  return accountId ? `${page}.html?account=${encodeURIComponent(accountId)}` : `${page}.html`;
}

/** `current`: the page this header sits on, marked with aria-current. Members see only Billing (R4). */
export function PageHeader({ current }: { current: ExtensionPage | 'receipt' | 'other' }) {
  const { session, activeProfile } = useSession(accountFromQuery());
  const accountId = activeProfile?.accountId;
  const links = session ? LINKS.filter((f) => mayOpen(f, activeProfile?.role)) : [];
  return (
    <header class="page-header">
      <nav aria-label={t('nav.label')}>
        <ul>
          {links.map((f) => (
            <li key={f.id}>
              <a href={href(f.page, accountId)} aria-current={f.page === current ? 'page' : undefined}>
                {t(f.label)}
              </a>
            </li>
          ))}
          {session && activeProfile?.role === 'holder' && (
            <li>
              <a href={href('activity', accountId)} aria-current={current === 'activity' ? 'page' : undefined}>
                {t('activity.link')}
              </a>
            </li>
          )}
          {session?.user.isSupport && (
            <li>
              <a href="support.html" aria-current={current === 'support' ? 'page' : undefined}>
                {t('support.nav')}
              </a>
            </li>
          )}
          <li>
            <a href="options.html" aria-current={current === 'options' ? 'page' : undefined}>
              {t('nav.options')}
            </a>
          </li>
        </ul>
      </nav>
    </header>
  );
}
