// Pages ask the background to repaint the toolbar badge right after an action that changes it.
import { browser } from 'wxt/browser';

export const REFRESH_BADGE = 'fastpath:refresh-badge';

/**
 * After filing or withdrawing a case, cancelling or resuming a subscription: the badge should not wait
 * for its 15-minute alarm. Fire and forget: a missing background (tests, a closing popup) is no error.
 */
export function requestBadgeRefresh(): void {
  void browser.runtime.sendMessage({ type: REFRESH_BADGE }).catch(() => undefined);
}

/** True for the message above, whatever else a page may send. */
export const isBadgeRefresh = (message: unknown): boolean =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === REFRESH_BADGE;
