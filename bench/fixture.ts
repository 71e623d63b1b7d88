// The bench database: the demo, plus accounts for the PATCH bench and one long Billing History, optionally grown.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashPassword } from '../server/auth/password';
import { hashToken } from '../server/auth/session.repository';
import { connect } from '../server/db/connect';
import { migrateToLatest } from '../server/db/migrate';
import { DEMO_PASSWORD, loadDemo } from '../server/demo/demo.seed';
import { encodeCursor } from '../server/invoices/cursor';
import { addAccounts, addActivity, addInvoices, growTo, openForBulk } from './bulk-load';

export const PAGE_SIZE = 20;
export const ACTIVITY_ENTRIES = 100_000;
/** 80,000 entries deep: four fifths of the way to the oldest. */
export const ACTIVITY_DEEP_PAGE = 4_000;
/** One PATCH target per connection, plus spares. */
const PATCH_ACCOUNTS = 64;

export interface Fixture {
  dataDir: string;
  token: string;
  email: string;
  password: string;
  acmeId: string;
  historyAccountId: string;
  patchAccountIds: string[];
  /** Cursor that opens page `page` of the history account (page 1 has none). */
  deepCursor: string;
  deepPage: number;
  /** An account with ACTIVITY_ENTRIES Account activity entries (and as many hidden refusals). */
  activityAccountId: string;
  /** Cursor that opens page ACTIVITY_DEEP_PAGE of that account's activity. */
  activityDeepCursor: string;
  loadSeconds?: number;
}

let demoHash: Promise<string> | undefined;

export async function prepareDatabase(opts: { scale: boolean; now: Date }): Promise<Fixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), opts.scale ? 'fastpath-bench-scale-' : 'fastpath-bench-'));
  const handle = connect({ dataDir });
  await migrateToLatest(handle.db);
  await loadDemo(handle.db, opts.now, { passwordHash: await (demoHash ??= hashPassword(DEMO_PASSWORD)) });
  await handle.close();

  const started = performance.now();
  const sqlite = await openForBulk(dataDir);
  const ada = sqlite.prepare(`select id from users where email = 'ada@acme.test'`).get() as { id: string };
  const acme = sqlite.prepare(`select account_id from memberships where user_id = ? and role = 'holder'`).get(ada.id) as {
    account_id: string;
  };
  const token = randomBytes(32).toString('base64url');
  const at = opts.now.toISOString();
  sqlite
    .prepare(`insert into sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, revoked_at) values (?, ?, ?, ?, ?, ?, null)`)
    .run(randomUUID(), hashToken(token), ada.id, at, at, new Date(opts.now.getTime() + 29 * 86_400_000).toISOString());

  const patchAccounts = addAccounts(sqlite, PATCH_ACCOUNTS, { holderUserId: ada.id, label: 'Bench Patch', now: opts.now });
  const [history] = addAccounts(sqlite, 1, { holderUserId: ada.id, label: 'Bench History', now: opts.now });
  // Hourly invoices so a long history fits in a few years: 5 pages small, 1,001 pages at scale.
  const deepPage = opts.scale ? 1000 : 5;
  addInvoices(sqlite, [history], () => (deepPage + 1) * PAGE_SIZE, { now: opts.now, stepMs: 3_600_000 });
  const [activityAccount] = addAccounts(sqlite, 1, { holderUserId: ada.id, label: 'Bench Activity', now: opts.now });
  addActivity(sqlite, activityAccount, ACTIVITY_ENTRIES, { userId: ada.id, now: opts.now });
  const lastShown = sqlite
    .prepare(`select at, id from audit_log where account_id = ? and in_activity = 1 order by at desc, id desc limit 1 offset ?`)
    .get(activityAccount.accountId, (ACTIVITY_DEEP_PAGE - 1) * PAGE_SIZE - 1) as { at: string; id: string };
  if (opts.scale) growTo(sqlite, { accounts: 10_000, invoices: 1_000_000, now: opts.now });

  const last = sqlite
    .prepare(`select issued_at, id from invoices where account_id = ? order by issued_at desc, id desc limit 1 offset ?`)
    .get(history.accountId, (deepPage - 1) * PAGE_SIZE - 1) as { issued_at: string; id: string };
  sqlite.close();
  return {
    dataDir,
    token,
    email: 'ada@acme.test',
    password: DEMO_PASSWORD,
    acmeId: acme.account_id,
    historyAccountId: history.accountId,
    patchAccountIds: patchAccounts.map((a) => a.accountId),
    deepCursor: encodeCursor({ issuedAt: last.issued_at, id: last.id }),
    deepPage,
    activityAccountId: activityAccount.accountId,
    activityDeepCursor: encodeCursor({ issuedAt: lastShown.at, id: lastShown.id }),
    loadSeconds: (performance.now() - started) / 1000,
  };
}
