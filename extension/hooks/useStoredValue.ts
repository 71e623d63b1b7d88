// Reads a storage item and follows its changes from any page of the extension.
import { useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';

/** `undefined` until the first read answers, then the stored value (or the item's fallback). */
export function useStoredValue<T>(item: WxtStorageItem<T, {}>): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void item.getValue().then((v) => live && setValue(v));
    const unwatch = item.watch((v) => setValue(v ?? item.fallback));
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);
  return value;
}
