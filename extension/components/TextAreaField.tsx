// A labelled multi-line text input with its problem beside it (free-text details).
import { describedBy, FieldNotes } from './FieldNotes';
interface TextAreaFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  problem?: string;
  required?: boolean;
  maxLength?: number;
}

export function TextAreaField(props: TextAreaFieldProps) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        name={props.id}
        rows={4}
        value={props.value}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={props.problem ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props)}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <FieldNotes id={props.id} problem={props.problem} />
    </div>
  );
}
