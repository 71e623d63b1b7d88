// Hands a document fetched through the API client to the browser as a download, under its own name.

/**
 * Saves `blob` as `fileName` through a temporary object URL and `<a download>`: no `downloads`
 * permission, and the request keeps its bearer token (a plain link could not send it). The URL is
 * revoked a minute later, once the browser has surely read it (Firefox reads it after the click returns).
 */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
