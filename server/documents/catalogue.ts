// The words of the invoice and receipt PDFs in English and French (French typography: U+00A0 before : ; ! ? »).

export type DocumentLanguage = 'en' | 'fr';

const en = {
  invoiceTitle: 'Invoice {number}',
  receiptTitle: 'Receipt {number}',
  invoiceNumber: 'Invoice number',
  receiptNumber: 'Receipt number',
  issuedAt: 'Issue date',
  dueDate: 'Due date',
  paidAt: 'Paid on',
  period: 'Service period',
  paymentMethod: 'Payment method',
  transfer: 'Bank transfer',
  from: 'From',
  billTo: 'Bill to',
  vatId: 'VAT id: {vatId}',
  description: 'Description',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  lineAmount: 'Amount',
  subtotal: 'Subtotal',
  tax: 'Tax ({rate})',
  totalDue: 'Total due',
  total: 'Total',
  totalPaid: 'Total paid',
  howToPay: 'How to pay',
  payBy: 'Please transfer {amount} by {date}, quoting the reference below.',
  reference: 'Reference',
  accountHolder: 'Account holder',
  iban: 'IBAN',
  bic: 'BIC',
  accountNumber: 'Account number',
  routingNumber: 'Routing number',
  bankName: 'Bank',
  paidNote: 'Paid on {date}, receipt {number}. Thank you.',
};

export type DocumentMessages = typeof en;

const fr: DocumentMessages = {
  invoiceTitle: 'Facture {number}',
  receiptTitle: 'Reçu {number}',
  invoiceNumber: 'Numéro de facture',
  receiptNumber: 'Numéro de reçu',
  issuedAt: 'Date d’émission',
  dueDate: 'Date d’échéance',
  paidAt: 'Payé le',
  period: 'Période de service',
  paymentMethod: 'Moyen de paiement',
  transfer: 'Virement bancaire',
  from: 'Émetteur',
  billTo: 'Facturé à',
  vatId: 'N° de TVA\u00a0: {vatId}',
  description: 'Description',
  quantity: 'Quantité',
  unitPrice: 'Prix unitaire',
  lineAmount: 'Montant',
  subtotal: 'Sous-total',
  tax: 'TVA ({rate})',
  totalDue: 'Total à payer',
  total: 'Total',
  totalPaid: 'Total payé',
  howToPay: 'Comment payer',
  payBy: 'Merci de virer {amount} au plus tard le {date} en indiquant la référence ci-dessous.',
  reference: 'Référence',
  accountHolder: 'Titulaire du compte',
  iban: 'IBAN',
  bic: 'BIC',
  accountNumber: 'Numéro de compte',
  routingNumber: 'Numéro de routage (ABA)',
  bankName: 'Banque',
  paidNote: 'Payée le {date}, reçu {number}. Merci.',
};

/** Both catalogues, for the French-typography test. */
export const DOCUMENT_CATALOGUES: Record<DocumentLanguage, DocumentMessages> = { en, fr };

/** The message `key` in `language` with `{name}` placeholders filled. */
export function documentText(language: DocumentLanguage, key: keyof DocumentMessages, values: Record<string, string> = {}): string {
  return DOCUMENT_CATALOGUES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
