// What the operator CLI says about the outbox after queueing mail: it never delivers, the API servers do.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';

/** A mail queued longer than this while a server runs its 5 s rounds means no server is delivering. */
export const STALE_MAIL_MS = 60_000;

/** One or two lines for the operator: the mail is queued; and a warning when older mail still waits. */
export async function describeMailQueue(db: Kysely<Database>, now: Date): Promise<string> {
  const stale = await db
    .selectFrom('outbox_emails')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('sent_at', 'is', null)
    .where('created_at', '<', new Date(now.getTime() - STALE_MAIL_MS).toISOString())
    .executeTakeFirstOrThrow();
  const lines = ['E-mail queued: the running API server sends it within seconds, with its own mail settings.'];
  const n = Number(stale.n);
  if (n > 0) lines.push(`Warning: ${n} e-mail${n === 1 ? ' has' : 's have'} waited more than a minute. Is an API server running?`);
  return lines.join('\n');
}
