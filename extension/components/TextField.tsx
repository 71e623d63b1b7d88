// A labelled text input with an optional hint, its problem and, after a conflict, the value now saved beside it.
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
  const problemId = `${props.id}--problem`;
  const savedId = `${props.id}--saved`;
  const hintId = `${props.id}--hint`;
  const describedBy = [props.problem && problemId, props.hint && hintId, props.savedNow && savedId]
    .filter(Boolean)
    .join(' ');
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
        aria-describedby={describedBy || undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      {props.hint && (
        <span id={hintId} class="muted">
          {props.hint}
        </span>
      )}
      {props.problem && (
        <span id={problemId} class="problem">
          {props.problem}
        </span>
      )}
      {props.savedNow !== undefined && (
        <span id={savedId} class="saved-now" data-testid="saved-now">
          {props.savedNow}
        </span>
      )}
    </div>
  );
}
