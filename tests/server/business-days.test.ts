// The expected completion window of a change request: 5 to 7 business days, counted on UTC calendar days.
import { describe, expect, it } from 'vitest';
import { addBusinessDays, expectedWindow } from '../../server/change-requests/business-days';

describe('expectedWindow', () => {
  it.each([
    ['a Friday evening counts the Friday itself as day 0', '2026-11-27T21:30:00Z', '2026-12-04', '2026-12-08'],
    ['a Saturday counts from the Monday after', '2026-11-28T10:00:00Z', '2026-12-07', '2026-12-09'],
    ['a Sunday late in the evening counts from the Monday after', '2026-11-29T23:59:59Z', '2026-12-07', '2026-12-09'],
    ['a Monday morning skips the next weekend', '2026-11-30T08:00:00Z', '2026-12-07', '2026-12-09'],
    ['a Wednesday crosses a month end', '2026-01-28T12:00:00Z', '2026-02-04', '2026-02-06'],
    ['the last day of the year crosses into the next', '2026-12-31T16:00:00Z', '2027-01-07', '2027-01-11'],
  ])('%s', (_what, createdAt, expectedFrom, expectedBy) => {
    expect(expectedWindow(new Date(createdAt))).toEqual({ expectedFrom, expectedBy });
  });

  it('takes the UTC calendar day: one second after midnight UTC on Saturday is already the weekend', () => {
    expect(expectedWindow(new Date('2026-11-27T23:59:59Z')).expectedFrom).toBe('2026-12-04');
    expect(expectedWindow(new Date('2026-11-28T00:00:01Z')).expectedFrom).toBe('2026-12-07');
  });

  it('never lands on a weekend', () => {
    for (let day = 0; day < 28; day++) {
      const from = new Date(Date.UTC(2026, 1, 1 + day, 9));
      for (const n of [1, 5, 7]) {
        expect([0, 6]).not.toContain(new Date(`${addBusinessDays(from, n)}T00:00:00Z`).getUTCDay());
      }
    }
  });
});
