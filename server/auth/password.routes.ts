// POST /me/password: the signed-in person changes their password; every other session of theirs ends.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { passwordChangeSchema } from '../../shared/schemas/password.schema';
import { writeAudit } from '../audit/audit.repository';
import { invalid } from '../http/api-error';
import { clientAddress } from '../http/client-address';
import type { AppEnv } from '../http/env';
import { jsonBody, noContent, problems } from '../http/openapi';
import { guardedRoute } from '../http/policy';
import { hashGate } from './hash-gate';
import { hashPassword } from './password';
import { checkPassword } from './password-check';
import { passwordProblem } from './password-policy';
import { revokeUserSessions } from './session.repository';

export function passwordRoutes(app: OpenAPIHono<AppEnv>) {
  return app.openapi(
    guardedRoute('signed_in', {
      method: 'post',
      path: '/me/password',
      summary: 'Change my password; my other sessions end, this one stays',
      request: { body: jsonBody(passwordChangeSchema) },
      responses: {
        204: noContent('Changed'),
        ...problems('invalid_request', 'unauthenticated', 'unsupported_media_type', 'rate_limited', 'service_unavailable'),
      },
    }),
    async (c) => {
      const { db, now, config } = c.var.deps;
      const { user, sessionId } = c.var.principal;
      const { currentPassword, newPassword } = c.req.valid('json');
      // Guessing the current password here counts against the same budget as signing in, so a stolen
      // session gives no more tries than the sign-in form does; it passes the same hash cap too.
      const ok = await checkPassword(c, {
        email: user.email,
        password: currentPassword,
        actorUserId: user.id,
        storedHash: async () => (await db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow()).password_hash,
      });
      // 400, not 401: the session is fine, a field of the form is wrong.
      if (!ok) throw invalid('currentPassword', 'This is not your current password.');
      const problem = passwordProblem(newPassword);
      if (problem) throw invalid('newPassword', problem);
      if (newPassword === currentPassword) throw invalid('newPassword', 'Choose a password different from the current one.');
      const hash = await hashGate.run(config.signIn, () => hashPassword(newPassword));
      const at = now();
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', user.id).execute();
        const count = await revokeUserSessions(trx, user.id, at, sessionId);
        await writeAudit(
          trx,
          { actorUserId: user.id, actorLabel: user.email, action: 'password.changed', target: user.id, after: { otherSessionsEnded: count }, clientAddress: clientAddress(c, config.trustProxy) },
          at,
        );
      });
      return c.body(null, 204);
    },
  );
}
