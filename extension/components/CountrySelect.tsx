// A country chooser: every code the API accepts, named and sorted in the page's language; its value is the code.
import { useMemo } from 'preact/hooks';
import { describedBy, FieldNotes } from './FieldNotes';
import { countryOptions } from '../utils/forms/countries';
import { getLocale, t } from '../utils/i18n/i18n';

interface CountrySelectProps {
  id: string;
  label: string;
  /** ISO 3166-1 alpha-2; '' until chosen. */
  value: string;
  onInput: (value: string) => void;
  disabled?: boolean;
  problem?: string;
  savedNow?: string;
  autoComplete?: string;
  required?: boolean;
}

export function CountrySelect(props: CountrySelectProps) {
  const locale = getLocale();
  const options = useMemo(() => countryOptions(locale), [locale]);
  const value = props.value.trim().toUpperCase();
  const known = !value || options.some((o) => o.code === value);
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        name={props.id}
        value={value}
        disabled={props.disabled}
        required={props.required}
        autoComplete={props.autoComplete}
        aria-invalid={props.problem ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props)}
        onChange={(e) => props.onInput(e.currentTarget.value)}
      >
        {!value && <option value="">{t('fields.chooseCountry')}</option>}
        {/* A stored code this build does not list stays visible rather than silently replaced. */}
        {!known && <option value={value}>{value}</option>}
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </select>
      <FieldNotes id={props.id} problem={props.problem} savedNow={props.savedNow} />
    </div>
  );
}
