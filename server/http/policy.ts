// Who may call a route: every route declares one policy, which both guards it and documents it.
import { type RouteConfig, createRoute } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { ErrorCode } from '../../shared/errors';
import { AuditBudget } from '../audit/audit-budget';
import { writeAudit } from '../audit/audit.repository';
import { findLiveSession } from '../auth/session.repository';
import { ApiError } from './api-error';
import { PROBLEM_CODES, type ProblemResponse, problems } from './openapi';
import { clientAddress } from './client-address';
import { requestHeader } from './request-header';
import type { AppEnv, Principal } from './env';

export const POLICIES = ['public', 'signed_in', 'member', 'holder', 'support'] as const;
export type Policy = (typeof POLICIES)[number];

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,128})$/;

/**
 * The signed-in caller of a request, or a 401: the session, its user and — with `withRole` — the
 * caller's role on the `:id` account, all from one query (one round trip).
 */
async function authenticated(c: Context<AppEnv>, withRole: boolean) {
  const authorization = requestHeader(c, 'authorization') ?? '';
  const match = BEARER.exec(authorization);
  const { db, now } = c.get('deps');
  const row = match ? await findLiveSession(db, match[1], now(), withRole ? (c.req.param('id') ?? '') : '') : undefined;
  if (!row) {
    // RFC 6750 §3.1: a token that was sent but is not (or no longer) good is `invalid_token`.
    const sent = /^bearer\s/i.test(authorization);
    throw new ApiError('unauthenticated', 'Sign in again: the session is missing, expired or ended.', undefined, undefined, {
      'WWW-Authenticate': sent ? 'Bearer error="invalid_token"' : 'Bearer',
    });
  }
  const principal: Principal = {
    sessionId: row.sessionId,
    user: { id: row.id, email: row.email, name: row.name, locale: row.locale, isSupport: row.is_support === 1 },
  };
  c.set('principal', principal);
  if (row.role) c.set('role', row.role);
  return { principal, role: row.role };
}

/** Signed in (any policy but `public`); exported for routes that check a session by hand. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  await authenticated(c, false);
  await next();
};

/** At most 10 `access.denied` rows per session a minute; the refusals beyond are counted in the next row. */
const deniedAudit = new AuditBudget(10);

/**
 * Every refusal of a signed-in person is audited (ASVS 16.3.2) with the client address, at a bounded
 * rate per session (an id-probing loop must not grow the log without end, CWE-770), then answered.
 */
async function deny(c: Context<AppEnv>, code: ErrorCode, accountId: string | null = null): Promise<never> {
  const { user, sessionId } = c.get('principal');
  const { db, now, config } = c.get('deps');
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
  const { role } = await authenticated(c, true);
  if (!role) return deny(c, 'not_found');
  await next();
};

/** The holder of the `:id` account: non-members 404 as above, members who are not the holder 403. */
const requireHolder: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { role } = await authenticated(c, true);
  if (!role) return deny(c, 'not_found');
  if (role !== 'holder') return deny(c, 'not_account_holder', c.req.param('id') ?? null);
  await next();
};

const requireSupport: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { principal } = await authenticated(c, false);
  if (!principal.user.isSupport) return deny(c, 'not_support_staff');
  await next();
};

/** One middleware per policy, so a request pays for one step of the chain, whatever its policy checks. */
export const policyMiddleware: Record<Policy, MiddlewareHandler<AppEnv>[]> = {
  public: [],
  signed_in: [authenticate],
  member: [requireMember],
  holder: [requireHolder],
  support: [requireSupport],
};

/** The problems a policy's own middleware answers with: 401 (RFC 9110 §15.5.2), 404 for non-members (product.md §3: no existence leak), 403. */
const POLICY_PROBLEMS: Record<Policy, ErrorCode[]> = {
  public: [],
  signed_in: ['unauthenticated'],
  member: ['unauthenticated', 'not_found'],
  holder: ['unauthenticated', 'not_found', 'not_account_holder'],
  support: ['unauthenticated', 'not_support_staff'],
};

const BODYLESS_METHODS = new Set(['get', 'head', 'options']);

/** `post /support/change-requests/{crId}/complete` → `postSupportChangeRequestsComplete`; a trailing `{x}` adds `ById`. */
export function operationIdOf(method: string, path: string): string {
  const parts = path.split('/').filter(Boolean);
  const words = parts.filter((p) => !p.startsWith('{')).flatMap((p) => p.split('-'));
  const byId = parts.at(-1)?.startsWith('{') ? 'ById' : '';
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('') + byId;
}

/**
 * The problems any route answers with whatever its handler does, derived from its policy and shape:
 * the policy's refusals, 400 when anything of the request is validated, 413 when it may carry a body
 * (the body limit applies to every such method), 415 when it declares one, 500 and 503 always.
 */
function centralProblems(policy: Policy, config: RouteConfig): ErrorCode[] {
  // 503 with Retry-After: any route reaches the database, which may be unreachable for a moment (failover).
  const codes: ErrorCode[] = [...POLICY_PROBLEMS[policy], 'internal_error', 'service_unavailable'];
  const request = config.request ?? {};
  if (request.params || request.query || request.headers || request.body) codes.push('invalid_request');
  if (!BODYLESS_METHODS.has(config.method)) codes.push('payload_too_large');
  if (request.body) codes.push('unsupported_media_type');
  return codes;
}

/** The route's responses with the central problems merged in, status by status (codes joined). */
function documentedResponses(policy: Policy, config: RouteConfig): RouteConfig['responses'] {
  const codes = centralProblems(policy, config);
  const out: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(config.responses)) {
    const own = (response as Partial<ProblemResponse>)[PROBLEM_CODES];
    if (own) codes.push(...own);
    else out[status] = response;
  }
  return { ...out, ...problems(...codes) } as RouteConfig['responses'];
}

/**
 * createRoute with its access policy: enforced by middleware, written into the OpenAPI document with
 * its security (`[]` when public), an operationId (derived from method and path unless given), a tag
 * (the first path segment unless given) and every problem the route can answer with (see
 * centralProblems; the route adds its own with `problems(...)`).
 */
export function guardedRoute<R extends RouteConfig>(policy: Policy, config: R) {
  return createRoute({
    ...config,
    operationId: config.operationId ?? operationIdOf(config.method, config.path),
    tags: config.tags ?? [config.path.split('/')[1]],
    responses: documentedResponses(policy, config),
    middleware: policyMiddleware[policy],
    'x-policy': policy,
    security: policy === 'public' ? [] : [{ bearer: [] }],
  } as R & { middleware: MiddlewareHandler<AppEnv>[] });
}
