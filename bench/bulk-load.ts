// Bulk loader: grows a Fastpath SQLite database to N accounts and M invoices with prepared statements in big
// transactions. `tsx bench/bulk-load.ts [DATA_DIR]` grows that folder's database (migrating it first).
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { hashToken } from '../server/auth/session.repository';
import { connect } from '../server/db/connect';
import { migrateToLatest } from '../server/db/migrate';
import { identityKey } from '../shared/identity-key';

type Sqlite = SQLite.Database;
const HOUR_MS = 3_600_000;
const BATCH = 50_000;

export interface BulkAccount {
  accountId: string;
  subscriptionId: string;
  userId: string;
  currency: string;
}

/** Migrates (Kysely, as the app does) and opens the same file for raw bulk writes. */
export async function openForBulk(dataDir: string): Promise<Sqlite> {
  const handle = connect({ dataDir });
  await migrateToLatest(handle.db);
  await handle.close();
  const sqlite = new SQLite(path.join(dataDir, 'fastpath.db'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('foreign_keys = ON');
  return sqlite;
}

function inBatches(sqlite: Sqlite, count: number, insert: (i: number) => void) {
  const run = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) insert(i);
  });
  for (let from = 0; from < count; from += BATCH) run(from, Math.min(count, from + BATCH));
}

/**
 * `count` accounts copied from a template account (the demo's Acme Corp), each with an active monthly
 * subscription. Without `holderUserId` every account gets its own holder, who gets one live session.
 */
export function addAccounts(sqlite: Sqlite, count: number, opts: { holderUserId?: string; label: string; now: Date }): BulkAccount[] {
  const at = opts.now.toISOString();
  const template = sqlite.prepare(`select * from accounts order by created_at, company_name limit 1`).get() as Record<string, unknown>;
  const columns = Object.keys(template);
  const insertAccount = sqlite.prepare(`insert into accounts (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
  const passwordHash = (sqlite.prepare(`select password_hash from users limit 1`).get() as { password_hash: string }).password_hash;
  const insertUser = sqlite.prepare(
    `insert into users (id, email, email_key, name, locale, password_hash, is_support, disabled_at, created_at) values (?, ?, ?, ?, 'en', ?, 0, null, ?)`,
  );
  const insertSession = sqlite.prepare(
    `insert into sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, revoked_at) values (?, ?, ?, ?, ?, ?, null)`,
  );
  const insertMember = sqlite.prepare(`insert into memberships (account_id, user_id, role, created_at) values (?, ?, 'holder', ?)`);
  const periodEnd = new Date(Date.UTC(opts.now.getUTCFullYear(), opts.now.getUTCMonth() + 1, 1)).toISOString();
  const periodStart = new Date(Date.UTC(opts.now.getUTCFullYear(), opts.now.getUTCMonth(), 1)).toISOString();
  const insertSubscription = sqlite.prepare(
    `insert into subscriptions (id, account_id, product, seats, unit_price, currency, billing_interval, status,
       current_period_start, current_period_end, cancel_at_period_end, created_at, canceled_at)
     values (?, ?, 'Fastpath Business', 3, 1200, ?, 'month', 'active', ?, ?, 0, ?, null)`,
  );
  const expires = new Date(opts.now.getTime() + 30 * 24 * HOUR_MS).toISOString();
  const tag = randomBytes(3).toString('hex');
  const made: BulkAccount[] = [];
  inBatches(sqlite, count, (i) => {
    const accountId = randomUUID();
    const userId = opts.holderUserId ?? randomUUID();
    if (!opts.holderUserId) {
      const email = `holder-${tag}-${i}@bulk.test`;
      insertUser.run(userId, email, identityKey(email), `Holder ${i}`, passwordHash, at);
      insertSession.run(randomUUID(), hashToken(randomBytes(32).toString('base64url')), userId, at, at, expires);
    }
    insertAccount.run({ ...template, id: accountId, company_name: `${opts.label} ${i}`, version: 1, created_at: at, updated_at: at });
    insertMember.run(accountId, userId, at);
    const subscriptionId = randomUUID();
    insertSubscription.run(subscriptionId, accountId, template.currency, periodStart, periodEnd, at);
    made.push({ accountId, subscriptionId, userId, currency: String(template.currency) });
  });
  return made;
}

/**
 * `count` invoices for one account, newest `now`, older ones `stepMs` apart (the newest open, the rest paid).
 * `serial` keeps invoice and receipt numbers unique across calls.
 */
export function addInvoices(sqlite: Sqlite, accounts: BulkAccount[], perAccount: (index: number) => number, opts: { now: Date; stepMs: number }) {
  const insert = sqlite.prepare(
    `insert into invoices (id, account_id, subscription_id, number, issued_at, period_start, period_end, subtotal, tax,
       tax_rate_bp, total, currency, status, paid_at, charge_id, receipt_number, payment_method_text, bill_to)
     values (?, ?, ?, ?, ?, ?, ?, 3600, 0, 0, 3600, ?, ?, ?, ?, ?, 'Visa •••• 4242', ?)`,
  );
  const billTo = JSON.stringify({
    companyName: 'Bulk Co', contactName: 'Ada Lovelace', email: 'billing@bulk.test', phone: '+14155550101', vatId: null,
    address: { line1: '1 Market St', line2: null, city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' },
  });
  const serialBase = (sqlite.prepare(`select count(*) as n from invoices`).get() as { n: number }).n;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  // Flattened (account, k) pairs so batches cut across accounts.
  const plan: Array<[number, number]> = [];
  accounts.forEach((_, a) => plan.push([a, perAccount(a)]));
  const total = plan.reduce((n, [, c]) => n + c, 0);
  let a = 0;
  let k = 0;
  const nowMs = opts.now.getTime();
  inBatches(sqlite, total, (i) => {
    while (k >= plan[a][1]) {
      a++;
      k = 0;
    }
    const account = accounts[a];
    const issued = new Date(nowMs - k * opts.stepMs).toISOString();
    const end = new Date(nowMs - (k - 1) * opts.stepMs).toISOString();
    const paid = k > 0;
    const serial = String(serialBase + i).padStart(8, '0');
    insert.run(
      randomUUID(), account.accountId, account.subscriptionId, `BLK-${tag}-${serial}`, issued, issued, end, account.currency,
      paid ? 'paid' : 'open', paid ? issued : null, paid ? `ch_${serial}` : null, paid ? `BLR-${tag}-${serial}` : null, billTo,
    );
    k++;
  });
  return total;
}

/**
 * `shown` Account activity entries on one account (Billing page changes by its holder, one a minute back
 * from `now`), each with an `access.denied` entry beside it that the page must skip without walking it.
 */
export function addActivity(sqlite: Sqlite, account: BulkAccount, shown: number, opts: { userId: string; now: Date }) {
  const insert = sqlite.prepare(
    `insert into audit_log (id, at, actor_user_id, actor_label, action, account_id, target, before, after, client_address, in_activity)
     values (?, ?, ?, 'ada@acme.test', ?, ?, ?, ?, ?, ?, ?)`,
  );
  inBatches(sqlite, shown, (i) => {
    const at = new Date(opts.now.getTime() - (shown - i) * 60_000).toISOString();
    const change = (n: number) => JSON.stringify({ 'contact.companyName': `Bench Activity ${n}` });
    insert.run(randomUUID(), at, opts.userId, 'billing_page.updated', account.accountId, null, change(i), change(i + 1), null, 1);
    insert.run(randomUUID(), at, opts.userId, 'access.denied', account.accountId, 'GET /x', null, '{"code":"not_found"}', '203.0.113.1', 0);
  });
}

export const count = (sqlite: Sqlite, table: 'accounts' | 'invoices') =>
  (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

/** Grows the database to `accounts` accounts and `invoices` invoices, spread evenly over the new accounts. */
export function growTo(sqlite: Sqlite, target: { accounts: number; invoices: number; now: Date }) {
  const newAccounts = Math.max(0, target.accounts - count(sqlite, 'accounts'));
  const accounts = addAccounts(sqlite, newAccounts, { label: 'Bulk Account', now: target.now });
  const missing = Math.max(0, target.invoices - count(sqlite, 'invoices'));
  const each = Math.floor(missing / Math.max(1, accounts.length));
  const extra = missing - each * accounts.length;
  // Monthly history, about eight years per account at 1 M invoices / 10 k accounts.
  addInvoices(sqlite, accounts, (i) => each + (i < extra ? 1 : 0), { now: target.now, stepMs: 30 * 24 * HOUR_MS });
  sqlite.pragma('optimize');
}

async function main() {
  const dataDir = path.resolve(process.argv[2] ?? './data');
  const started = performance.now();
  const sqlite = await openForBulk(dataDir);
  growTo(sqlite, { accounts: 10_000, invoices: 1_000_000, now: new Date() });
  const figures = `${count(sqlite, 'accounts')} accounts, ${count(sqlite, 'invoices')} invoices`;
  sqlite.close();
  process.stdout.write(`${dataDir}: ${figures} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  });
}
