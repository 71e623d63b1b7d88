// Asks the browser to warn before the page closes or reloads while something typed is not saved (issue 15 §4).
import { useEffect } from 'preact/hooks';

/**
 * While `unsaved` is true, a `beforeunload` handler cancels the unload, so the browser shows its own
 * "Leave site?" dialog (the text is the browser's; pages cannot set it — HTML Living Standard §7.4.3).
 */
export function useUnsavedWarning(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium and Firefox still look at returnValue.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
}
