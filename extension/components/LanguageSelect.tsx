// A choice of the two languages Fastpath writes (en, fr), each named in itself, as Options names them.
import { describedBy, FieldNotes } from './FieldNotes';
import { t } from '../utils/i18n/i18n';

interface LanguageSelectProps {
  id: string;
  label: string;
  /** 'en' or 'fr'. */
  value: string;
  onInput: (value: string) => void;
  disabled?: boolean;
  problem?: string;
  savedNow?: string;
  required?: boolean;
}

export function LanguageSelect(props: LanguageSelectProps) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        name={props.id}
        value={props.value}
        disabled={props.disabled}
        required={props.required}
        aria-invalid={props.problem ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props)}
        onChange={(e) => props.onInput(e.currentTarget.value)}
      >
        <option value="en" lang="en">{t('options.english')}</option>
        <option value="fr" lang="fr">{t('options.french')}</option>
      </select>
      <FieldNotes id={props.id} problem={props.problem} savedNow={props.savedNow} />
    </div>
  );
}
