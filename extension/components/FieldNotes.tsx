// What a form field says under itself — a standing hint, its problem, the value now saved after a conflict — and the ids that tie them to it.

export interface FieldNoteProps {
  /** A standing explanation under the field, read out with it. */
  hint?: string;
  problem?: string;
  /** After a conflict: the value the other save left, shown under a field it changed. */
  savedNow?: string;
}

const noteIds = (id: string) => ({ problem: `${id}--problem`, hint: `${id}--hint`, saved: `${id}--saved` });

/** The field's `aria-describedby`: the ids of the notes shown, or undefined when none is. */
export function describedBy(id: string, notes: FieldNoteProps): string | undefined {
  const ids = noteIds(id);
  const shown = [notes.problem && ids.problem, notes.hint && ids.hint, notes.savedNow !== undefined && ids.saved];
  return shown.filter(Boolean).join(' ') || undefined;
}

export function FieldNotes({ id, hint, problem, savedNow }: FieldNoteProps & { id: string }) {
  const ids = noteIds(id);
  return (
    <>
      {hint && (
        <span id={ids.hint} class="muted">
          {hint}
        </span>
      )}
      {problem && (
        <span id={ids.problem} class="problem">
          {problem}
        </span>
      )}
      {savedNow !== undefined && (
        <span id={ids.saved} class="saved-now" data-testid="saved-now">
          {savedNow}
        </span>
      )}
    </>
  );
}
