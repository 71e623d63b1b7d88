// The account an extension page was opened for (`?account=`), if any.
export function accountFromQuery(search: string = location.search): string | null {
  return new URLSearchParams(search).get('account') || null;
}
