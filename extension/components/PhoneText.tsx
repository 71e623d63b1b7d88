// A read-only phone number in human format; the formatter loads on first use (hooks/usePhoneDisplay.ts).
import { useEffect, useState } from 'preact/hooks';
import { loadPhoneFormatter, loadedPhoneFormatter } from '../hooks/usePhoneDisplay';

/**
 * The stored E.164 value until the formatter has loaded, then the national format when the number
 * belongs to `country` (the address beside it), international otherwise.
 */
export function PhoneText({ value, country }: { value: string; country?: string }) {
  const [text, setText] = useState(() => loadedPhoneFormatter()?.(value, country) ?? value);
  useEffect(() => {
    let live = true;
    void loadPhoneFormatter().then((format) => live && setText(format(value, country)));
    return () => {
      live = false;
    };
  }, [value, country]);
  return <span data-testid="phone">{text}</span>;
}
