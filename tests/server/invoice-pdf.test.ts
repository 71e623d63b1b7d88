// Invoice and receipt PDFs as a person reads them: text extracted with pdf.js (so it is selectable), in 0-, 2- and 3-decimal currencies.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBilling } from '../../server/billing/billing-run';
import { simulatedPaymentProvider } from '../../server/billing/payment-provider';
import { ConfigError, loadConfig } from '../../server/config';
import { invoicePdfName, receiptPdfName } from '../../shared/document-names';
import { formatMinorUnits } from '../../shared/money';
import { accountFlags, adminRunner } from '../helpers/admin';
import { createTestApi, type TestApi } from '../helpers/api';
import { bundled, ROOT } from '../helpers/bundle';
import { envFor, spawnServer } from '../helpers/process-server';
import { tokenFor } from '../helpers/principals';

let api: TestApi;
let ada: string;
let chloe: string;
let yen: { account: string; invoice: string };
let dinar: { account: string; invoice: string };

/** Every text item of every page, joined by spaces, with no-break spaces read as spaces. */
async function pdfText(bytes: Uint8Array): Promise<{ text: string; info: Record<string, unknown>; pages: number }> {
  const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) if ('str' in item) parts.push(item.str);
  }
  const { info } = await doc.getMetadata();
  const pages = doc.numPages;
  await doc.destroy();
  return { text: parts.join(' ').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' '), info: info as Record<string, unknown>, pages };
}
const spaced = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

async function download(path: string, token: string) {
  const res = await api.request<Uint8Array>('GET', path, { token });
  return res;
}

/** A new account held by `holder`, one subscription, and the billing run that invoices it (a card payer's is paid). */
async function accountWithInvoice(flags: string[], holder: string, unitPrice: number) {
  const admin = adminRunner(api.db);
  const created = await admin(['account', 'create', ...flags, '--tax-rate', '10', '--json']);
  expect(created.stderr).toBe('');
  const account = created.json.id as string;
  expect((await admin(['member', 'add', account, holder, '--role', 'holder'])).code).toBe(0);
  const sub = await admin(['subscription', 'create', account, '--product', 'Fastpath Business', '--seats', '2', '--unit-price', String(unitPrice), '--interval', 'month', '--start', '2026-03-01', '--json']);
  expect(sub.code).toBe(0);
  await runBilling(api.db, simulatedPaymentProvider, new Date('2026-03-01T12:00:00Z'));
  const invoice = await api.db.selectFrom('invoices').select('id').where('subscription_id', '=', sub.json.id).executeTakeFirstOrThrow();
  return { account, invoice: invoice.id };
}

beforeAll(async () => {
  api = await createTestApi();
  [ada, chloe] = await Promise.all([tokenFor(api.db, 'ada@acme.test'), tokenFor(api.db, 'chloe@globex.test')]);
  // JPY (exponent 0), a card payer with a Cyrillic name: its invoice is paid at once, so it has a receipt.
  yen = await accountWithInvoice(accountFlags({ company: 'ООО «Ромашка»', currency: 'jpy' }), 'ada@acme.test', 1200);
  // KWD (exponent 3), an invoice payer with a Greek name: its invoice stays open.
  dinar = await accountWithInvoice(
    [
      ...accountFlags({ company: 'Ελληνικά Δίκτυα Α.Ε.', currency: 'kwd', payment: 'invoice', 'card-brand': undefined, 'card-last4': undefined, 'card-expiry': undefined }),
      '--billing-email', 'logistirio@diktya.example', '--billing-phone', '+302101234567', '--billing-line1', 'Λεωφόρος Κηφισίας 44',
      '--billing-city', 'Αθήνα', '--billing-postal-code', '151 25', '--billing-country', 'GR',
    ],
    'ada@acme.test',
    12345,
  );
}, 120_000);
afterAll(() => api?.close());

describe('the receipt PDF', () => {
  it('prints the receipt of a JPY invoice with no decimals, the Cyrillic company, the payment method and the metadata', async () => {
    const json = (await api.request('GET', `/accounts/${yen.account}/invoices/${yen.invoice}`, { token: ada })).body;
    expect(json).toMatchObject({ currency: 'JPY', status: 'paid', total: 2640, payment: null });
    const res = await download(`/accounts/${yen.account}/invoices/${yen.invoice}/receipt/pdf`, ada);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${receiptPdfName(json, json.receiptNumber)}"`);
    const { text, info } = await pdfText(res.body);
    expect(text).toContain(`Receipt ${json.receiptNumber}`);
    expect(text).toContain(json.number);
    expect(text).toContain('ООО «Ромашка»');
    // 2 seats × ¥1,200 + 10 % tax: whole yen, never "¥2,640.00".
    expect(text).toContain('¥2,400');
    expect(text).toContain('¥240');
    expect(text).toContain('¥2,640');
    expect(text).not.toMatch(/¥[\d,]+\.\d/);
    expect(text).toContain('Visa •••• 4242');
    expect(text).toContain('Paid on');
    expect(info).toMatchObject({ Title: `Receipt ${json.receiptNumber}`, Author: 'Fastpath Inc.' });
    expect(String(info.CreationDate)).toMatch(new RegExp(`^D:${json.paidAt.slice(0, 10).replace(/-/g, '')}`));
    // The font is embedded with a Unicode map: the text can be selected and copied, not just seen.
    const raw = Buffer.from(res.body).toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toContain('/ToUnicode');
  });

  it('keeps the bill-to snapshot taken at issue, whatever the account is called now (R8)', async () => {
    await api.db.updateTable('accounts').set({ company_name: 'Renamed Later Ltd', billing_line1: '1 New Street' }).where('id', '=', yen.account).execute();
    const { billTo } = (await api.request('GET', `/accounts/${yen.account}/invoices/${yen.invoice}`, { token: ada })).body;
    const { text } = await pdfText((await download(`/accounts/${yen.account}/invoices/${yen.invoice}/receipt/pdf`, ada)).body);
    expect(text).toContain(billTo.companyName);
    expect(text).not.toContain('Renamed Later');
    expect(text).not.toContain('1 New Street');
    expect(text).toContain(billTo.contactName);
    expect(text).toContain('14 rue de la Paix');
    expect(text).toContain('75002 Paris');
    // A French number on a French address: national format, as the receipt page shows it.
    expect(text).toContain('01 42 86 82 00');
  });

  it('answers 409 no_receipt for an open invoice, and 404 for another account\'s invoice', async () => {
    const open = await api.request('GET', `/accounts/${dinar.account}/invoices/${dinar.invoice}/receipt/pdf`, { token: ada });
    expect(open.status).toBe(409);
    expect(open.body.code).toBe('no_receipt');
    const globex = await api.accountId('Globex SARL');
    const theirs = await api.request('GET', `/accounts/${globex}/invoices/${yen.invoice}/pdf`, { token: chloe });
    expect(theirs.status).toBe(404);
  });
});

describe('the invoice PDF', () => {
  it('prints an open KWD invoice with three decimals, its Greek bill-to, due date and how to pay', async () => {
    const json = (await api.request('GET', `/accounts/${dinar.account}/invoices/${dinar.invoice}`, { token: ada })).body;
    expect(json).toMatchObject({
      currency: 'KWD', status: 'open', subtotal: 24690, tax: 2469, total: 27159, dueDate: '2026-03-31',
      payment: { reference: json.number, bank: { accountHolder: 'Fastpath Inc.', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' } },
    });
    const res = await download(`/accounts/${dinar.account}/invoices/${dinar.invoice}/pdf`, ada);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${invoicePdfName(json)}"`);
    const { text, info } = await pdfText(res.body);
    expect(text).toContain(`Invoice ${json.number}`);
    expect(text).toContain('Ελληνικά Δίκτυα Α.Ε.');
    expect(text).toContain('Λεωφόρος Κηφισίας 44');
    expect(text).toContain('151 25 Αθήνα');
    // A Greek number on a Greek address: national format, as the receipt page shows it.
    expect(text).toContain('logistirio@diktya.example 21 0123 4567');
    expect(text).toContain(spaced(formatMinorUnits(24690, 'KWD', 'en')));
    expect(text).toContain('KWD 24.690');
    expect(text).toContain('KWD 2.469');
    expect(text).toContain('KWD 27.159');
    expect(text).toContain('Due date March 31, 2026');
    expect(text).toContain('How to pay');
    expect(text).toContain('DE89 3704 0044 0532 0130 00');
    expect(text).toContain('COBADEFFXXX');
    expect(text).toContain(`Reference ${json.number}`);
    expect(info).toMatchObject({ Title: `Invoice ${json.number}`, Author: 'Fastpath Inc.' });
    expect(String(info.CreationDate)).toMatch(/^D:20260301/);
  });

  it('is written in the account\'s invoice language: chloe\'s open EUR invoice in French, two decimals', async () => {
    const globex = await api.accountId('Globex SARL');
    const open = await api.db.selectFrom('invoices').selectAll().where('account_id', '=', globex).where('status', '=', 'open').executeTakeFirstOrThrow();
    const json = (await api.request('GET', `/accounts/${globex}/invoices/${open.id}`, { token: chloe })).body;
    const res = await download(`/accounts/${globex}/invoices/${open.id}/pdf`, chloe);
    expect(res.status).toBe(200);
    const { text, info } = await pdfText(res.body);
    expect(text).toContain(`Facture ${json.number}`);
    expect(text).toContain('Date d’échéance');
    expect(text).toContain('Comment payer');
    expect(text).toContain(`N° de TVA : ${json.billTo.vatId}`);
    const total = formatMinorUnits(json.total, 'EUR', 'fr');
    expect(total).toMatch(/\d,\d{2}\u00a0€$/);
    expect(text).toContain(spaced(total));
    expect(info.Title).toBe(`Facture ${json.number}`);
  });

  it('prints a paid invoice with its paid date and receipt number instead of payment instructions', async () => {
    const json = (await api.request('GET', `/accounts/${yen.account}/invoices/${yen.invoice}`, { token: ada })).body;
    const { text } = await pdfText((await download(`/accounts/${yen.account}/invoices/${yen.invoice}/pdf`, ada)).body);
    expect(text).toContain(`Invoice ${json.number}`);
    expect(text).toContain(json.receiptNumber);
    expect(text).not.toContain('How to pay');
    expect(text).not.toContain('IBAN');
  });
});

describe('the seller settings file (SELLER_FILE)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastpath-seller-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const demo = JSON.parse(fs.readFileSync(path.join(ROOT, 'server/demo/seller.json'), 'utf8'));
  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  };

  it.each([
    ['a bad IBAN', { ...demo, bank: { ...demo.bank, iban: 'DE00 3704 0044 0532 0130 00' } }, 'field bank.iban is invalid: not a valid IBAN'],
    ['no legal name', { ...demo, legalName: '' }, 'field legalName (legal name) is invalid'],
    ['a bad e-mail', { ...demo, email: 'billing at fastpath' }, 'field email (e-mail) is invalid'],
    ['no VAT id', { ...demo, vatId: undefined }, 'field vatId (VAT/tax id) is invalid'],
    ['negative payment terms', { ...demo, paymentTermsDays: -1 }, 'field paymentTermsDays (payment terms in days) is invalid'],
    ['bank details of neither kind', { ...demo, bank: { accountHolder: 'X' } }, 'field bank (bank details (IBAN and BIC, or account number, routing number and bank name)) is invalid'],
    ['a city missing', { ...demo, address: { ...demo.address, city: undefined } }, 'field address.city is invalid'],
    ['not JSON', '{ legalName: ', 'is not JSON'],
  ])('refuses %s with one line naming the field', (_what, content, message) => {
    const file = write('seller.json', content);
    let error: unknown;
    try {
      loadConfig({ SELLER_FILE: file });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`Setting SELLER_FILE is invalid: Seller file ${file}`);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('reaches the invoice JSON: account and routing number, and payment terms', async () => {
    const file = write('us-seller.json', {
      ...demo,
      legalName: 'Northwind Billing LLC',
      paymentTermsDays: 14,
      bank: { accountHolder: 'Northwind Billing LLC', accountNumber: '000123456789', routingNumber: '026009593', bankName: 'Example Bank' },
    });
    const config = loadConfig({ SELLER_FILE: file });
    expect(config.seller).toMatchObject({ legalName: 'Northwind Billing LLC', paymentTermsDays: 14 });
    const { createApp } = await import('../../server/app');
    const app = createApp({ db: api.db, config: { ...api.database.config, seller: config.seller }, now: () => new Date() });
    const res = await app.request(`/api/v1/accounts/${dinar.account}/invoices/${dinar.invoice}`, { headers: { authorization: `Bearer ${ada}` } });
    expect(await res.json()).toMatchObject({
      dueDate: '2026-03-15',
      payment: { bank: { accountNumber: '000123456789', routingNumber: '026009593', bankName: 'Example Bank' } },
    });
    const pdf = await app.request(`/api/v1/accounts/${dinar.account}/invoices/${dinar.invoice}/pdf`, { headers: { authorization: `Bearer ${ada}` } });
    const { text } = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain('Northwind Billing LLC');
    expect(text).toContain('Routing number 026009593');
  });

  it('stops the real server at start with that one line and exit code 1', async () => {
    const file = write('broken.json', { ...demo, bank: { ...demo.bank, bic: 'NOPE' } });
    const child = spawn(process.execPath, [await bundled('server/index.ts')], {
      cwd: ROOT,
      env: envFor(api.database, { SELLER_FILE: file, LOG_FORMAT: 'json' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toBe(`Setting SELLER_FILE is invalid: Seller file ${file}: field bank.bic is invalid: not a valid BIC (ISO 9362: 8 or 11 characters)\n`);
  });
});

describe('the production bundle', () => {
  it('serves a receipt PDF from the bundled server, with the fonts copied beside it', async () => {
    const bundle = await bundled('server/index.ts');
    expect(fs.existsSync(path.join(path.dirname(bundle), 'fonts', 'DejaVuSans.ttf'))).toBe(true);
    const server = await spawnServer(envFor(api.database, { LOG_FORMAT: 'json' }));
    try {
      const res = await fetch(`${server.url}/api/v1/accounts/${yen.account}/invoices/${yen.invoice}/receipt/pdf`, { headers: { authorization: `Bearer ${ada}` } });
      expect(res.status).toBe(200);
      const { text } = await pdfText(new Uint8Array(await res.arrayBuffer()));
      expect(text).toContain('ООО «Ромашка»');
    } finally {
      await server.kill('SIGTERM');
    }
  }, 60_000);
});
