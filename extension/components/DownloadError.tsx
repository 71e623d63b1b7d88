// What a failed document download says (403/404/409/network…), in the page's language, next to the button that tried.
import type { Download } from '../hooks/useDownload';
import { errorMessage } from '../utils/i18n/format';

/** Shows the failure of the download `id` (or of any download when `id` is omitted). */
export function DownloadError({ download, id }: { download: Download; id?: string }) {
  const failed = download.error && (id === undefined || download.error.key === id) ? download.error.error : null;
  if (!failed) return null;
  return (
    <p class="error-text" role="alert" data-testid="download-error">
      {errorMessage(failed.code)}
    </p>
  );
}
