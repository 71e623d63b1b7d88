// The texts of the invoice and receipt mails (R15, issue 14) in English and French, chosen by the account's invoice language.
import type { Locale } from '../../shared/api-types';
import { formatAmount } from '../../shared/money';
import type { SellerBank } from '../billing/seller';
import { documentDate } from '../documents/document-format';
import { compose, type MailText } from './mail.templates';

/** No-break space: French puts one before a colon (house style). */
const NBSP = '\u00a0';

/** What an invoice mail says; amounts in minor units of `currency`, dates `YYYY-MM-DD` or ISO instants (UTC). */
export interface InvoiceMailFacts {
  companyName: string;
  number: string;
  total: number;
  currency: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  /** Card payers are charged automatically; invoice payers pay by transfer to `bank`, quoting the number. */
  payment: { type: 'card'; text: string | null } | { type: 'transfer'; bank: SellerBank };
  fileName: string;
}

export interface ReceiptMailFacts {
  companyName: string;
  number: string;
  receiptNumber: string;
  total: number;
  currency: string;
  paidAt: string;
  /** "Visa •••• 4242", or null for a bank transfer. */
  paymentMethodText: string | null;
  fileName: string;
}

const STRINGS = {
  en: {
    colon: ': ',
    invoiceSubject: (n: string, amount: string) => `Invoice ${n} from Fastpath: ${amount}`,
    invoiceIntro: (company: string, n: string, from: string, to: string) =>
      `Here is invoice ${n} for ${company}, for the period from ${from} to ${to}.`,
    amount: 'Amount',
    dueDate: 'Due date',
    cardCharged: (card: string | null) => `It is paid by card${card ? ` (${card})` : ''}: you have nothing to do, and a receipt follows once the payment is through.`,
    transferIntro: (n: string) => `Please pay by bank transfer by the due date, quoting ${n} as the reference:`,
    bank: { accountHolder: 'Account holder', iban: 'IBAN', bic: 'BIC', accountNumber: 'Account number', routingNumber: 'Routing number', bankName: 'Bank' },
    receiptSubject: (r: string, n: string) => `Receipt ${r} for invoice ${n}: paid, thank you`,
    receiptIntro: (company: string, n: string, amount: string, date: string) =>
      `We received the payment of ${amount} for invoice ${n} of ${company} on ${date}. Thank you.`,
    receiptNumber: 'Receipt number',
    paidWith: 'Paid with',
    transfer: 'Bank transfer',
    attached: (file: string) => `The PDF is attached (${file}).`,
    whereToFind: 'You also find every invoice and receipt in the Fastpath extension: Billing page, Billing History.',
    whyYou: 'You receive this mail as the billing e-mail or an invoice recipient of this account; its holder chooses who gets these mails on the Billing page.',
  },
  fr: {
    colon: `${NBSP}: `,
    invoiceSubject: (n: string, amount: string) => `Facture ${n} de Fastpath${NBSP}: ${amount}`,
    invoiceIntro: (company: string, n: string, from: string, to: string) =>
      `Voici la facture ${n} de ${company}, pour la période du ${from} au ${to}.`,
    amount: 'Montant',
    dueDate: 'Échéance',
    cardCharged: (card: string | null) =>
      `Elle est réglée par carte${card ? ` (${card})` : ''}${NBSP}: vous n'avez rien à faire, et un reçu suivra une fois le paiement passé.`,
    transferIntro: (n: string) => `Merci de la régler par virement avant l'échéance, en indiquant la référence ${n}${NBSP}:`,
    bank: { accountHolder: 'Titulaire du compte', iban: 'IBAN', bic: 'BIC', accountNumber: 'Numéro de compte', routingNumber: 'Numéro de routage', bankName: 'Banque' },
    receiptSubject: (r: string, n: string) => `Reçu ${r} pour la facture ${n}${NBSP}: payée, merci`,
    receiptIntro: (company: string, n: string, amount: string, date: string) =>
      `Nous avons reçu le paiement de ${amount} pour la facture ${n} de ${company} le ${date}. Merci.`,
    receiptNumber: 'Numéro de reçu',
    paidWith: 'Moyen de paiement',
    transfer: 'Virement bancaire',
    attached: (file: string) => `Le PDF est joint (${file}).`,
    whereToFind: `Vous retrouvez aussi chaque facture et chaque reçu dans l'extension Fastpath${NBSP}: page Facturation, Historique de facturation.`,
    whyYou:
      `Vous recevez ce message en tant qu'adresse de facturation ou destinataire des factures de ce compte${NBSP}; son titulaire choisit qui les reçoit sur la page Facturation.`,
  },
} satisfies Record<Locale, unknown>;

const bankLines = (locale: Locale, bank: SellerBank) => {
  const s = STRINGS[locale];
  const rows: [string, string][] =
    'iban' in bank
      ? [[s.bank.accountHolder, bank.accountHolder], [s.bank.iban, bank.iban], [s.bank.bic, bank.bic]]
      : [[s.bank.accountHolder, bank.accountHolder], [s.bank.bankName, bank.bankName], [s.bank.accountNumber, bank.accountNumber], [s.bank.routingNumber, bank.routingNumber]];
  return rows.map(([label, value]) => `  ${label}${s.colon}${value}`);
};

/** Sent when the billing run issues an invoice: number, amount, due date, how it is paid, the PDF attached. */
export function invoiceIssuedMail(locale: Locale, f: InvoiceMailFacts): MailText {
  const s = STRINGS[locale];
  const amount = formatAmount(f.total, f.currency, locale);
  const date = (d: string) => documentDate(d, locale);
  const payment =
    f.payment.type === 'card' ? s.cardCharged(f.payment.text) : [s.transferIntro(f.number), ...bankLines(locale, f.payment.bank)].join('\n');
  return compose(
    locale,
    s.invoiceSubject(f.number, amount),
    s.invoiceIntro(f.companyName, f.number, date(f.periodStart), date(f.periodEnd)),
    // A card is charged at issue: a due date would read as if something were still owed.
    f.payment.type === 'card' ? `${s.amount}${s.colon}${amount}` : `${s.amount}${s.colon}${amount}\n${s.dueDate}${s.colon}${date(f.dueDate)}`,
    payment,
    `${s.attached(f.fileName)}\n${s.whereToFind}`,
    s.whyYou,
  );
}

/** Sent when an invoice is paid (card charge, or support confirming a transfer): the receipt, PDF attached. */
export function receiptMail(locale: Locale, f: ReceiptMailFacts): MailText {
  const s = STRINGS[locale];
  const amount = formatAmount(f.total, f.currency, locale);
  return compose(
    locale,
    s.receiptSubject(f.receiptNumber, f.number),
    s.receiptIntro(f.companyName, f.number, amount, documentDate(f.paidAt, locale)),
    `${s.receiptNumber}${s.colon}${f.receiptNumber}\n${s.paidWith}${s.colon}${f.paymentMethodText ?? s.transfer}`,
    `${s.attached(f.fileName)}\n${s.whereToFind}`,
    s.whyYou,
  );
}
