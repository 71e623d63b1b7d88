// One issue year of an account's invoices: totals per currency, the CSV, and the receipts pack (issue 14).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { receiptPdfName, yearCsvName, yearZipName } from '../../shared/document-names';
import { idParam } from '../../shared/schemas/common.schema';
import { invoiceYearQuerySchema, invoiceYearSummarySchema } from '../../shared/schemas/invoice.schema';
import { receiptsZip } from '../documents/receipts-zip';
import { yearCsv } from '../documents/year-csv';
import type { AppEnv } from '../http/env';
import { attachment, json, problems } from '../http/openapi';
import { guardedRoute } from '../http/policy';
import { webStreamOf } from '../http/stream-body';
import { withDownloadSlot } from '../http/download-gate';
import { Readable } from 'node:stream';
import { invoiceLanguageOf } from './invoice-language';
import { invoicesOfYear, yearTotals } from './invoice-year.repository';
import { receiptRendererFor } from './receipt-renderer';

const accountParams = z.object({ id: idParam });
const denied = problems('unauthenticated', 'not_account_holder', 'not_found');

/** The answer for a download: the bytes as they are produced, saved under `fileName`. */
function download(c: Context<AppEnv>, body: Readable, contentType: string, fileName: string) {
  body.on('error', (err) => c.var.deps.logger?.warn({ err, path: c.req.path }, 'download ended early'));
  return c.body(webStreamOf(body), 200, {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${fileName}"`,
    // Built per request from the account's data: never from a shared cache.
    'Cache-Control': 'private, no-store',
  });
}

/** Text chunks gathered into pieces of about 16 KB, so a long CSV is not sent one short line per write. */
async function* gathered(chunks: AsyncIterable<string>, size = 16_384) {
  let piece = '';
  for await (const chunk of chunks) {
    piece += chunk;
    if (piece.length >= size) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

/** Declared before `/invoices/{invoiceId}`: `summary` must not be read as an invoice id. */
export function invoiceYearRoutes(app: OpenAPIHono<AppEnv>) {
  return app
    .openapi(
      guardedRoute('holder', {
        method: 'get',
        path: '/accounts/{id}/invoices/summary',
        summary: 'Totals per currency of the invoices issued in one year (UTC): invoiced, paid, open, count; minor units',
        request: { params: accountParams, query: invoiceYearQuerySchema },
        responses: { 200: json(invoiceYearSummarySchema, 'Totals per currency, in code order'), ...problems('invalid_request'), ...denied },
      }),
      async (c) => {
        const { year } = c.req.valid('query');
        return c.json({ year, totals: await yearTotals(c.var.deps.db, c.req.valid('param').id, year) }, 200);
      },
    )
    .openapi(
      guardedRoute('holder', {
        method: 'get',
        path: '/accounts/{id}/invoices.csv',
        operationId: 'getAccountsInvoicesCsv',
        summary: 'Every invoice issued in one year (UTC) as RFC 4180 CSV, in the invoice language, oldest first',
        request: { params: accountParams, query: invoiceYearQuerySchema },
        responses: {
          200: attachment('text/csv', 'CSV (RFC 4180, CRLF, UTF-8 with a byte order mark), `2026_invoices.csv`: one line per invoice; decimal amounts with the ISO 4217 exponent'),
          ...problems('invalid_request'),
          ...denied,
        },
      }),
      async (c) => {
        const { year } = c.req.valid('query');
        const { id } = c.req.valid('param');
        const { db } = c.var.deps;
        const language = await invoiceLanguageOf(db, id);
        const text = Readable.from(gathered(yearCsv(invoicesOfYear(db, id, year), language)));
        return download(c, text, 'text/csv; charset=utf-8', yearCsvName(year));
      },
    )
    .openapi(
      guardedRoute('holder', {
        method: 'get',
        path: '/accounts/{id}/receipts.zip',
        operationId: 'getAccountsReceiptsZip',
        summary: "Every receipt PDF of one year's paid invoices plus the year's CSV, as one zip streamed as it is built",
        request: { params: accountParams, query: invoiceYearQuerySchema },
        responses: {
          200: attachment('application/zip', 'Zip, `2026_receipts.zip`: one receipt PDF per invoice issued that year and paid (receiptPdfName), then the CSV (yearCsvName)'),
          // At most 2 packs in flight per person (server/http/download-gate.ts).
          ...problems('invalid_request', 'rate_limited'),
          ...denied,
        },
      }),
      async (c) => {
        const { year } = c.req.valid('query');
        const { id } = c.req.valid('param');
        const { db, now } = c.var.deps;
        const body = await withDownloadSlot(c.var.principal.user.id, 'zip', c.req.raw.signal, async () => {
          const language = await invoiceLanguageOf(db, id);
          const render = receiptRendererFor(c.var.deps);
          const receipts = (async function* () {
            for await (const invoice of invoicesOfYear(db, id, year, { status: 'paid' })) {
              yield {
                name: receiptPdfName({ number: invoice.number, issuedAt: invoice.issued_at }, invoice.receipt_number!),
                mtime: new Date(invoice.paid_at!),
                render: () => render(id, invoice.id),
              };
            }
          })();
          const csv = { name: yearCsvName(year), mtime: now(), chunks: gathered(yearCsv(invoicesOfYear(db, id, year), language)) };
          return receiptsZip({ receipts, csv });
        });
        return download(c, body, 'application/zip', yearZipName(year));
      },
    );
}
