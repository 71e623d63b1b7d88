// Boots a page: applies the chosen language, sets the title and lang, renders, re-renders on change.
import type { ComponentType } from 'preact';
import { render } from 'preact';
import '../components/styles.css';
import { loadLocale, resolveLocale, t, type LanguageChoice, type MessageKey } from './i18n';
import { languageItem } from './storage';

async function apply(choice: LanguageChoice, title: MessageKey) {
  const locale = resolveLocale(choice, navigator.language);
  await loadLocale(locale);
  document.documentElement.lang = locale;
  document.title = t(title);
}

export async function mountPage(App: ComponentType, title: MessageKey): Promise<void> {
  const root = document.getElementById('app')!;
  await apply(await languageItem.getValue(), title);
  let generation = 0;
  render(<App key={generation} />, root);
  languageItem.watch(async (choice) => {
    await apply(choice ?? 'auto', title);
    generation += 1;
    render(<App key={generation} />, root);
  });
}
