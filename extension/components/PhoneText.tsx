// A read-only phone number in human format; the formatter (≈29 KB gzip of metadata) loads on first use.
import { useEffect, useState } from 'preact/hooks';

type Formatter = typeof import('../utils/forms/phone').formatPhone;
let loading: Promise<Formatter> | undefined;

/** Loads the phone formatter once per page, after the page has rendered. */
export function loadPhoneFormatter(): Promise<Formatter> {
  loading ??= import('../utils/forms/phone').then((m) => m.formatPhone);
  return loading;
}

/**
 * The stored E.164 value until the formatter has loaded, then the national format when the number
 * belongs to `country` (the address beside it), international otherwise.
 */
export function PhoneText({ value, country }: { value: string; country?: string }) {
  const [text, setText] = useState(value);
  useEffect(() => {
    let live = true;
    setText(value);
    void loadPhoneFormatter().then((format) => live && setText(format(value, country)));
    return () => {
      live = false;
    };
  }, [value, country]);
  return <span data-testid="phone">{text}</span>;
}
