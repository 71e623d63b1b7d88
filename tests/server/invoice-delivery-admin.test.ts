// The admin CLI and the import set invoice language and recipients by the Billing page's rules (issue 14).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountFlags, adminRunner } from '../helpers/admin';
import { createTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
let admin: ReturnType<typeof adminRunner>;
beforeAll(async () => {
  api = await createTestApi();
  admin = adminRunner(api.db);
});
afterAll(() => api.close());

describe('account create', () => {
  it('takes --invoice-language and --invoice-recipients, stored as the Billing page reads them, and shows them', async () => {
    const run = await admin(['account', 'create', ...accountFlags(), '--invoice-language', 'fr', '--invoice-recipients', 'Compta@Hanabi.EXAMPLE, dg@hanabi.example', '--json']);
    expect(run.code).toBe(0);
    const row = await api.db.selectFrom('accounts').select(['invoice_language', 'invoice_recipients']).where('id', '=', run.json.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ invoice_language: 'fr', invoice_recipients: JSON.stringify(['Compta@hanabi.example', 'dg@hanabi.example']) });
    const show = await admin(['account', 'show', run.json.id]);
    expect(show.stdout).toContain('invoices  in fr, mailed to Hana@hanabi.example, Compta@hanabi.example, dg@hanabi.example');
  });

  it('without them: no recipients, and the language follows the holder (null until one is set)', async () => {
    const run = await admin(['account', 'create', ...accountFlags({ company: 'Plain Co' }), '--json']);
    const row = await api.db.selectFrom('accounts').select(['invoice_language', 'invoice_recipients']).where('id', '=', run.json.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ invoice_language: null, invoice_recipients: '[]' });
  });

  it.each([
    ['the billing e-mail as a recipient', ['--invoice-recipients', 'hana@HANABI.example'], '--invoice-recipients.0: This is the billing e-mail'],
    ['a recipient twice', ['--invoice-recipients', 'a@x.example,A@X.example'], '--invoice-recipients.1: Listed twice'],
    ['six recipients', ['--invoice-recipients', 'a@x.ex,b@x.ex,c@x.ex,d@x.ex,e@x.ex,f@x.ex'], '--invoice-recipients: At most 5 addresses'],
    ['not a mailbox', ['--invoice-recipients', 'Ann <ann@x.example>'], '--invoice-recipients.0: Not a valid e-mail address'],
    ['another language', ['--invoice-language', 'de'], '--invoice-language:'],
  ])('refuses %s, naming the flag, and creates nothing', async (_what, extra, message) => {
    const before = await api.db.selectFrom('accounts').select('id').execute();
    const run = await admin(['account', 'create', ...accountFlags({ company: `Refused ${extra.join(' ')}` }), ...extra]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(await api.db.selectFrom('accounts').select('id').execute()).toHaveLength(before.length);
  });
});

describe('import', () => {
  it('imports billing.invoiceLanguage and billing.invoiceRecipients, and names the entry of a bad recipient', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastpath-import-'));
    const account = (company: string, recipients: string[]) => ({
      companyName: company, currency: 'EUR', paymentMethod: { type: 'invoice' },
      contact: { firstName: 'Jo', lastName: 'Lee', email: `jo@${company.toLowerCase()}.example`, phone: '+33142868200', address: { line1: '1 rue', city: 'Paris', country: 'FR' } },
      billing: { email: `ap@${company.toLowerCase()}.example`, invoiceLanguage: 'en', invoiceRecipients: recipients },
      members: [{ email: 'ada@acme.test', role: 'holder' }],
    });
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ accounts: [account('Importa', ['AP@importa.example'])] }));
    const refused = await admin(['import', bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('accounts.0.billing.invoiceRecipients.0: This is the billing e-mail');
    const good = path.join(dir, 'good.json');
    fs.writeFileSync(good, JSON.stringify({ accounts: [account('Importa', ['boss@importa.example'])] }));
    const run = await admin(['import', good, '--json']);
    expect(run.code).toBe(0);
    const row = await api.db.selectFrom('accounts').select(['invoice_language', 'invoice_recipients']).where('id', '=', run.json.accounts[0].id).executeTakeFirstOrThrow();
    expect(row).toEqual({ invoice_language: 'en', invoice_recipients: '["boss@importa.example"]' });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
