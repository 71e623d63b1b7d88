// The API client: one request() that adds the token and normalises errors, then one client per domain.
import type { BillingPage, BillingPagePatch, Me, SessionCreated } from '../../../shared/api-types';
import type { PasswordChange } from '../../../shared/schemas/password.schema';
import { ApiError, toApiError } from './api-error';
export { ApiError } from './api-error';
import { connection } from '../connection/server-settings';
import { originOf } from '../connection/server-url';
import { endSession, sessionItem } from '../storage';
import { noteCurrentSession, rememberAnswerSession } from './answer-session';

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  /** Base URL override, for sign-in before the address is stored. */
  baseUrl?: string;
  /** Send no token at all (sign-in). */
  anonymous?: boolean;
  /** Sign-in answers 401 for bad credentials: that must not wipe anything. */
  signOutOn401?: boolean;
  /** Let the request outlive the page that sent it (a popup closing right after "Sign out"). */
  keepalive?: boolean;
  /** `blob`: a document (PDF, CSV, zip) as bytes rather than JSON; `Accept` then names the media type. */
  as?: 'json' | 'blob';
}

/**
 * Makes this page follow sign-outs and sign-ins as they happen, so an answer can be checked without a
 * storage read (answer-session.ts). Called once by every page (mount-page.tsx); returns the unwatch.
 */
export function followSessionChanges(): () => void {
  return sessionItem.watch((session) => noteCurrentSession(session?.token ?? null));
}

export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/(?<!\/)\/+$/, '') + '/api/v1' + path;
}

/**
 * One call to the API. The token goes only to the origin that issued it (R17): a session from another
 * server, or one stored before sessions recorded their origin, is forgotten without sending it, and
 * the call fails as signed out (401), so the UI shows the sign-in form. Without a session, a call that
 * needs one fails the same way without being sent.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  // One storage.local read for the address and the session (not one each).
  const stored = options.baseUrl && options.anonymous ? null : await connection();
  const baseUrl = options.baseUrl ?? stored!.settings.url;
  const session = options.anonymous ? null : stored!.session;
  if (stored) noteCurrentSession(stored.session?.token ?? null);
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  // Signed out (here, or in the background after a refusal): nothing to send that the server would not refuse.
  if (!options.anonymous && !session) throw new ApiError(401, 'unauthenticated');
  if (session) {
    if (!session.serverUrl || originOf(session.serverUrl) !== originOf(baseUrl)) {
      await endSession(session.token);
      throw new ApiError(401, 'unauthenticated');
    }
    headers.Authorization = `Bearer ${session.token}`;
  }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(joinUrl(baseUrl, path), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      keepalive: options.keepalive,
    });
  } catch {
    throw new ApiError(0, 'network_error');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && session && options.signOutOn401 !== false) await endSession(session.token);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  if (options.as === 'blob') {
    try {
      return (await response.blob()) as T;
    } catch {
      // The connection dropped while the file was on its way.
      throw new ApiError(0, 'network_error');
    }
  }
  const answer = (await response.json()) as T;
  // A late answer must not be stored or shown once another session (or none) is current (answer-session.ts).
  if (session) rememberAnswerSession(answer, session.token);
  return answer;
}

export const sessionApi = {
  create: (baseUrl: string, email: string, password: string) =>
    request<SessionCreated>('/sessions', {
      method: 'POST',
      body: { email, password },
      baseUrl,
      anonymous: true,
      signOutOn401: false,
    }),
  /**
   * Revokes `token` at `baseUrl`, the server that issued it (R17). The caller has already forgotten the
   * token locally, so it is passed in; keepalive lets the revocation finish after the popup closes.
   */
  destroy: (baseUrl: string, token: string) =>
    request<void>('/sessions/current', {
      method: 'DELETE',
      baseUrl,
      anonymous: true,
      headers: { Authorization: `Bearer ${token}` },
      signOutOn401: false,
      keepalive: true,
    }),
  me: () => request<Me>('/me'),
  /** 204: the person's other sessions end, this one stays. */
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('/me/password', { method: 'POST', body: { currentPassword, newPassword } satisfies PasswordChange }),
};

export const billingApi = {
  get: (accountId: string) =>
    request<BillingPage>(`/accounts/${encodeURIComponent(accountId)}/billing`),
  update: (accountId: string, version: number, patch: BillingPagePatch) =>
    request<BillingPage>(`/accounts/${encodeURIComponent(accountId)}/billing`, {
      method: 'PATCH',
      body: patch,
      headers: { 'If-Match': `"${version}"` },
    }),
};
