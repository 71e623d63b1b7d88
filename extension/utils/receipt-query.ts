// What a receipt page was asked for: `?invoice=<id>` or `?latest=1`, and whether to print itself (`?print=1`).
export interface ReceiptQuery {
  invoiceId: string | null;
  latest: boolean;
  print: boolean;
}

export function receiptQuery(search: string = location.search): ReceiptQuery {
  const params = new URLSearchParams(search);
  return {
    invoiceId: params.get('invoice') || null,
    latest: params.get('latest') === '1',
    print: params.get('print') === '1',
  };
}

/** The same address without `print=1`, so a reload or a restored tab does not print again. */
export function withoutPrint(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('print');
  return url.toString();
}
