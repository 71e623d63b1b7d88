// Reads a storage item and follows its changes from any page of the extension.
import { useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';

/**
 * `initial` (e.g. from the localStorage snapshot, snapshot.ts) until the first read answers, else
 * `undefined`; then the stored value (or the item's fallback).
 */
export function useStoredValue<T, I = T>(item: WxtStorageItem<T, {}>, initial?: I): T | I | undefined {
  const [value, setValue] = useState<T | I | undefined>(initial);
  useEffect(() => {
    let live = true;
    // A change seen before the first read answers is newer than that answer: the read is then dropped.
    let changed = false;
    void item.getValue().then((v) => live && !changed && setValue(v));
    const unwatch = item.watch((v) => {
      changed = true;
      setValue(v ?? item.fallback);
    });
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);
  return value;
}
