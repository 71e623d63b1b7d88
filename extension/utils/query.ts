// What an extension page was opened for: the account (`?account=`) and the invoice (`?invoice=`), if any.
export function accountFromQuery(search: string = location.search): string | null {
  return new URLSearchParams(search).get('account') || null;
}

/** The invoice an Invoice or Receipt page was opened for (`?invoice=`), if any. */
export function invoiceFromQuery(search: string = location.search): string | null {
  return new URLSearchParams(search).get('invoice') || null;
}
