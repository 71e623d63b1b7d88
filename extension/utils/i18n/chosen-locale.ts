// The language chosen in Options (or the browser's), applied to t() where no page does it: the service worker.
import { loadLocale, resolveLocale } from './i18n';
import { languageItem } from '../storage';

export async function applyChosenLocale(): Promise<void> {
  await loadLocale(resolveLocale(await languageItem.getValue(), globalThis.navigator?.language));
}
