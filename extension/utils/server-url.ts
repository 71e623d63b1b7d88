// Server address rules: which addresses are valid, and which need a host permission first.

/** 127.0.0.1 over http is granted in the manifest (any port); anything else needs the person's consent. */
export function needsHostPermission(serverUrl: string): boolean {
  const url = new URL(serverUrl);
  return !(url.protocol === 'http:' && url.hostname === '127.0.0.1');
}

/** An http(s) address, normalised without a trailing slash; undefined when it is not one. */
export function parseServerUrl(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.href.replace(/(?<!\/)\/+$/, '');
  } catch {
    return undefined;
  }
}
