// The phone formatter (≈28 KB gzip of libphonenumber metadata), loaded once per page on first use.
import { useEffect, useMemo, useState } from 'preact/hooks';

type Formatter = typeof import('../utils/forms/phone').formatPhone;
let loading: Promise<Formatter> | undefined;
let loaded: Formatter | undefined;

/** Loads the phone formatter once per page; `formatPhone(e164, country?)` of utils/forms/phone.ts. */
export function loadPhoneFormatter(): Promise<Formatter> {
  loading ??= import('../utils/forms/phone').then((m) => (loaded = m.formatPhone));
  return loading;
}

/** The formatter if it has loaded already, for a first render that must not wait. */
export function loadedPhoneFormatter(): Formatter | undefined {
  return loaded;
}

/** The formatter once it is here (undefined before): starts loading it on first use. */
export function usePhoneFormatter(): Formatter | undefined {
  const [format, setFormat] = useState<Formatter | undefined>(() => loaded);
  useEffect(() => {
    let live = true;
    // Asked even when another component loaded it between this render and this effect: checking
    // `loaded` here instead left such a component without the formatter for good (stored phones shown).
    void loadPhoneFormatter().then((f) => live && setFormat(() => f));
    return () => {
      live = false;
    };
  }, []);
  return format;
}

/**
 * How an input shows a stored E.164 phone: international with spaces ("+33 1 42 68 53 00"), which
 * reads well and parses back without a country. Undefined until the formatter has loaded.
 */
export function usePhoneDisplay(): ((e164: string) => string) | undefined {
  const format = usePhoneFormatter();
  // One function per formatter, so effects that depend on it run once, when it arrives.
  return useMemo(() => format && ((e164: string) => format(e164)), [format]);
}
