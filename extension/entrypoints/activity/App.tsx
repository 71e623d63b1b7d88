// Account activity (issue 16 §1): who changed what on the account and when, newest first, with "Show more".
import { HolderOnlyPage, type HolderContext } from '../../components/HolderOnlyPage';
import { StatusRegion } from '../../components/StatusRegion';
import { useActivity } from '../../hooks/useActivity';
import { formatDateTime } from '../../utils/i18n/date-time';
import { errorMessage } from '../../utils/i18n/format';
import { profileName, t } from '../../utils/i18n/i18n';
import { actionText, actorText } from './activity-text';
import { ChangeLine } from './ChangeLine';

function Activity({ accountId, profile }: HolderContext) {
  const activity = useActivity(accountId);
  const company = profile ? profileName(profile) : '';
  const status = activity.error ? { kind: 'error' as const, text: errorMessage(activity.error.code) } : null;

  return (
    <main class="wide">
      <h1>
        {t('activity.title')}
        {company ? ` — ${company}` : ''}
      </h1>
      <StatusRegion status={status} />
      {!activity.loaded && <p class="muted">{t('common.loading')}</p>}
      {activity.loaded && !activity.error && activity.items.length === 0 && <p data-testid="empty">{t('activity.empty')}</p>}
      {activity.items.length > 0 && (
        <table data-testid="activity" tabIndex={-1}>
          <caption>{t('activity.caption', { company })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('activity.when')}</th>
              <th scope="col">{t('activity.who')}</th>
              <th scope="col">{t('activity.what')}</th>
            </tr>
          </thead>
          <tbody>
            {activity.items.map((entry) => (
              <tr key={entry.id} data-testid="activity-entry" data-action={entry.action}>
                <td>
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                </td>
                <td>{actorText(entry.actor)}</td>
                <td>
                  {actionText(entry)}
                  {entry.changes && entry.changes.length > 0 && (
                    <ul class="changes">
                      {entry.changes.map((change) => (
                        <ChangeLine key={change.field} change={change} />
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="actions">
        {activity.error && (
          <button type="button" onClick={() => void activity.retry()} disabled={activity.loading}>
            {t('account.retry')}
          </button>
        )}
        {activity.hasMore && !activity.error && (
          <button type="button" class="secondary" onClick={() => void activity.showMore()} disabled={activity.loading}>
            {activity.loading ? t('common.loading') : t('activity.showMore')}
          </button>
        )}
      </div>
    </main>
  );
}

export function App() {
  return (
    <HolderOnlyPage title="activity.title" memberReason="activity.memberReason">
      {(context) => <Activity {...context} />}
    </HolderOnlyPage>
  );
}
