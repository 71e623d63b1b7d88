// Why an invoice or receipt could not be shown, under the page's title, with Retry when trying again can help.
import { t, type MessageKey } from '../../utils/i18n/i18n';

interface DocumentProblemProps {
  title: MessageKey;
  message: string;
  testId: string;
  /** Undefined when retrying cannot help (e.g. no receipt yet for an unpaid invoice). */
  onRetry?: () => void;
}

export function DocumentProblem({ title, message, testId, onRetry }: DocumentProblemProps) {
  return (
    <div role="alert" data-testid={testId}>
      <h1>{t(title)}</h1>
      <p class="error-text">{message}</p>
      {onRetry && (
        <button type="button" class="no-print" onClick={onRetry}>
          {t('account.retry')}
        </button>
      )}
    </div>
  );
}
