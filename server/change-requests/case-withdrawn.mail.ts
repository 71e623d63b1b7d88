// The mail to a case's contact when the holder withdraws the case (R13), in English and French like the other case mails.
import type { Locale } from '../../shared/api-types';
import { compose, type MailText } from '../mail/mail.templates';

const STRINGS = {
  en: {
    subject: (n: string) => `Your billing change request ${n} was withdrawn`,
    intro: (n: string, company: string) => `The request ${n} to change the billing details of ${company} was withdrawn by the account holder.`,
    outro: 'Nothing was changed. You can file a new request from the Billing page.',
  },
  fr: {
    subject: (n: string) => `Votre demande de modification de facturation ${n} a été retirée`,
    intro: (n: string, company: string) =>
      `La demande ${n} de modification des informations de facturation de ${company} a été retirée par le titulaire du compte.`,
    outro: "Rien n'a été modifié. Vous pouvez déposer une nouvelle demande depuis la page Facturation.",
  },
} satisfies Record<Locale, unknown>;

/** The withdrawal notice (text and HTML, like every case mail), in the language of the person who withdrew the case. */
export function caseWithdrawnMail(locale: Locale, c: { caseNumber: string; companyName: string }): MailText {
  const s = STRINGS[locale];
  return compose(locale, s.subject(c.caseNumber), s.intro(c.caseNumber, c.companyName), s.outro);
}
