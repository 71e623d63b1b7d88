// Boots a page: applies the chosen language, sets the title and lang, renders, re-renders on change.
import type { ComponentType } from 'preact';
import { render } from 'preact';
import { PageHeader } from '../components/PageHeader';
import baseStyles from '../components/styles.css?inline';
import { loadLocale, resolveLocale, t, type LanguageChoice, type MessageKey } from './i18n/i18n';
import { keepSnapshotCurrent, readSnapshot } from './snapshot';
import { followSessionChanges } from './api/client';
import { languageItem } from './storage';

async function apply(choice: LanguageChoice, title: MessageKey) {
  const locale = resolveLocale(choice, navigator.language);
  await loadLocale(locale);
  document.documentElement.lang = locale;
  document.title = t(title);
}

/** The page this document is, from its file name (`billing.html` → `billing`), for the header. */
function currentPage(): Parameters<typeof PageHeader>[0]['current'] {
  const name = location.pathname.replace(/^.*\//, '').replace(/\.html$/, '');
  return (['billing', 'billing-history', 'invoice', 'receipt', 'subscriptions', 'activity', 'options', 'support'] as const).find((p) => p === name) ?? 'other';
}

/**
 * The page's styles as `<style>` elements, in the script (Vite `?inline`): no stylesheet fetch blocks
 * the first paint (issue 18). Extension pages' CSP restricts scripts, not styles.
 */
function addStyles(sheets: readonly string[]): void {
  for (const css of sheets) {
    const style = document.createElement('style');
    style.textContent = css;
    document.head.append(style);
  }
}

/**
 * Renders `App` under the page header in the chosen language, titled `title`; `pageStyles` are the
 * page's own styles (imported with `?inline`) on top of the shared ones.
 */
export async function mountPage(App: ComponentType, title: MessageKey, pageStyles: readonly string[] = []): Promise<void> {
  addStyles([baseStyles, ...pageStyles]);
  const root = document.getElementById('app')!;
  // The snapshot saves a storage round trip before the first render; it is refreshed right after.
  await apply(readSnapshot()?.language ?? (await languageItem.getValue()), title);
  void keepSnapshotCurrent();
  followSessionChanges();
  let generation = 0;
  const page = (key: number) => (
    <>
      <PageHeader key={`header-${key}`} current={currentPage()} />
      <App key={key} />
    </>
  );
  render(page(generation), root);
  languageItem.watch(async (choice) => {
    await apply(choice ?? 'auto', title);
    generation += 1;
    render(page(generation), root);
  });
}
