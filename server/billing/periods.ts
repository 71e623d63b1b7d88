// Billing periods: the next period boundary after a date, by month or year, in UTC.
export function addInterval(iso: string, interval: 'month' | 'year'): string {
  const d = new Date(iso);
  const months = interval === 'month' ? 1 : 12;
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  // Keep the day of month, clamped to the target month's length (Jan 31 → Feb 28).
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  target.setUTCHours(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  return target.toISOString();
}

/** `--at 2026-12-01` means the run happens at the end of that day (UTC), so it bills that day's dates. */
export function endOfDay(date: string): Date {
  return new Date(`${date}T23:59:59.999Z`);
}
