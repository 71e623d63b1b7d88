// The support desk (R7, R8): staff work the change-request queue and mark invoices paid; others see only a reason.
import { useRef, useState } from 'preact/hooks';
import { StatusRegion } from '../../components/StatusRegion';
import { useSession } from '../../hooks/useSession';
import { t } from '../../utils/i18n/i18n';
import { CaseView } from './CaseView';
import { InvoicePaidSection } from './InvoicePaidSection';
import { type QueueFilter, QueueSection } from './QueueSection';

export type Status = { kind: 'success' | 'error'; text: string } | null;

function Desk() {
  const [status, setStatus] = useState<Status>(null);
  const [openCase, setOpenCase] = useState<string | null>(null);
  /** Bumped after a case is resolved, so the queue reads its first page again. */
  const [generation, setGeneration] = useState(0);
  const returnFocus = useRef<string | null>(null);
  const [filter, setFilter] = useState<QueueFilter>({ status: 'open', q: '' });

  return (
    <main class="wide">
      <h1>{t('support.title')}</h1>
      <StatusRegion status={status} />
      {openCase ? (
        <CaseView
          crId={openCase}
          onStatus={setStatus}
          onResolved={() => setGeneration((g) => g + 1)}
          onBack={() => setOpenCase(null)}
        />
      ) : (
        <QueueSection
          key={generation}
          filter={filter}
          onFilter={setFilter}
          focusCase={returnFocus.current}
          onStatus={setStatus}
          onOpen={(id) => {
            returnFocus.current = id;
            setStatus(null);
            setOpenCase(id);
          }}
        />
      )}
      <InvoicePaidSection onStatus={setStatus} />
    </main>
  );
}

export function App() {
  const { ready, session } = useSession();
  if (ready && session?.user.isSupport) return <Desk />;
  return (
    <main>
      <h1>{t('support.title')}</h1>
      {!ready ? <p class="muted">{t('common.loading')}</p> : !session ? <p>{t('account.signedOut')}</p> : <p class="reason">{t('support.staffOnly')}</p>}
    </main>
  );
}
