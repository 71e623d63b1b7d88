// Offscreen document (Chrome): removes the first-frame snapshot for the service worker, which has no localStorage, then says so.
import { browser } from 'wxt/browser';
import { SNAPSHOT_CLEARED, SNAPSHOT_KEY } from '../../utils/snapshot-key';

localStorage.removeItem(SNAPSHOT_KEY);
void browser.runtime.sendMessage({ type: SNAPSHOT_CLEARED });
