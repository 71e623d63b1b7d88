// Service worker: keyboard shortcuts, the `bill` omnibox keyword and the toolbar badge.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { isBadgeRefresh } from '../utils/background/badge-message';
import { ensureBadgeAlarm, refreshBadge, watchBadge } from '../utils/background/badge-refresh';
import { mirrorManagedServerUrl } from '../utils/connection/server-settings';
import { clearSnapshotOffscreen } from '../utils/background/offscreen-snapshot';
import { clearSnapshotWith } from '../utils/snapshot';
import { applyChosenLocale } from '../utils/i18n/chosen-locale';
import { activeProfile, runCommand, runOmnibox } from '../utils/background/fastpath-actions';
import { describeIntent, escapeOmniboxXml, omniboxSuggestions, parseOmnibox } from '../utils/background/omnibox';

/** Chrome reads omnibox descriptions as XML; Firefox shows them as written. */
const omniboxText = (text: string) => (import.meta.env.FIREFOX ? text : escapeOmniboxXml(text));

async function suggest(text: string, show: (suggestions: { content: string; description: string }[]) => void) {
  await applyChosenLocale();
  const profile = await activeProfile();
  browser.omnibox.setDefaultSuggestion({ description: omniboxText(describeIntent(parseOmnibox(text), profile)) });
  show(omniboxSuggestions(text, profile).map((s) => ({ ...s, description: omniboxText(s.description) })));
}

export default defineBackground(() => {
  // Listeners are registered synchronously, so an event that wakes the worker finds them.
  browser.commands.onCommand.addListener((command) => void runCommand(command));
  browser.omnibox.onInputStarted.addListener(() => void suggest('', () => undefined));
  browser.omnibox.onInputChanged.addListener((text, show) => void suggest(text, show));
  browser.omnibox.onInputEntered.addListener((text) => void runOmnibox(text));
  watchBadge();
  // A session the server refused while no page is open: the pages' snapshot goes too (offscreen-snapshot.ts).
  clearSnapshotWith(clearSnapshotOffscreen);
  // Policy (storage.managed) is slow to read in Chromium: mirror it once here, and on every change.
  void mirrorManagedServerUrl();
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void mirrorManagedServerUrl();
  });
  browser.runtime.onMessage.addListener((message) => {
    if (isBadgeRefresh(message)) void refreshBadge();
  });
  browser.runtime.onStartup.addListener(() => void refreshBadge());
  browser.runtime.onInstalled.addListener(() => void refreshBadge());
  void ensureBadgeAlarm();
  // End-to-end tests trigger the handlers from the worker, since a headless browser has no keyboard.
  Object.assign(globalThis, { __fastpath: { runCommand, runOmnibox, refreshBadge } });
});
