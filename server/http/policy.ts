// Who may call a route: every route declares one policy, which both guards it and documents it.
import { type RouteConfig, createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { findLiveSession } from '../auth/session.repository';
import { findMembership } from '../users/user.repository';
import { ApiError } from './api-error';
import type { AppEnv } from './env';

export const POLICIES = ['public', 'signed_in', 'member', 'holder', 'support'] as const;
export type Policy = (typeof POLICIES)[number];

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,128})$/;

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const match = BEARER.exec(c.req.header('authorization') ?? '');
  const { db, now } = c.var.deps;
  const row = match ? await findLiveSession(db, match[1], now()) : undefined;
  if (!row) throw new ApiError('unauthenticated', 'Sign in again: the session is missing, expired or ended.');
  c.set('principal', {
    sessionId: row.sessionId,
    user: { id: row.id, email: row.email, name: row.name, locale: row.locale, isSupport: row.is_support === 1 },
  });
  await next();
};

/** Member of the account named by the `:id` path parameter; non-members get 404, never 403 (no leak). */
const requireMember: MiddlewareHandler<AppEnv> = async (c, next) => {
  const accountId = c.req.param('id') ?? '';
  const membership = await findMembership(c.var.deps.db, accountId, c.var.principal.user.id);
  if (!membership) throw new ApiError('not_found');
  c.set('role', membership.role);
  await next();
};

const requireHolder: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.var.role !== 'holder') throw new ApiError('not_account_holder');
  await next();
};

const requireSupport: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.principal.user.isSupport) throw new ApiError('not_support_staff');
  await next();
};

export const policyMiddleware: Record<Policy, MiddlewareHandler<AppEnv>[]> = {
  public: [],
  signed_in: [authenticate],
  member: [authenticate, requireMember],
  holder: [authenticate, requireMember, requireHolder],
  support: [authenticate, requireSupport],
};

/** createRoute with its access policy: enforced by middleware, written into the OpenAPI document. */
export function guardedRoute<R extends RouteConfig>(policy: Policy, config: R) {
  return createRoute({
    ...config,
    middleware: policyMiddleware[policy],
    'x-policy': policy,
    ...(policy === 'public' ? {} : { security: [{ bearer: [] }] }),
  } as R & { middleware: MiddlewareHandler<AppEnv>[] });
}
