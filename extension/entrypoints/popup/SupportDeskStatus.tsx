// The popup for support staff: how many change requests are open, and a button to the Support desk page.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../utils/i18n/i18n';
import { supportApi } from '../../utils/api/support';
import { openExtensionPage } from '../../utils/background/tabs';

/** Counts the open queue a page of 100 at a time (the queue is keyset-paged; there is no COUNT route). */
async function openCount(): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page = await supportApi.queue({ status: 'open', cursor, limit: 100 });
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

export function SupportDeskStatus() {
  const [count, setCount] = useState<number>();
  useEffect(() => {
    openCount().then(setCount, () => undefined);
  }, []);
  return (
    <section data-testid="support-desk">
      {count !== undefined && (
        <p data-testid="support-queue-count">{t(count === 1 ? 'support.popupQueueOne' : 'support.popupQueueOther', { count })}</p>
      )}
      <button type="button" onClick={() => void openExtensionPage('support')}>
        {t('support.popupOpen')}
      </button>
    </section>
  );
}
