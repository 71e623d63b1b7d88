// Business-day arithmetic for a change request's expected completion window (R7): Monday to Friday.

const DAY_MS = 24 * 60 * 60 * 1000;
export const EXPECTED_FROM_BUSINESS_DAYS = 5;
export const EXPECTED_BY_BUSINESS_DAYS = 7;

const isWeekend = (day: Date) => day.getUTCDay() === 0 || day.getUTCDay() === 6;
const nextDay = (day: Date) => new Date(day.getTime() + DAY_MS);

/**
 * The date (YYYY-MM-DD) `days` business days after `from`.
 *
 * Day boundary: the UTC calendar day of `from`. Times are stored in UTC and one support desk works
 * every case, so the day must not depend on where the requester sits: 22:30 UTC on a Friday is a
 * Friday (it is 23:30 in Paris), 00:30 UTC on a Saturday is a Saturday (still Friday evening in
 * California). A request made on a weekday counts from that day whatever the hour; one made on a
 * Saturday or Sunday counts from the following Monday, as if it had arrived then. Public holidays
 * are not known to the system and count as business days.
 */
export function addBusinessDays(from: Date, days: number): string {
  let day = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  while (isWeekend(day)) day = nextDay(day);
  for (let counted = 0; counted < days; ) {
    day = nextDay(day);
    if (!isWeekend(day)) counted++;
  }
  return day.toISOString().slice(0, 10);
}

/** The window product.md R7 promises: 5 to 7 business days from creation. */
export function expectedWindow(createdAt: Date) {
  return {
    expectedFrom: addBusinessDays(createdAt, EXPECTED_FROM_BUSINESS_DAYS),
    expectedBy: addBusinessDays(createdAt, EXPECTED_BY_BUSINESS_DAYS),
  };
}
