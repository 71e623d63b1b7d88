// Sign in (POST /sessions), sign out (DELETE /sessions/current) and who am I (GET /me).
import type { OpenAPIHono } from '@hono/zod-openapi';
import { meSchema, sessionCreatedSchema, signInSchema } from '../../shared/schemas/session.schema';
import { writeAudit } from '../audit/audit.repository';
import { ApiError } from '../http/api-error';
import { answerJson } from '../http/answer';
import type { AppEnv } from '../http/env';
import { json, jsonBody, noContent, problems } from '../http/openapi';
import { guardedRoute } from '../http/policy';
import { findProfiles, findUserByEmail } from '../users/user.repository';
import { emailKey } from '../../shared/identity-key';
import { clientAddress } from '../http/client-address';
import { DUMMY_HASH } from './password';
import { checkPassword } from './password-check';
import { createSession, revokeSession } from './session.repository';

export function authRoutes(app: OpenAPIHono<AppEnv>) {
  return app
    .openapi(
      guardedRoute('public', {
        method: 'post',
        path: '/sessions',
        summary: 'Sign in with e-mail and password',
        request: { body: jsonBody(signInSchema) },
        responses: {
          201: json(sessionCreatedSchema, 'Signed in: a bearer token and the profiles'),
          ...problems('invalid_request', 'unauthenticated', 'unsupported_media_type', 'rate_limited', 'service_unavailable'),
        },
      }),
      async (c) => {
        const { db, now, config } = c.var.deps;
        const { email, password } = c.req.valid('json');
        const address = clientAddress(c, config.trustProxy);
        const found: { user?: Awaited<ReturnType<typeof findUserByEmail>> } = {};
        const ok = await checkPassword(c, {
          email,
          password,
          actorUserId: null,
          storedHash: async () => {
            found.user = await findUserByEmail(db, email);
            // Unknown and disabled people cost a full hash too, and get the same answer (ASVS 6.3.8).
            return found.user && !found.user.disabled_at ? found.user.password_hash : DUMMY_HASH;
          },
        });
        const { user } = found;
        const at = now();
        if (!user || !ok) {
          await writeAudit(db, { actorUserId: user?.id ?? null, actorLabel: emailKey(email), action: 'login.failed', clientAddress: address }, at);
          throw new ApiError('unauthenticated', 'Wrong e-mail or password.');
        }
        const session = await createSession(db, user.id, at);
        await writeAudit(db, { actorUserId: user.id, actorLabel: user.email, action: 'login.succeeded', clientAddress: address }, at);
        return c.json(
          {
            ...session,
            user: { id: user.id, email: user.email, name: user.name, locale: user.locale, isSupport: user.is_support === 1 },
            profiles: await findProfiles(db, user.id),
          },
          201,
        );
      },
    )
    .openapi(
      guardedRoute('signed_in', {
        method: 'delete',
        path: '/sessions/current',
        summary: 'Sign out: the token stops working at once',
        responses: { 204: noContent('Signed out'), ...problems('unauthenticated') },
      }),
      async (c) => {
        const { db, now, config } = c.var.deps;
        await revokeSession(db, c.var.principal.sessionId, now());
        const { id, email } = c.var.principal.user;
        await writeAudit(db, { actorUserId: id, actorLabel: email, action: 'logout', clientAddress: clientAddress(c, config.trustProxy) }, now());
        return c.body(null, 204);
      },
    )
    .openapi(
      guardedRoute('signed_in', {
        method: 'get',
        path: '/me',
        summary: 'The signed-in person and their profiles',
        responses: { 200: json(meSchema, 'Who is signed in'), ...problems('unauthenticated') },
      }),
      async (c) => {
        const { user } = c.get('principal');
        return answerJson(c, { user, profiles: await findProfiles(c.get('deps').db, user.id) }, 200);
      },
    );
}
