// Who may call a route: every route declares one policy, which both guards it and documents it.
import { type RouteConfig, createRoute } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { ErrorCode } from '../../shared/errors';
import { AuditBudget } from '../audit/audit-budget';
import { writeAudit } from '../audit/audit.repository';
import { findLiveSession } from '../auth/session.repository';
import { ApiError } from './api-error';
import { clientAddress } from './client-address';
import type { AppEnv } from './env';

export const POLICIES = ['public', 'signed_in', 'member', 'holder', 'support'] as const;
export type Policy = (typeof POLICIES)[number];

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,128})$/;

/** Signed in; with `withRole`, the caller's role on the `:id` account comes from the same query (one round trip). */
function authenticateWith(withRole: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const match = BEARER.exec(c.req.header('authorization') ?? '');
    const { db, now } = c.var.deps;
    const accountId = withRole ? (c.req.param('id') ?? '') : '';
    const row = match ? await findLiveSession(db, match[1], now(), accountId) : undefined;
    if (!row) throw new ApiError('unauthenticated', 'Sign in again: the session is missing, expired or ended.');
    c.set('principal', {
      sessionId: row.sessionId,
      user: { id: row.id, email: row.email, name: row.name, locale: row.locale, isSupport: row.is_support === 1 },
    });
    if (row.role) c.set('role', row.role);
    await next();
  };
}

export const authenticate = authenticateWith(false);
const authenticateMember = authenticateWith(true);

/** At most 10 `access.denied` rows per session a minute; the refusals beyond are counted in the next row. */
const deniedAudit = new AuditBudget(10);

/**
 * Every refusal of a signed-in person is audited (ASVS 16.3.2) with the client address, at a bounded
 * rate per session (an id-probing loop must not grow the log without end, CWE-770), then answered.
 */
async function deny(c: Context<AppEnv>, code: ErrorCode, accountId: string | null = null): Promise<never> {
  const { user, sessionId } = c.var.principal;
  const { db, now, config } = c.var.deps;
  const budget = deniedAudit.take(sessionId, now().getTime());
  if (budget.write) {
    await writeAudit(
      db,
      {
        actorUserId: user.id,
        actorLabel: user.email,
        action: 'access.denied',
        accountId,
        target: `${c.req.method} ${c.req.path}`,
        after: budget.suppressed ? { code, suppressed: budget.suppressed } : { code },
        clientAddress: clientAddress(c, config.trustProxy),
      },
      now(),
    );
  }
  throw new ApiError(code);
}

/** Member of the account named by the `:id` path parameter; non-members get 404, never 403 (no leak). */
const requireMember: MiddlewareHandler<AppEnv> = async (c, next) => {
  // The role was read with the session by authenticateMember.
  if (!c.var.role) return deny(c, 'not_found');
  await next();
};

const requireHolder: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.var.role !== 'holder') return deny(c, 'not_account_holder', c.req.param('id') ?? null);
  await next();
};

const requireSupport: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.principal.user.isSupport) return deny(c, 'not_support_staff');
  await next();
};

export const policyMiddleware: Record<Policy, MiddlewareHandler<AppEnv>[]> = {
  public: [],
  signed_in: [authenticate],
  member: [authenticateMember, requireMember],
  holder: [authenticateMember, requireMember, requireHolder],
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
