// Receipt PDF render time in-process (the pure renderer, fonts parsed once per process as in the server): first render, then median and p99.
import { DEMO_SELLER } from '../server/billing/seller';
import { renderBillingPdf } from '../server/documents/billing-pdf';
import type { Invoice } from '../shared/api-types';

export interface PdfFigures {
  /** The first render of the process: parsing DejaVu Sans (regular and bold) and creating its glyphs. */
  firstMs: number;
  renders: number;
  medianMs: number;
  p99Ms: number;
  bytes: number;
}

const day = (d: string) => `${d}T00:00:00.000Z`;

/** A paid invoice like the demo's, with a Cyrillic company and three lines, in French (narrow no-break spaces). */
const RECEIPT: Invoice = {
  id: 'bench', number: 'FP-2026-000031', issuedAt: day('2026-11-01'), periodStart: day('2026-11-01'), periodEnd: day('2026-12-01'),
  total: 43200, currency: 'EUR', status: 'paid', paidAt: '2026-11-01T09:30:00.000Z', subtotal: 36000, tax: 7200, taxRateBp: 2000,
  billTo: {
    companyName: 'ООО «Ромашка»', contactName: 'Chloé Dubois', email: 'compta@globex.test', phone: '+33142868201', vatId: 'FR40303265045',
    address: { line1: '8 rue de Rivoli', line2: 'Service comptabilité', city: 'Paris', region: null, postalCode: '75004', country: 'FR' },
    invoiceRecipients: [],
  },
  lines: [
    { description: 'Fastpath Enterprise', quantity: 20, unitAmount: 1500, amount: 30000, periodStart: day('2026-11-01'), periodEnd: day('2026-12-01') },
    { description: 'Fastpath Extra', quantity: 3, unitAmount: 1500, amount: 4500, periodStart: day('2026-11-01'), periodEnd: day('2026-12-01') },
    { description: 'Support prioritaire', quantity: 1, unitAmount: 1500, amount: 1500, periodStart: day('2026-11-01'), periodEnd: day('2026-12-01') },
  ],
  receiptNumber: 'RC-2026-000021', dueDate: '2026-12-01', payment: null,
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export async function measureReceiptPdf(renders = 300): Promise<PdfFigures> {
  const render = () =>
    renderBillingPdf({ kind: 'receipt', language: 'fr', invoice: RECEIPT, seller: DEMO_SELLER, paymentMethod: { type: 'card', text: 'Visa •••• 4242' } });
  let started = performance.now();
  const first = await render();
  const firstMs = performance.now() - started;
  for (let i = 0; i < 10; i++) await render();
  const times: number[] = [];
  for (let i = 0; i < renders; i++) {
    started = performance.now();
    await render();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { firstMs, renders, medianMs: percentile(times, 50), p99Ms: percentile(times, 99), bytes: first.byteLength };
}

// `npx tsx bench/pdf-render.ts`: this figure alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const f = await measureReceiptPdf();
  process.stdout.write(`Receipt PDF: first ${f.firstMs.toFixed(0)} ms, then median ${f.medianMs.toFixed(1)} ms, p99 ${f.p99Ms.toFixed(1)} ms over ${f.renders} renders (${f.bytes} bytes)\n`);
}
