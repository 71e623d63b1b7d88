// The one edge we do not own: charging a card. A small interface, and the simulator we ship.
import { createHash } from 'node:crypto';

export interface ChargeRequest {
  /** The invoice id: a retried charge for the same invoice must not charge twice. */
  idempotencyKey: string;
  amount: number;
  currency: string;
  card: { brand: string | null; last4: string | null };
}

export type ChargeResult = { ok: true; chargeId: string } | { ok: false; reason: string };

export interface PaymentProvider {
  charge(request: ChargeRequest): Promise<ChargeResult>;
}

/** Always succeeds; the same idempotency key gives the same charge id, as a real provider would. */
export const simulatedPaymentProvider: PaymentProvider = {
  async charge(request) {
    const digest = createHash('sha256').update(request.idempotencyKey).digest('hex').slice(0, 24);
    return { ok: true, chargeId: `ch_sim_${digest}` };
  },
};
