// Billing History's address: `?year=` takes the API's digits-only rule, so a year Number() would read from hex or a sign is no filter.
import { describe, expect, it } from 'vitest';
import { historyFiltersFromQuery } from '../../extension/utils/query';

describe('historyFiltersFromQuery', () => {
  it('reads ?year=2026 as the year', () => {
    expect(historyFiltersFromQuery('?year=2026&status=open').year).toBe(2026);
  });

  it.each(['0x7EA', '%2B2026', '+2026', '%202026', '2026%20', '2.026e3', '2026.0', '1999', '2101', '%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96'])(
    'ignores ?year=%s (not digits, or outside 2000–2100)',
    (year) => {
      expect(historyFiltersFromQuery(`?year=${year}`).year).toBeUndefined();
    },
  );
});
