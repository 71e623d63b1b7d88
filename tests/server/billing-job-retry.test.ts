// The billing job inside the server survives a database it cannot reach: it logs one line and tries again
// 30 s later instead of an interval later; other failures wait for the next interval (issue 21 §1).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBillingJob } from '../../server/billing/billing.job';
import { simulatedPaymentProvider } from '../../server/billing/payment-provider';
import { connect } from '../../server/db/connect';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const until = async (check: () => boolean) => {
  for (let i = 0; !check() && i < 500; i++) await vi.advanceTimersByTimeAsync(10);
};

describe('billing job on a lost database', () => {
  it('retries 30 s after a connection error, without waiting for its 60-minute interval', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    // Nothing listens on port 1: every query fails with ECONNREFUSED, as during a failover.
    const handle = connect({ dataDir: '', databaseUrl: 'postgres://postgres@127.0.0.1:1/none' });
    const job = startBillingJob(handle.db, simulatedPaymentProvider, 60, () => new Date('2026-01-15T00:00:00Z'));
    try {
      await until(() => logged.length >= 1);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/^billing run: database connection lost .*retrying in 30 s$/);
      await vi.advanceTimersByTimeAsync(29_000);
      expect(logged).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1_000);
      await until(() => logged.length >= 2);
      expect(logged).toHaveLength(2);
    } finally {
      await job.stop();
      await handle.close();
    }
  });
});
