// The queue: one status at a time, oldest first, searched by case number or company, a page at a time.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChangeRequestStatus, SupportQueueItem } from '../../../shared/api-types';
import { ApiError } from '../../utils/api/client';
import { errorMessage, formatDate } from '../../utils/i18n/format';
import { t, type MessageKey } from '../../utils/i18n/i18n';
import { supportApi } from '../../utils/api/support';
import type { Status } from './App';

export interface QueueFilter {
  status: ChangeRequestStatus;
  q: string;
}

const STATUSES: { value: ChangeRequestStatus; label: MessageKey }[] = [
  { value: 'open', label: 'support.statusOpen' },
  { value: 'completed', label: 'support.statusCompleted' },
  { value: 'rejected', label: 'support.statusRejected' },
  { value: 'withdrawn', label: 'support.statusWithdrawn' },
];

interface Props {
  filter: QueueFilter;
  onFilter: (filter: QueueFilter) => void;
  /** The case whose row gets the focus back when the person returns from it. */
  focusCase: string | null;
  onOpen: (crId: string) => void;
  onStatus: (status: Status) => void;
}

export function QueueSection({ filter, onFilter, focusCase, onOpen, onStatus }: Props) {
  const [draft, setDraft] = useState(filter);
  const [items, setItems] = useState<SupportQueueItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loaded, setLoaded] = useState(false);
  const table = useRef<HTMLTableElement>(null);

  async function load(after: string | null) {
    setLoading(true);
    try {
      const page = await supportApi.queue({ status: filter.status, q: filter.q, cursor: after });
      setItems((old) => (after ? [...old, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setLoaded(true);
    } catch (err) {
      onStatus({ kind: 'error', text: errorMessage(err instanceof ApiError ? err.code : 'unknown') });
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    void load(null);
  }, [filter.status, filter.q]);

  useEffect(() => {
    if (!loaded || !focusCase) return;
    // Back from a case: focus its row, or the queue's heading when the case has left this list.
    const row = table.current?.querySelector<HTMLElement>(`[data-case="${CSS.escape(focusCase)}"]`);
    (row ?? document.getElementById('queue-heading'))?.focus();
  }, [loaded]);

  const statusLabel = t(STATUSES.find((s) => s.value === filter.status)!.label);
  return (
    <section aria-labelledby="queue-heading">
      <h2 id="queue-heading" tabIndex={-1}>{t('support.queueHeading')}</h2>
      <form
        class="actions"
        aria-label={t('support.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          onFilter({ ...draft, q: draft.q.trim() });
        }}
      >
        <div class="field">
          <label for="queue-status">{t('support.status')}</label>
          <select
            id="queue-status"
            value={draft.status}
            onChange={(e) => {
              const next = { ...draft, status: e.currentTarget.value as ChangeRequestStatus };
              setDraft(next);
              onFilter(next);
            }}
          >
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {t(s.label)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="queue-search">{t('support.search')}</label>
          <input id="queue-search" type="search" maxLength={100} value={draft.q} onInput={(e) => setDraft({ ...draft, q: e.currentTarget.value })} />
        </div>
        <button type="submit">{t('support.searchButton')}</button>
      </form>
      {!loaded && <p class="muted">{t('common.loading')}</p>}
      {loaded && items.length === 0 && <p data-testid="queue-empty">{t('support.empty')}</p>}
      {items.length > 0 && (
        <table class="data" ref={table} data-testid="queue">
          <caption>{t('support.caption', { status: statusLabel })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('support.caseNumber')}</th>
              <th scope="col">{t('support.company')}</th>
              <th scope="col">{t('support.filed')}</th>
              <th scope="col">{t('support.expected')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id} data-testid="queue-row">
                <th scope="row">
                  <a
                    href={`#${encodeURIComponent(c.caseNumber)}`}
                    data-case={c.id}
                    aria-label={t('support.openCase', { caseNumber: c.caseNumber })}
                    onClick={(e) => {
                      e.preventDefault();
                      onOpen(c.id);
                    }}
                  >
                    {c.caseNumber}
                  </a>
                </th>
                <td>{c.companyName}</td>
                <td>{formatDate(c.createdAt)}</td>
                <td>
                  {formatDate(c.expectedFrom)} – {formatDate(c.expectedBy)}
                  {c.late && (
                    <>
                      {' '}
                      <span class="badge late" data-testid="late">{t('support.late')}</span>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <div class="actions">
          <button type="button" class="secondary" disabled={loading} onClick={() => void load(cursor)}>
            {t('support.loadMore')}
          </button>
        </div>
      )}
    </section>
  );
}
