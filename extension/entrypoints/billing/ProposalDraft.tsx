// A member's draft proposal: what it is (not a save), an optional note for the holder, Send and Cancel.
import { useState } from 'preact/hooks';
import { TextAreaField } from '../../components/TextAreaField';
import { LIMITS } from '../../../shared/fields';
import { t } from '../../utils/i18n/i18n';

interface ProposalDraftProps {
  holder: string;
  sending: boolean;
  onSend: (note: string | null) => void;
  onCancel: () => void;
}

export function ProposalDraft({ holder, sending, onSend, onCancel }: ProposalDraftProps) {
  const [note, setNote] = useState('');
  return (
    <section id="proposal-draft" aria-labelledby="proposal-draft-heading" class="proposal-draft">
      <h2 id="proposal-draft-heading">{t('proposals.draftTitle')}</h2>
      <p class="note">{t('proposals.draftIntro', { holder })}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSend(note.trim() || null);
        }}
      >
        <TextAreaField id="proposal-note" label={t('proposals.note')} value={note} maxLength={LIMITS.reason} onInput={setNote} />
        <div class="actions">
          <button type="submit" disabled={sending}>{t('proposals.send')}</button>
          <button type="button" class="secondary" disabled={sending} onClick={onCancel}>{t('proposals.cancelDraft')}</button>
        </div>
      </form>
    </section>
  );
}
