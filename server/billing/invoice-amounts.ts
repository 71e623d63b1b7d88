// The amounts of one invoice line, exact in integer minor units however large (within 2^53 − 1).

export interface InvoiceAmounts {
  subtotal: number;
  tax: number;
  total: number;
}

/**
 * seats × unit price, then tax at `taxRateBp` basis points rounded half up to a minor unit. Computed in
 * BigInt: at the input limits subtotal × rate reaches 10^17, past where a double is exact, and a rounding
 * there could move the tax by a minor unit. Throws a RangeError if the total is beyond 2^53 − 1.
 */
export function invoiceAmounts(seats: number, unitPrice: number, taxRateBp: number): InvoiceAmounts {
  for (const [name, value] of [['seats', seats], ['unit price', unitPrice], ['tax rate', taxRateBp]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative safe integer, not ${value}`);
  }
  const subtotal = BigInt(seats) * BigInt(unitPrice);
  const scaled = subtotal * BigInt(taxRateBp);
  const tax = scaled / 10_000n + (scaled % 10_000n >= 5_000n ? 1n : 0n);
  const total = subtotal + tax;
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`the total of ${seats} × ${unitPrice} minor units plus tax is beyond 2^53 − 1`);
  }
  return { subtotal: Number(subtotal), tax: Number(tax), total: Number(total) };
}
