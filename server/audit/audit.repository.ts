// The audit log: who did what, when, with the fields before and after. Never holds a secret.
import { randomUUID } from 'node:crypto';
import { activityActionOf } from '../activity/activity-actions';
import type { Db } from '../db/database';

export interface AuditEntry {
  actorUserId: string | null;
  /** Human label of the actor: an e-mail, "system", or an operator name. */
  actorLabel: string;
  action: string;
  accountId?: string | null;
  target?: string | null;
  before?: unknown;
  after?: unknown;
  /** Where the request came from (server/http/client-address.ts), for entries a request causes. */
  clientAddress?: string | null;
}

export async function writeAudit(db: Db, entry: AuditEntry, at = new Date()): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      at: at.toISOString(),
      actor_user_id: entry.actorUserId,
      actor_label: entry.actorLabel,
      action: entry.action,
      account_id: entry.accountId ?? null,
      target: entry.target ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      client_address: entry.clientAddress ?? null,
      // Flagged when written, so the activity page is one index range however many other entries there are.
      in_activity: entry.accountId && activityActionOf(entry.action) ? 1 : 0,
    })
    .execute();
}

export function findAuditEntries(db: Db, accountId: string) {
  return db.selectFrom('audit_log').selectAll().where('account_id', '=', accountId).orderBy('at').orderBy('id').execute();
}
