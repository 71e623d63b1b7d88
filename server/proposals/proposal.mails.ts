// The proposal mails in English and French: to the holder when one arrives, to the proposer for the outcome (issue 16 §2).
import type { Locale } from '../../shared/api-types';
import type { ProposalChange } from '../../shared/schemas/proposal.schema';
import { composeMail, type MailText } from '../mail/mail.compose';

const FIELD_LABELS: Record<Locale, Record<string, string>> = {
  en: {
    'contact.companyName': 'Company name',
    'contact.firstName': 'Contact first name',
    'contact.lastName': 'Contact last name',
    'contact.email': 'Contact e-mail',
    'contact.phone': 'Company phone',
    'contact.address': 'Company address',
    'billing.email': 'Billing e-mail',
    'billing.phone': 'Billing phone',
    'billing.vatId': 'VAT number',
    'billing.address': 'Billing address',
    'billing.invoiceLanguage': 'Invoice language',
    'billing.invoiceRecipients': 'Invoice recipients',
  },
  fr: {
    'contact.companyName': "Nom de l'entreprise",
    'contact.firstName': 'Prénom du contact',
    'contact.lastName': 'Nom du contact',
    'contact.email': 'E-mail du contact',
    'contact.phone': "Téléphone de l'entreprise",
    'contact.address': "Adresse de l'entreprise",
    'billing.email': 'E-mail de facturation',
    'billing.phone': 'Téléphone de facturation',
    'billing.vatId': 'Numéro de TVA',
    'billing.address': 'Adresse de facturation',
    'billing.invoiceLanguage': 'Langue des factures',
    'billing.invoiceRecipients': 'Destinataires des factures',
  },
};

const ADDRESS_PART: Record<Locale, Record<string, string>> = {
  en: { line1: 'line 1', line2: 'line 2', city: 'city', region: 'region', postalCode: 'postal code', country: 'country' },
  fr: { line1: 'ligne 1', line2: 'ligne 2', city: 'ville', region: 'région', postalCode: 'code postal', country: 'pays' },
};

const STRINGS = {
  en: {
    hello: 'Hello,',
    colon: ': ',
    empty: '(empty)',
    signature: 'Fastpath',
    receivedSubject: (company: string) => `${company}: a change to the Billing page is proposed`,
    receivedIntro: (name: string, company: string) => `${name}, a user of ${company}, proposes this change to the Billing page:`,
    note: 'Their note:',
    receivedOutro: 'Nothing changes until you approve it. Open the Billing page in Fastpath to approve or decline it.',
    approvedSubject: (company: string) => `${company}: your proposed change was approved`,
    approvedIntro: (company: string) => `The account holder of ${company} approved the change you proposed:`,
    approvedCase: (n: string) =>
      `Billing address, phone and e-mail of this account change through a change request: case ${n} was filed, and support will apply it.`,
    declinedSubject: (company: string) => `${company}: your proposed change was declined`,
    declinedIntro: (company: string) => `The account holder of ${company} declined the change you proposed:`,
    reason: 'Their reason:',
    declinedOutro: 'The Billing page has not changed.',
  },
  fr: {
    hello: 'Bonjour,',
    colon: ' : ',
    empty: '(vide)',
    signature: 'Fastpath',
    receivedSubject: (company: string) => `${company} : une modification de la page Facturation est proposée`,
    receivedIntro: (name: string, company: string) =>
      `${name}, utilisateur ou utilisatrice ${de(company)}, propose cette modification de la page Facturation :`,
    note: 'Sa remarque :',
    receivedOutro:
      "Rien ne change tant que vous ne l'avez pas approuvée. Ouvrez la page Facturation dans Fastpath pour l'approuver ou la refuser.",
    approvedSubject: (company: string) => `${company} : la modification que vous avez proposée est approuvée`,
    approvedIntro: (company: string) => `Le titulaire du compte ${de(company)} a approuvé la modification que vous avez proposée :`,
    approvedCase: (n: string) =>
      `L'adresse, le téléphone et l'e-mail de facturation de ce compte changent par une demande de modification : le dossier ${n} a été déposé, et le support l'appliquera.`,
    declinedSubject: (company: string) => `${company} : la modification que vous avez proposée est refusée`,
    declinedIntro: (company: string) => `Le titulaire du compte ${de(company)} a refusé la modification que vous avez proposée :`,
    reason: 'Son motif :',
    declinedOutro: "La page Facturation n'a pas changé.",
  },
} satisfies Record<Locale, unknown>;

/** French elision: "de Acme" → "d'Acme" before a vowel or a mute h. */
function de(name: string): string {
  return /^[aeiouyhàâäéèêëîïôöùûüÿæœ]/i.test(name) ? `d'${name}` : `de ${name}`;
}

function valueText(value: ProposalChange['before'], locale: Locale): string {
  if (value === null || value === '') return STRINGS[locale].empty;
  if (Array.isArray(value)) return value.length ? value.join(', ') : STRINGS[locale].empty;
  if (typeof value === 'object') return Object.values(value).filter(Boolean).join(', ');
  return String(value);
}

/** "  Company phone: +14155550100 → +14155550199", one line per field, labelled in `locale`. */
export function changeLines(changes: ProposalChange[], locale: Locale): string {
  const s = STRINGS[locale];
  return changes
    .map(({ field, before, after }) => {
      const address = /^(contact|billing)\.address\.(\w+)$/.exec(field);
      const label = address
        ? `${FIELD_LABELS[locale][`${address[1]}.address`]} (${ADDRESS_PART[locale][address[2]] ?? address[2]})`
        : (FIELD_LABELS[locale][field] ?? field);
      return `  ${label}${s.colon}${valueText(before, locale)} → ${valueText(after, locale)}`;
    })
    .join('\n');
}

const compose = (locale: Locale, subject: string, ...paragraphs: string[]): MailText =>
  composeMail(locale, subject, [STRINGS[locale].hello, ...paragraphs, STRINGS[locale].signature]);

/** To the holder, when a member proposes a change: who, what, the note. */
export function proposalReceivedMail(
  locale: Locale,
  p: { companyName: string; proposerName: string; changes: ProposalChange[]; note: string | null },
): MailText {
  const s = STRINGS[locale];
  const paragraphs = [`${s.receivedIntro(p.proposerName, p.companyName)}\n${changeLines(p.changes, locale)}`];
  if (p.note) paragraphs.push(`${s.note}\n${p.note}`);
  return compose(locale, s.receivedSubject(p.companyName), ...paragraphs, s.receivedOutro);
}

/** To the proposer, when the holder approves: what was applied, and the case filed for billing details (R6). */
export function proposalApprovedMail(
  locale: Locale,
  p: { companyName: string; changes: ProposalChange[]; caseNumber: string | null },
): MailText {
  const s = STRINGS[locale];
  const paragraphs = [`${s.approvedIntro(p.companyName)}\n${changeLines(p.changes, locale)}`];
  if (p.caseNumber) paragraphs.push(s.approvedCase(p.caseNumber));
  return compose(locale, s.approvedSubject(p.companyName), ...paragraphs);
}

/** To the proposer, when the holder declines: what was proposed and the holder's reason. */
export function proposalDeclinedMail(
  locale: Locale,
  p: { companyName: string; changes: ProposalChange[]; reason: string },
): MailText {
  const s = STRINGS[locale];
  return compose(
    locale,
    s.declinedSubject(p.companyName),
    `${s.declinedIntro(p.companyName)}\n${changeLines(p.changes, locale)}`,
    `${s.reason}\n${p.reason}`,
    s.declinedOutro,
  );
}

/** The change request's free-text details for a case an approval files (support and the holder read it). */
export function caseDetailsFor(locale: Locale, p: { proposerName: string; holderName: string; note: string | null }): string {
  const text =
    locale === 'fr'
      ? `Modification proposée par ${p.proposerName} et approuvée par ${p.holderName} dans Fastpath.`
      : `Change proposed by ${p.proposerName} and approved by ${p.holderName} in Fastpath.`;
  return p.note ? `${text}\n\n${p.note}` : text;
}
