// A read-only phone number in human format; the formatter (≈28 KB gzip of metadata) loads on first use.
import { useEffect, useState } from 'preact/hooks';

type Formatter = typeof import('../utils/forms/phone').formatPhone;
let loading: Promise<Formatter> | undefined;
let loaded: Formatter | undefined;

/** Loads the phone formatter once per page. */
export function loadPhoneFormatter(): Promise<Formatter> {
  loading ??= import('../utils/forms/phone').then((m) => (loaded = m.formatPhone));
  return loading;
}

/** True once the formatter is here: a page that prints waits for it, so paper never shows E.164. */
export function usePhoneFormatterReady(): boolean {
  const [ready, setReady] = useState(!!loaded);
  useEffect(() => {
    let live = true;
    void loadPhoneFormatter().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  return ready;
}

/**
 * The stored E.164 value until the formatter has loaded, then the national format when the number
 * belongs to `country` (the address beside it), international otherwise.
 */
export function PhoneText({ value, country }: { value: string; country?: string }) {
  const [text, setText] = useState(() => (loaded ? loaded(value, country) : value));
  useEffect(() => {
    let live = true;
    void loadPhoneFormatter().then((format) => live && setText(format(value, country)));
    return () => {
      live = false;
    };
  }, [value, country]);
  return <span data-testid="phone">{text}</span>;
}
