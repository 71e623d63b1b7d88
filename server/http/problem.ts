// Writes RFC 9457 problem+json responses, and turns every thrown error into one (never a bare 500 page).
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { FieldError, Problem } from '../../shared/errors';
import { databaseUnavailable, isConnectionError } from '../db/connection-errors';
import { ApiError } from './api-error';

const TITLES: Record<string, string> = {
  invalid_request: 'Invalid request',
  unauthenticated: 'Authentication required',
  not_account_holder: 'Only the account holder may do this',
  not_support_staff: 'Only support staff may do this',
  not_proposer: 'Only the person who proposed this change may withdraw it',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  change_request_required: 'Billing details of an invoice-paying account change through a change request',
  not_invoice_payer: 'Card payers edit billing details directly',
  no_receipt: 'This invoice is not paid, so it has no receipt',
  already_resolved: 'This case is already resolved',
  change_request_open: 'This account already has an open change request',
  subscription_ended: 'This subscription has already ended',
  holder_edits_directly: 'The account holder edits the Billing page directly',
  proposal_limit_reached: 'Too many pending proposals',
  version_mismatch: 'The page changed since it was read',
  payload_too_large: 'Request body too large',
  unsupported_media_type: 'Request body must be application/json',
  precondition_required: 'If-Match header required',
  rate_limited: 'Too many attempts',
  internal_error: 'Internal error',
  service_unavailable: 'Service unavailable',
};

/**
 * The problem+json answer for an ApiError (RFC 9457): `detail` always (the title when the thrower gave
 * none), `instance` the request path; every 401 challenges with `WWW-Authenticate: Bearer` (RFC 9110
 * §15.5.2, RFC 6750 §3) unless the thrower set a more precise one.
 */
/** The path of a request URL exactly as sent (percent-escapes kept), without the query. */
function rawPath(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const end = url.search(/[?#]/);
  return url.slice(start, end < 0 ? undefined : end);
}

export function problemResponse(c: Context, err: ApiError): Response {
  const title = TITLES[err.code] ?? err.code;
  const body: Problem = {
    type: `https://fastpath.test/problems/${err.code}`,
    title,
    status: err.status,
    code: err.code,
    detail: err.message !== err.code ? err.message : `${title}.`,
    // As received, still percent-encoded: a refused character is never echoed back decoded.
    instance: rawPath(c.req.url),
    ...(err.errors ? { errors: err.errors } : {}),
    ...(err.extra ?? {}),
  };
  for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
  if (err.status === 401 && !err.headers?.['WWW-Authenticate']) c.header('WWW-Authenticate', 'Bearer');
  return c.body(JSON.stringify(body), err.status as ContentfulStatusCode, {
    'Content-Type': 'application/problem+json',
  });
}

export function zodFieldErrors(error: ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => ({
      path: [prefix, ...issue.path.map(String), key].filter(Boolean).join('.'),
      message: issue.code === 'unrecognized_keys' ? 'Unknown field' : issue.message,
    }));
  }).flat();
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) return new ApiError('payload_too_large');
    if (err.status === 415) return new ApiError('unsupported_media_type');
    if (err.status === 401) return new ApiError('unauthenticated');
    if (err.status === 404) return new ApiError('not_found');
    if (err.status === 400) return new ApiError('invalid_request', err.message, [{ path: '', message: err.message }]);
  }
  if (isConnectionError(err)) return databaseUnavailable();
  return new ApiError('internal_error', 'Something went wrong on our side.');
}
