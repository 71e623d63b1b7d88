// A labelled text input with an optional hint, its problem and, after a conflict, the value now saved beside it.
import { describedBy, FieldNotes } from './FieldNotes';
interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'password' | 'url';
  disabled?: boolean;
  readOnly?: boolean;
  problem?: string;
  /** A standing explanation under the input, read out with it. */
  hint?: string;
  savedNow?: string;
  autoComplete?: string;
  required?: boolean;
  /** The server's length limit for this field (shared/fields.ts LIMITS). */
  maxLength?: number;
}

export function TextField(props: TextFieldProps) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.id}
        // Preact 11 types inputs as a union per `type`; the attributes used here are common to all of them.
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        disabled={props.disabled}
        readOnly={props.readOnly}
        required={props.required}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        aria-invalid={props.problem ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props)}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <FieldNotes id={props.id} hint={props.hint} problem={props.problem} savedNow={props.savedNow} />
    </div>
  );
}
