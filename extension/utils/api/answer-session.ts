// Which session an API answer was fetched with, so a late answer is never stored or shown for another session.

/** Answer object → the token of the session that asked for it (set by request()). */
const askedWith = new WeakMap<object, string>();

/** Records that `answer` was fetched with `token` (request() calls this for every JSON object it returns). */
export function rememberAnswerSession(answer: unknown, token: string): void {
  if (answer !== null && typeof answer === 'object') askedWith.set(answer, token);
}

/**
 * Whether `answer` may be stored or shown now: it was fetched with the token of the session stored now
 * (`currentToken`). An answer that did not come from request() (a cached page) is not this rule's concern.
 */
export function answerBelongsTo(answer: object, currentToken: string | undefined): boolean {
  const token = askedWith.get(answer);
  return token === undefined || token === currentToken;
}

/** The token of the session stored now, as this page last saw it (request() reads it; the client follows changes). */
let currentToken: string | null | undefined;

/** Kept current by the API client: on every read of the stored session, and on every change of it. */
export function noteCurrentSession(token: string | null): void {
  currentToken = token;
}

/**
 * The same rule without a storage read, for a page about to show an answer: compares with the session
 * this page last saw (its own reads, and change events, which may lag). A "no" is confirmed with
 * storage.local by the caller (storage.ts `answerIsCurrent`), which storing always asks.
 */
export function answerIsCurrentHere(answer: object): boolean {
  return currentToken === undefined || answerBelongsTo(answer, currentToken ?? undefined);
}
