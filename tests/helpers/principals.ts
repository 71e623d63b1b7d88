// Tokens for the demo people without the slow password check: sessions are created directly.
import type { Kysely } from 'kysely';
import { createSession } from '../../server/auth/session.repository';
import type { Database } from '../../server/db/database';

export async function tokenFor(db: Kysely<Database>, email: string, at = new Date()): Promise<string> {
  const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return (await createSession(db, user.id, at)).token;
}
