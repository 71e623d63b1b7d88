// The texts of the change-request mails in English and French, chosen by the language of the person who filed the case.
import type { Address, Locale } from '../../shared/api-types';
import type { AppliesFrom, BillingDetails } from '../../shared/schemas/change-request.schema';
import { composeMail, type MailText } from './mail.compose';

export type { MailText } from './mail.compose';

const DATE_LOCALE: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };

/** `2026-12-07` → "Monday 7 December 2026" / "lundi 7 décembre 2026" (dates are UTC calendar days). */
export function formatDate(date: string, locale: Locale): string {
  const text = new Intl.DateTimeFormat(DATE_LOCALE[locale], { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${date.slice(0, 10)}T00:00:00Z`),
  );
  // French writes the first of the month as an ordinal: "mardi 1er décembre", which Intl does not.
  return locale === 'fr' ? text.replace(/ 1 /, ' 1er ') : text;
}

const formatAddress = (a: Address) =>
  [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean).join(', ');

const STRINGS = {
  en: {
    hello: 'Hello,',
    colon: ': ',
    signature: 'The Fastpath support team',
    receivedSubject: (n: string) => `We received your billing change request ${n}`,
    receivedIntro: (company: string) => `We have received your request to change the billing details of ${company}.`,
    caseNumber: (n: string) => `Case number: ${n}`,
    window: (from: string, by: string) => `We expect to complete it between ${from} and ${by} (5 to 7 business days).`,
    receivedOutro: 'We will write to you at this address as soon as it is done.',
    completedSubject: (n: string) => `Your billing details have been updated (${n})`,
    completedIntro: (n: string, company: string) => `Your request ${n} is complete: the billing details of ${company} have been updated.`,
    whatChanged: 'What changed:',
    nothingChanged: 'The billing details were already as requested; nothing had to change.',
    labels: { address: 'Billing address', phone: 'Billing phone', email: 'Billing e-mail' },
    appliesNext: (date: string | null) =>
      date ? `The new details apply from your next invoice, due ${date}.` : 'The new details apply from your next invoice.',
    appliesAfterNext: (date: string | null) =>
      `The new details apply from the invoice after your next one${date ? ` (the invoice due ${date} keeps the previous details)` : ''}.`,
    rejectedSubject: (n: string) => `Your billing change request ${n} was declined`,
    rejectedIntro: (n: string, company: string) =>
      `We could not complete your request ${n} to change the billing details of ${company}.`,
    reason: 'Reason given by our support team:',
    rejectedOutro: 'Your billing details have not changed. You can file a new request from the Billing page.',
  },
  fr: {
    hello: 'Bonjour,',
    colon: ' : ',
    signature: "L'équipe support Fastpath",
    receivedSubject: (n: string) => `Nous avons bien reçu votre demande de modification de facturation ${n}`,
    receivedIntro: (company: string) =>
      `Nous avons bien reçu votre demande de modification des informations de facturation de ${company}.`,
    caseNumber: (n: string) => `Numéro de dossier : ${n}`,
    window: (from: string, by: string) => `Nous prévoyons de la traiter entre le ${from} et le ${by} (5 à 7 jours ouvrés).`,
    receivedOutro: 'Nous vous écrirons à cette adresse dès que ce sera fait.',
    completedSubject: (n: string) => `Vos informations de facturation ont été mises à jour (${n})`,
    completedIntro: (n: string, company: string) =>
      `Votre demande ${n} est traitée : les informations de facturation de ${company} ont été mises à jour.`,
    whatChanged: 'Ce qui a changé :',
    nothingChanged: "Les informations de facturation étaient déjà celles demandées ; rien n'a dû changer.",
    labels: { address: 'Adresse de facturation', phone: 'Téléphone de facturation', email: 'E-mail de facturation' },
    appliesNext: (date: string | null) =>
      date
        ? `Les nouvelles informations s'appliquent dès votre prochaine facture, du ${date}.`
        : "Les nouvelles informations s'appliquent dès votre prochaine facture.",
    appliesAfterNext: (date: string | null) =>
      `Les nouvelles informations s'appliquent à partir de la facture qui suit votre prochaine facture${
        date ? ` (la facture du ${date} garde les informations précédentes)` : ''
      }.`,
    rejectedSubject: (n: string) => `Votre demande de modification de facturation ${n} a été refusée`,
    rejectedIntro: (n: string, company: string) =>
      `Nous n'avons pas pu donner suite à votre demande ${n} de modification des informations de facturation de ${company}.`,
    reason: 'Motif indiqué par notre équipe support :',
    rejectedOutro:
      "Vos informations de facturation n'ont pas changé. Vous pouvez déposer une nouvelle demande depuis la page Facturation.",
  },
} satisfies Record<Locale, unknown>;

/** One mail from one template: greeting, the paragraphs, signature; text and HTML parts both come from this. */
export const compose = (locale: Locale, subject: string, ...paragraphs: string[]): MailText =>
  composeMail(locale, subject, [STRINGS[locale].hello, ...paragraphs, STRINGS[locale].signature]);

/** Sent when a case is filed: its case number and expected completion window (R7). */
export function caseReceivedMail(
  locale: Locale,
  c: { caseNumber: string; companyName: string; expectedFrom: string; expectedBy: string },
): MailText {
  const s = STRINGS[locale];
  return compose(
    locale,
    s.receivedSubject(c.caseNumber),
    `${s.receivedIntro(c.companyName)}\n${s.caseNumber(c.caseNumber)}\n${s.window(formatDate(c.expectedFrom, locale), formatDate(c.expectedBy, locale))}`,
    s.receivedOutro,
  );
}

/** Sent when staff complete a case: what changed and from which invoice it applies (R8). */
export function caseCompletedMail(
  locale: Locale,
  c: { caseNumber: string; companyName: string; before: BillingDetails; after: BillingDetails; appliesFrom: AppliesFrom },
): MailText {
  const s = STRINGS[locale];
  const changes = [
    [s.labels.address, formatAddress(c.before.address), formatAddress(c.after.address)],
    [s.labels.phone, c.before.phone, c.after.phone],
    [s.labels.email, c.before.email, c.after.email],
  ].filter(([, before, after]) => before !== after);
  const changed = changes.length
    ? [s.whatChanged, ...changes.map(([label, before, after]) => `  ${label}${s.colon}${before} → ${after}`)].join('\n')
    : s.nothingChanged;
  const date = c.appliesFrom.nextBillingDate ? formatDate(c.appliesFrom.nextBillingDate, locale) : null;
  return compose(
    locale,
    s.completedSubject(c.caseNumber),
    s.completedIntro(c.caseNumber, c.companyName),
    changed,
    c.appliesFrom.beforeNextBillingDate ? s.appliesNext(date) : s.appliesAfterNext(date),
  );
}

/** Sent when staff reject a case, with their reason (R7). */
export function caseRejectedMail(locale: Locale, c: { caseNumber: string; companyName: string; reason: string }): MailText {
  const s = STRINGS[locale];
  return compose(locale, s.rejectedSubject(c.caseNumber), s.rejectedIntro(c.caseNumber, c.companyName), `${s.reason}\n${c.reason}`, s.rejectedOutro);
}
