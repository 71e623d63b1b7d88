// Billing History, one invoice and its receipt — for the account holder only (R4, R10).
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { idParam } from '../../shared/schemas/common.schema';
import {
  invoiceListQuerySchema,
  invoicePageSchema,
  invoiceSchema,
  receiptSchema,
} from '../../shared/schemas/invoice.schema';
import { ApiError } from '../http/api-error';
import { answerJson } from '../http/answer';
import type { AppEnv } from '../http/env';
import { attachment, json, problems } from '../http/openapi';
import { invoicePdf, receiptPdf, type NamedPdf } from '../documents/invoice-documents';
import { guardedRoute } from '../http/policy';
import { withDownloadSlot } from '../http/download-gate';
import { webStreamOf } from '../http/stream-body';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { decodeCursor, encodeCursor } from './cursor';
import { toInvoice, toInvoiceSummary, toReceipt } from './invoice.mapper';
import { findInvoice, findInvoiceLines, findInvoicesPage } from './invoice.repository';

const accountParams = z.object({ id: idParam });
const invoiceParams = z.object({ id: idParam, invoiceId: idParam });
const denied = problems('unauthenticated', 'not_account_holder', 'not_found');

/** A PDF as a download named by shared/document-names.ts (ASCII: numbers and dates only). */
function pdfAnswer(pdf: NamedPdf, body: Readable) {
  return new Response(webStreamOf(body), {
    status: 200,
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${pdf.fileName}"`,
      'Content-Length': String(pdf.bytes.byteLength),
    },
  });
}

/**
 * Renders a PDF holding one of the caller's PDF slots (server/http/download-gate.ts: 429 beyond 4 at
 * once), released once the bytes are sent or the client is gone; undefined → 404.
 */
async function pdfDownload(c: Context<AppEnv>, render: () => Promise<NamedPdf | undefined>) {
  let pdf: NamedPdf | undefined;
  const body = await withDownloadSlot(c.var.principal.user.id, 'pdf', c.req.raw.signal, async () => {
    pdf = await render();
    if (!pdf) throw new ApiError('not_found');
    return Readable.from([Buffer.from(pdf.bytes.buffer, pdf.bytes.byteOffset, pdf.bytes.byteLength)]);
  });
  return pdfAnswer(pdf!, body);
}

/** 429 when the caller already has that many downloads in flight (download-gate.ts). */
const busy = problems('rate_limited');

export function invoiceRoutes(app: OpenAPIHono<AppEnv>) {
  return app
    .openapi(
      guardedRoute('holder', {
        method: 'get',
        path: '/accounts/{id}/invoices',
        summary: 'Billing History: newest first, keyset-paginated; optionally one issue year, only paid/open, a number search',
        request: { params: accountParams, query: invoiceListQuerySchema },
        responses: { 200: json(invoicePageSchema, 'One page of invoices'), ...problems('invalid_request'), ...denied },
      }),
      async (c) => {
        const { limit, cursor, status, number, year } = c.req.valid('query');
        const after = cursor ? decodeCursor(cursor) : undefined;
        const rows = await findInvoicesPage(c.get('deps').db, c.req.valid('param').id, limit, after, { status, number, year });
        const items = rows.slice(0, limit).map(toInvoiceSummary);
        const last = items.at(-1);
        const nextCursor = rows.length > limit && last ? encodeCursor({ issuedAt: last.issuedAt, id: last.id }) : null;
        return answerJson(c, { items, nextCursor }, 200);
      },
    )
    .openapi(
      guardedRoute('holder', {
        method: 'get',
        path: '/accounts/{id}/invoices/{invoiceId}',
        summary: 'One invoice with its lines, bill-to snapshot, due date and (while open) how to pay it',
        request: { params: invoiceParams },
        responses: { 200: json(invoiceSchema, 'The invoice'), ...denied },
      }),
      async (c) => {
        const { id, invoiceId } = c.req.valid('param');
        const invoice = await findInvoice(c.var.deps.db, id, invoiceId);
        if (!invoice) throw new ApiError('not_found');
        return c.json(toInvoice(invoice, await findInvoiceLines(c.var.deps.db, invoiceId), c.var.deps.config.seller), 200);
      },
    )
    .openapi(
      guardedRoute('holder', {
        method: 'get',
        path: '/accounts/{id}/invoices/{invoiceId}/receipt',
        summary: 'The printable receipt of a paid invoice',
        request: { params: invoiceParams },
        responses: { 200: json(receiptSchema, 'The receipt'), ...problems('no_receipt'), ...denied },
      }),
      async (c) => {
        const { id, invoiceId } = c.req.valid('param');
        const invoice = await findInvoice(c.var.deps.db, id, invoiceId);
        if (!invoice) throw new ApiError('not_found');
        if (invoice.status !== 'paid') throw new ApiError('no_receipt', `Invoice ${invoice.number} is not paid yet.`);
        return c.json(toReceipt(invoice, await findInvoiceLines(c.var.deps.db, invoiceId), c.var.deps.config.seller), 200);
      },
    )
    .openapi(
      guardedRoute('holder', {
        method: 'get',
        path: '/accounts/{id}/invoices/{invoiceId}/pdf',
        operationId: 'getInvoicePdf',
        summary: 'The invoice as a PDF in the account\'s invoice language; an open one shows its due date and how to pay',
        request: { params: invoiceParams },
        responses: { 200: attachment('application/pdf', 'The invoice PDF, e.g. 2026-11-01_FP-2026-000031_invoice.pdf'), ...busy, ...denied },
      }),
      async (c) => {
        const { id, invoiceId } = c.req.valid('param');
        return (await pdfDownload(c, () => invoicePdf(c.var.deps.db, c.var.deps.config.seller, id, invoiceId, c.var.deps.logger))) as never;
      },
    )
    .openapi(
      guardedRoute('holder', {
        method: 'get',
        path: '/accounts/{id}/invoices/{invoiceId}/receipt/pdf',
        operationId: 'getReceiptPdf',
        summary: 'The receipt of a paid invoice as a PDF in the account\'s invoice language',
        request: { params: invoiceParams },
        responses: {
          200: attachment('application/pdf', 'The receipt PDF, e.g. 2026-11-01_FP-2026-000031_receipt_RC-2026-000021.pdf'),
          ...problems('no_receipt', 'rate_limited'),
          ...denied,
        },
      }),
      async (c) => {
        const { id, invoiceId } = c.req.valid('param');
        return (await pdfDownload(c, () => receiptPdf(c.var.deps.db, c.var.deps.config.seller, id, invoiceId, c.var.deps.logger))) as never;
      },
    );
}
