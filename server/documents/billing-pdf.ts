// Invoice and receipt PDFs from their data (pure: no database, no clock), laid out like the printed receipt page.
import PDFDocument from 'pdfkit';
import type { Invoice, Receipt } from '../../shared/api-types';
import type { Seller } from '../billing/seller';
import { documentText, type DocumentLanguage, type DocumentMessages } from './catalogue';
import { documentAddressLines, documentDate, documentMoney, documentPeriod, documentPhone, documentTaxRate } from './document-format';
import { documentFonts } from './fonts';
import { ibanPrintFormat } from '../../shared/iban-format';
import { renderQueue } from './render-queue';
import { printableText } from './printable';

/** What one billing PDF shows. `invoice` is the API's invoice (dueDate, payment, bill-to snapshot). */
export interface BillingDocument {
  kind: 'invoice' | 'receipt';
  language: DocumentLanguage;
  invoice: Invoice;
  seller: Seller;
  /** How a paid invoice was paid (the receipt prints it); null for an open invoice. */
  paymentMethod: Receipt['paymentMethod'] | null;
  /**
   * Called once, after layout, with the distinct characters printed as U+FFFD because the fonts cannot
   * draw them (values stored before the printable rule, server/documents/printable.ts); the caller logs them.
   */
  onReplaced?: (characters: string[]) => void;
}

const PAGE = { width: 595.28, height: 841.89, margin: 50 }; // A4 in points
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const MUTED = '#555555';
const INK = '#111111';
const RULE = '#bbbbbb';

/** The document's title, also its metadata title: "Invoice FP-2026-000031", "Reçu RC-2026-000021". */
export function billingDocumentTitle(d: Pick<BillingDocument, 'kind' | 'language'> & { invoice: Pick<Invoice, 'number' | 'receiptNumber'> }): string {
  return d.kind === 'invoice'
    ? documentText(d.language, 'invoiceTitle', { number: d.invoice.number })
    : documentText(d.language, 'receiptTitle', { number: d.invoice.receiptNumber ?? '' });
}

/**
 * The PDF bytes of an invoice or a receipt (A4, DejaVu Sans embedded and subset, so every Latin,
 * Greek and Cyrillic name prints and the text stays selectable). Metadata: title, author (the
 * seller's legal name), subject, creation date (the issue date for an invoice, the paid date for a
 * receipt, so the same document always has the same date), language. A receipt needs a paid invoice.
 * Rendered through the process's render queue (render-queue.ts): one PDF at a time, the event loop
 * served between two.
 */
export function renderBillingPdf(d: BillingDocument): Promise<Uint8Array> {
  return renderQueue.run(() => renderNow(d));
}

/** The render itself: synchronous layout on the event loop, so only ever called by the queue. */
function renderNow(d: BillingDocument): Promise<Uint8Array> {
  const { invoice, seller, language } = d;
  const t = (key: keyof DocumentMessages, values?: Record<string, string>) => documentText(language, key, values);
  const money = (minor: number) => documentMoney(minor, invoice.currency, language);
  const title = billingDocumentTitle(d);
  const created = d.kind === 'receipt' && invoice.paidAt ? invoice.paidAt : invoice.issuedAt;

  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    // No standard font: pdfkit's Helvetica lives in files the bundle does not carry, and cannot print Cyrillic.
    font: null as unknown as string,
    lang: language === 'fr' ? 'fr-FR' : 'en',
    displayTitle: true,
    info: { Title: title, Author: seller.legalName, Subject: title, Creator: 'Fastpath', CreationDate: new Date(created) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const fonts = documentFonts();
  doc.registerFont('body', fonts.regular as never);
  doc.registerFont('bold', fonts.bold as never);

  // Every string goes through printableText: a character the fonts lack prints as a visible U+FFFD, never as nothing.
  const replaced = new Set<string>();
  const printable = (text: string) => {
    const shown = printableText(text);
    for (const ch of shown.replaced) replaced.add(ch);
    return shown.text;
  };
  const write = (text: string, x: number, y: number, o: { width: number; bold?: boolean; size?: number; color?: string; align?: 'left' | 'right' }) => {
    doc.font(o.bold ? 'bold' : 'body').fontSize(o.size ?? 9.5).fillColor(o.color ?? INK);
    doc.text(printable(text), x, y, { width: o.width, align: o.align ?? 'left' });
    return doc.y;
  };
  const heightOf = (text: string, width: number, bold = false, size = 9.5) =>
    doc.font(bold ? 'bold' : 'body').fontSize(size).heightOfString(printable(text), { width });
  const rule = (y: number, color = RULE) => doc.moveTo(PAGE.margin, y).lineTo(PAGE.width - PAGE.margin, y).lineWidth(0.6).strokeColor(color).stroke();
  const ensureRoom = (y: number, needed: number) => {
    if (y + needed <= PAGE.height - PAGE.margin) return y;
    doc.addPage();
    return PAGE.margin;
  };

  // Head: title and the document's facts on the left, the seller on the right (as the receipt page).
  const leftWidth = CONTENT_WIDTH * 0.58;
  const rightX = PAGE.margin + leftWidth + 20;
  const rightWidth = CONTENT_WIDTH - leftWidth - 20;
  let y = write(title, PAGE.margin, PAGE.margin, { width: leftWidth, bold: true, size: 18 }) + 8;
  const facts: [string, string][] =
    d.kind === 'receipt'
      ? [
          [t('receiptNumber'), invoice.receiptNumber ?? ''],
          [t('invoiceNumber'), invoice.number],
          [t('paidAt'), documentDate(invoice.paidAt ?? '', language)],
          [t('period'), documentPeriod(invoice.periodStart, invoice.periodEnd, language)],
          [t('paymentMethod'), d.paymentMethod?.type === 'card' ? d.paymentMethod.text : t('transfer')],
        ]
      : [
          [t('invoiceNumber'), invoice.number],
          [t('issuedAt'), documentDate(invoice.issuedAt, language)],
          invoice.status === 'open'
            ? [t('dueDate'), documentDate(invoice.dueDate, language)]
            : [t('paidAt'), documentDate(invoice.paidAt ?? '', language)],
          [t('period'), documentPeriod(invoice.periodStart, invoice.periodEnd, language)],
        ];
  const labelWidth = 110;
  for (const [label, value] of facts) {
    const rowHeight = Math.max(heightOf(label, labelWidth - 6), heightOf(value, leftWidth - labelWidth));
    write(label, PAGE.margin, y, { width: labelWidth - 6, color: MUTED });
    write(value, PAGE.margin + labelWidth, y, { width: leftWidth - labelWidth });
    y += rowHeight + 3;
  }
  const sellerLines = [...documentAddressLines(seller.address, language), seller.email, t('vatId', { vatId: seller.vatId })];
  let ry = write(t('from'), rightX, PAGE.margin + 4, { width: rightWidth, color: MUTED, size: 8.5 }) + 2;
  ry = write(seller.legalName, rightX, ry, { width: rightWidth, bold: true });
  for (const line of sellerLines) ry = write(line, rightX, ry, { width: rightWidth });
  y = Math.max(y, ry) + 18;

  // Bill to: the snapshot taken at issue (R8).
  const billTo = invoice.billTo;
  y = write(t('billTo'), PAGE.margin, y, { width: leftWidth, color: MUTED, size: 8.5 }) + 2;
  y = write(billTo.companyName, PAGE.margin, y, { width: leftWidth, bold: true });
  const billToLines = [
    billTo.contactName,
    ...documentAddressLines(billTo.address, language),
    billTo.email,
    documentPhone(billTo.phone, billTo.address.country),
    ...(billTo.vatId ? [t('vatId', { vatId: billTo.vatId })] : []),
  ].filter(Boolean);
  for (const line of billToLines) y = write(line, PAGE.margin, y, { width: leftWidth });
  y += 20;

  // Lines: description (with its period), quantity, unit price, amount.
  const cols = { description: 0, quantity: 0.52, unit: 0.64, amount: 0.82 };
  const colX = (c: number) => PAGE.margin + c * CONTENT_WIDTH;
  const colW = { description: 0.5 * CONTENT_WIDTH, quantity: 0.1 * CONTENT_WIDTH, unit: 0.16 * CONTENT_WIDTH, amount: 0.18 * CONTENT_WIDTH };
  const header = () => {
    write(t('description'), colX(cols.description), y, { width: colW.description, bold: true, size: 8.5 });
    write(t('quantity'), colX(cols.quantity), y, { width: colW.quantity, bold: true, size: 8.5, align: 'right' });
    write(t('unitPrice'), colX(cols.unit), y, { width: colW.unit, bold: true, size: 8.5, align: 'right' });
    write(t('lineAmount'), colX(cols.amount), y, { width: colW.amount, bold: true, size: 8.5, align: 'right' });
    y += heightOf(t('unitPrice'), colW.unit, true, 8.5) + 4;
    rule(y);
    y += 5;
  };
  header();
  for (const line of invoice.lines) {
    const period = documentPeriod(line.periodStart, line.periodEnd, language);
    const rowHeight = heightOf(line.description, colW.description) + heightOf(period, colW.description, false, 8) + 6;
    const top = ensureRoom(y, rowHeight);
    if (top !== y) {
      y = top;
      header();
    }
    const below = write(line.description, colX(cols.description), y, { width: colW.description });
    write(period, colX(cols.description), below, { width: colW.description, color: MUTED, size: 8 });
    write(String(line.quantity), colX(cols.quantity), y, { width: colW.quantity, align: 'right' });
    write(money(line.unitAmount), colX(cols.unit), y, { width: colW.unit, align: 'right' });
    write(money(line.amount), colX(cols.amount), y, { width: colW.amount, align: 'right' });
    y += rowHeight;
  }
  rule(y);
  y += 6;

  // Totals, right-aligned under the amounts.
  const totalLabel = d.kind === 'receipt' ? t('totalPaid') : invoice.status === 'open' ? t('totalDue') : t('total');
  const totals: [string, string, boolean][] = [
    [t('subtotal'), money(invoice.subtotal), false],
    [t('tax', { rate: documentTaxRate(invoice.taxRateBp, language) }), money(invoice.tax), false],
    [totalLabel, money(invoice.total), true],
  ];
  y = ensureRoom(y, 60);
  for (const [label, value, strong] of totals) {
    write(label, colX(cols.quantity), y, { width: colX(cols.amount) - colX(cols.quantity) - 6, bold: strong, align: 'right' });
    write(value, colX(cols.amount), y, { width: colW.amount, bold: strong, align: 'right' });
    y += heightOf(value, colW.amount, strong) + 4;
  }
  y += 16;

  // An open invoice says how to pay it; a paid one says when it was paid.
  if (d.kind === 'invoice' && invoice.payment) {
    const bank = invoice.payment.bank;
    const rows: [string, string][] = [
      [t('reference'), invoice.payment.reference],
      [t('accountHolder'), bank.accountHolder],
      ...('iban' in bank
        ? ([[t('iban'), ibanPrintFormat(bank.iban)], [t('bic'), bank.bic]] as [string, string][])
        : ([[t('accountNumber'), bank.accountNumber], [t('routingNumber'), bank.routingNumber], [t('bankName'), bank.bankName]] as [string, string][])),
    ];
    y = ensureRoom(y, 40 + rows.length * 14);
    y = write(t('howToPay'), PAGE.margin, y, { width: CONTENT_WIDTH, bold: true, size: 11 }) + 3;
    y = write(t('payBy', { amount: money(invoice.total), date: documentDate(invoice.dueDate, language) }), PAGE.margin, y, { width: CONTENT_WIDTH }) + 4;
    for (const [label, value] of rows) {
      write(label, PAGE.margin, y, { width: labelWidth + 20, color: MUTED });
      y = write(value, PAGE.margin + labelWidth + 30, y, { width: CONTENT_WIDTH - labelWidth - 30, bold: label === t('reference') }) + 2;
    }
  } else if (d.kind === 'invoice' && invoice.status === 'paid' && invoice.paidAt) {
    y = ensureRoom(y, 20);
    write(t('paidNote', { date: documentDate(invoice.paidAt, language), number: invoice.receiptNumber ?? '' }), PAGE.margin, y, { width: CONTENT_WIDTH });
  }

  if (replaced.size) d.onReplaced?.([...replaced]);
  doc.end();
  return done;
}

