// Instants with their time of day (UTC), for the pages that need one: Activity, the next invoice's cutoff.
import { joinDateParts } from './format';
import { getLocale } from './i18n';

/** An instant as date and time in UTC, in the chosen locale ("December 1, 2026 at 09:30 UTC"). */
export function formatDateTime(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23', timeZone: 'UTC' }).formatToParts(date);
  return `${joinDateParts(parts)} UTC`;
}

/** A day and time without the year, in UTC ("December 1 at 00:00"; "1er décembre à 00:00"), for a cutoff. */
export function formatDayAndTime(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = new Intl.DateTimeFormat(getLocale(), { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).formatToParts(date);
  return joinDateParts(parts);
}
