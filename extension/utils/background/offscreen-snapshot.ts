// Chrome's service worker has no localStorage: it opens the offscreen document to remove the pages' first-frame snapshot.
import { browser } from 'wxt/browser';
import { SNAPSHOT_CLEARED } from '../snapshot-key';

/** Enough for a tiny document to load and answer; the document is closed either way. */
const WAIT_MS = 5_000;

const isCleared = (message: unknown) =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === SNAPSHOT_CLEARED;

/**
 * Opens `offscreen.html` (reason LOCAL_STORAGE, the one Chrome gives for this), waits until it says the
 * snapshot is gone, and closes it. Firefox has no offscreen API and needs none: its background is a page
 * with localStorage, where clearSnapshot() removes the snapshot itself.
 */
export async function clearSnapshotOffscreen(): Promise<void> {
  const offscreen = (browser as Partial<typeof browser>).offscreen;
  if (!offscreen) return;
  let done: () => void = () => undefined;
  const cleared = new Promise<void>((resolve) => (done = resolve));
  const listener = (message: unknown) => {
    if (isCleared(message)) done();
  };
  browser.runtime.onMessage.addListener(listener);
  try {
    await offscreen.createDocument({
      url: browser.runtime.getURL('/offscreen.html'),
      reasons: [offscreen.Reason.LOCAL_STORAGE],
      justification: "Remove the signed-out person's data from the extension pages' first-frame snapshot in localStorage.",
    });
    await Promise.race([cleared, new Promise((resolve) => setTimeout(resolve, WAIT_MS))]);
    await offscreen.closeDocument();
  } catch {
    // A document is open already (another clear under way, which removes the same key), or none could be.
  } finally {
    browser.runtime.onMessage.removeListener(listener);
  }
}
