// Billing History's filters: issue year, status, and a search in invoice numbers (all applied by the server).
import { useState } from 'preact/hooks';
import type { HistoryFilters } from '../../hooks/useInvoiceHistory';
import { t } from '../../utils/i18n/i18n';

interface FiltersProps {
  filters: HistoryFilters;
  /** The years to offer, newest first. */
  years: number[];
  onChange: (filters: HistoryFilters) => void;
}

export function Filters({ filters, years, onChange }: FiltersProps) {
  const [number, setNumber] = useState(filters.number ?? '');
  return (
    <form
      role="search"
      class="filters"
      aria-label={t('history.filters')}
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ ...filters, number: number.trim() || undefined });
      }}
    >
      <div class="field">
        <label for="history-year">{t('history.year')}</label>
        <select id="history-year" value={filters.year === undefined ? '' : String(filters.year)}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onChange({ ...filters, year: value ? Number(value) : undefined });
          }}>
          <option value="">{t('history.allYears')}</option>
          {years.map((year) => (
            <option key={year} value={String(year)}>{year}</option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="history-status">{t('history.status')}</label>
        <select id="history-status" value={filters.status ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onChange({ ...filters, status: value === 'paid' || value === 'open' ? value : undefined });
          }}>
          <option value="">{t('history.allStatuses')}</option>
          <option value="open">{t('history.open')}</option>
          <option value="paid">{t('history.paid')}</option>
        </select>
      </div>
      <div class="field">
        <label for="history-number">{t('history.search')}</label>
        <input id="history-number" type="search" maxLength={40} autoComplete="off" value={number}
 onInput={(e) => setNumber(e.currentTarget.value)} />
      </div>
      <div class="field">
        <button type="submit">{t('history.searchButton')}</button>
      </div>
    </form>
  );
}
