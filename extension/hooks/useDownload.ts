// One document download at a time: fetch it through the API client, save it under its name, say what went wrong in words.
import { useState } from 'preact/hooks';
import { asApiError, type ApiError } from '../utils/api/api-error';
import type { DocumentFile } from '../utils/api/invoices';
import { saveFile } from '../utils/api/save-file';

export interface Download {
  /** The key of the download under way (e.g. an invoice id), or null. */
  busy: string | null;
  /** The last failure (403/404/409/network…), with the key it belongs to. */
  error: { key: string; error: ApiError } | null;
  run: (key: string, load: () => Promise<DocumentFile>) => Promise<void>;
}

export function useDownload(): Download {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<Download['error']>(null);
  async function run(key: string, load: () => Promise<DocumentFile>) {
    if (busy) return;
    setBusy(key);
    setError(null);
    try {
      const file = await load();
      saveFile(file.blob, file.fileName);
    } catch (e) {
      setError({ key, error: asApiError(e) });
    } finally {
      setBusy(null);
    }
  }
  return { busy, error, run };
}
