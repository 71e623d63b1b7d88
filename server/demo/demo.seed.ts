// The demo data of product.md §4, loaded by `npm start` on an empty database (never in production).
import { randomUUID } from 'node:crypto';
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { addressColumns } from '../accounts/account.mapper';
import { hashPassword } from '../auth/password';
import { runBilling } from '../billing/billing-run';
import { markInvoicePaid } from '../billing/mark-paid';
import { simulatedPaymentProvider } from '../billing/payment-provider';
import type { AccountsTable, Database } from '../db/database';
import type { Address } from '../../shared/api-types';
import { emailKey } from '../../shared/identity-key';

export const DEMO_PASSWORD = 'fastpath-demo';

export const DEMO_LOGINS = [
  { email: 'ada@acme.test', who: 'holder of Acme Corp (card payer), English' },
  { email: 'bob@acme.test', who: "user of Acme Corp, holder of Bob's Bikes (card payer)" },
  { email: 'chloe@globex.test', who: 'holder of Globex SARL (invoice payer), French' },
  { email: 'sam@support.test', who: 'support staff' },
] as const;

interface DemoAccount {
  company: string;
  contact: { first: string; last: string; email: string; phone: string; address: Address };
  billing: { email: string; phone: string; vatId: string | null; address: Address };
  payment: Pick<AccountsTable, 'payment_type' | 'card_brand' | 'card_last4' | 'card_exp_month' | 'card_exp_year'>;
  /** Issue 14: the language of billing mails and PDFs (null: the holder's), and who else gets them. */
  invoiceDelivery: Pick<AccountsTable, 'invoice_language' | 'invoice_recipients'>;
  currency: string;
  taxRateBp: number;
  subscription: { product: string; seats: number; unitPrice: number };
}

const sf = (line2: string | null): Address => ({
  line1: '1 Market St', line2, city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US',
});

const ACCOUNTS: Record<'acme' | 'bikes' | 'globex', DemoAccount> = {
  acme: {
    company: 'Acme Corp',
    contact: { first: 'Ada', last: 'Lovelace', email: 'ada@acme.test', phone: '+14155550100', address: sf(null) },
    billing: { email: 'billing@acme.test', phone: '+14155550101', vatId: null, address: sf('Suite 200') },
    payment: { payment_type: 'card', card_brand: 'visa', card_last4: '4242', card_exp_month: 4, card_exp_year: 2028 },
    invoiceDelivery: { invoice_language: null, invoice_recipients: JSON.stringify(['books@acme.test']) },
    currency: 'USD',
    taxRateBp: 0,
    subscription: { product: 'Fastpath Business', seats: 5, unitPrice: 1200 },
  },
  bikes: {
    company: "Bob's Bikes",
    contact: {
      first: 'Bob', last: 'Marley', email: 'bob@acme.test', phone: '+442079460000',
      address: { line1: '12 Cycle Lane', line2: null, city: 'London', region: null, postalCode: 'E1 6AN', country: 'GB' },
    },
    billing: {
      email: 'accounts@bobsbikes.test', phone: '+442079460001', vatId: 'GB123456789',
      address: { line1: '12 Cycle Lane', line2: null, city: 'London', region: null, postalCode: 'E1 6AN', country: 'GB' },
    },
    payment: { payment_type: 'card', card_brand: 'mastercard', card_last4: '4444', card_exp_month: 9, card_exp_year: 2027 },
    invoiceDelivery: { invoice_language: null, invoice_recipients: '[]' },
    currency: 'GBP',
    taxRateBp: 2000,
    subscription: { product: 'Fastpath Starter', seats: 2, unitPrice: 900 },
  },
  globex: {
    company: 'Globex SARL',
    contact: {
      first: 'Chloé', last: 'Dubois', email: 'chloe@globex.test', phone: '+33142868200',
      address: { line1: '8 rue de Rivoli', line2: null, city: 'Paris', region: null, postalCode: '75004', country: 'FR' },
    },
    billing: {
      email: 'compta@globex.test', phone: '+33142868201', vatId: 'FR40303265045',
      address: { line1: '8 rue de Rivoli', line2: 'Service comptabilité', city: 'Paris', region: null, postalCode: '75004', country: 'FR' },
    },
    payment: { payment_type: 'invoice', card_brand: null, card_last4: null, card_exp_month: null, card_exp_year: null },
    invoiceDelivery: { invoice_language: 'fr', invoice_recipients: '[]' },
    currency: 'EUR',
    taxRateBp: 2000,
    subscription: { product: 'Fastpath Enterprise', seats: 20, unitPrice: 1500 },
  },
};

export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).execute()).length === 0;
}

/** The demo's subscriptions began on the first of the month a year before this one. */
function historyStart(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 1)).toISOString();
}

/** Loads the demo unless someone already has; `passwordHash` lets tests skip the deliberately slow hashing. */
export async function loadDemo(db: Kysely<Database>, now: Date, opts: { passwordHash?: string } = {}) {
  const at = now.toISOString();
  const hash = async () => opts.passwordHash ?? hashPassword(DEMO_PASSWORD);
  const people = {
    ada: { email: 'ada@acme.test', name: 'Ada Lovelace', locale: 'en' as const, support: 0 },
    bob: { email: 'bob@acme.test', name: 'Bob Marley', locale: 'en' as const, support: 0 },
    chloe: { email: 'chloe@globex.test', name: 'Chloé Dubois', locale: 'fr' as const, support: 0 },
    sam: { email: 'sam@support.test', name: 'Sam Support', locale: 'en' as const, support: 1 },
  };
  const hashes = await Promise.all(Object.keys(people).map(hash));
  const loaded = await db.transaction().execute(async (trx) => {
    // Two instances starting together on one PostgreSQL database: one loads, the other finds it done.
    if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(74310001)`.execute(trx);
    if (!(await isEmpty(trx))) return false;
    const userIds: Record<string, string> = {};
    for (const [i, [key, p]] of Object.entries(people).entries()) {
      userIds[key] = randomUUID();
      await trx
        .insertInto('users')
        .values({
          id: userIds[key], email: p.email, email_key: emailKey(p.email), name: p.name, locale: p.locale, password_hash: hashes[i],
          is_support: p.support, disabled_at: null, created_at: at,
        })
        .execute();
    }
    const accountIds: Record<string, string> = {};
    for (const [key, a] of Object.entries(ACCOUNTS)) {
      accountIds[key] = randomUUID();
      await trx
        .insertInto('accounts')
        .values({
          id: accountIds[key],
          company_name: a.company,
          contact_first_name: a.contact.first,
          contact_last_name: a.contact.last,
          contact_email: a.contact.email,
          contact_phone: a.contact.phone,
          ...addressColumns('contact', a.contact.address),
          billing_email: a.billing.email,
          billing_phone: a.billing.phone,
          billing_vat_id: a.billing.vatId,
          ...addressColumns('billing', a.billing.address),
          ...a.payment,
          ...a.invoiceDelivery,
          currency: a.currency,
          tax_rate_bp: a.taxRateBp,
          version: 1,
          created_at: at,
          updated_at: at,
        } as AccountsTable)
        .execute();
      await trx
        .insertInto('subscriptions')
        .values({
          id: randomUUID(), account_id: accountIds[key], product: a.subscription.product,
          seats: a.subscription.seats, unit_price: a.subscription.unitPrice, currency: a.currency,
          // An empty period ending where the history starts: the billing run bills from there on.
          billing_interval: 'month', status: 'active', current_period_start: historyStart(now),
          current_period_end: historyStart(now), cancel_at_period_end: 0, created_at: historyStart(now), canceled_at: null,
        })
        .execute();
    }
    const member = (account: string, user: string, role: 'holder' | 'user') =>
      trx.insertInto('memberships').values({ account_id: accountIds[account], user_id: userIds[user], role, created_at: at }).execute();
    await member('acme', 'ada', 'holder');
    await member('acme', 'bob', 'user');
    await member('bikes', 'bob', 'holder');
    await member('globex', 'chloe', 'holder');
    return true;
  });
  if (!loaded) return false;
  // A year of history made by the real billing code, not by hand-made rows. Without `mailing`: the
  // past is not mailed (no flood of a year of invoices and receipts at first start); from now on the
  // server's billing job mails each new invoice and payment (docs/decisions.md, issue 14).
  await runBilling(db, simulatedPaymentProvider, now, { now });
  await settleInvoicePayersHistory(db);
  return true;
}

/** Support has confirmed every invoice payer's transfer except the newest invoice, which stays open. */
async function settleInvoicePayersHistory(db: Kysely<Database>) {
  const open = await db
    .selectFrom('invoices')
    .innerJoin('accounts', 'accounts.id', 'invoices.account_id')
    .select(['invoices.id', 'invoices.account_id', 'invoices.issued_at'])
    .where('accounts.payment_type', '=', 'invoice')
    .where('invoices.status', '=', 'open')
    .orderBy('invoices.issued_at')
    .orderBy('invoices.number')
    .execute();
  // Paid oldest first, so receipt numbers follow the payment dates.
  const newest = new Map(open.map((inv) => [inv.account_id, inv.id]));
  for (const inv of open) {
    if (newest.get(inv.account_id) === inv.id) continue;
    const paidAt = new Date(Date.parse(inv.issued_at) + 12 * 86_400_000).toISOString();
    await markInvoicePaid(db, inv.id, { paidAt, chargeId: null, paymentMethodText: null }, { actorUserId: null, actorLabel: 'demo', action: 'invoice.marked_paid' });
  }
}
