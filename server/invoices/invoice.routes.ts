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
import { json, problems } from '../http/openapi';
import { guardedRoute } from '../http/policy';
import { decodeCursor, encodeCursor } from './cursor';
import { toInvoice, toInvoiceSummary, toReceipt } from './invoice.mapper';
import { findInvoice, findInvoiceLines, findInvoicesPage } from './invoice.repository';

const accountParams = z.object({ id: idParam });
const invoiceParams = z.object({ id: idParam, invoiceId: idParam });
const denied = problems('unauthenticated', 'not_account_holder', 'not_found');

export function invoiceRoutes(app: OpenAPIHono<AppEnv>) {
  return app
    .openapi(
      guardedRoute('holder', {
        method: 'get',
        path: '/accounts/{id}/invoices',
        summary: 'Billing History: newest first, keyset-paginated; optionally only paid/open, or one number',
        request: { params: accountParams, query: invoiceListQuerySchema },
        responses: { 200: json(invoicePageSchema, 'One page of invoices'), ...problems('invalid_request'), ...denied },
      }),
      async (c) => {
        const { limit, cursor, status, number } = c.req.valid('query');
        const after = cursor ? decodeCursor(cursor) : undefined;
        const rows = await findInvoicesPage(c.get('deps').db, c.req.valid('param').id, limit, after, { status, number });
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
        summary: 'One invoice with its lines and bill-to snapshot',
        request: { params: invoiceParams },
        responses: { 200: json(invoiceSchema, 'The invoice'), ...denied },
      }),
      async (c) => {
        const { id, invoiceId } = c.req.valid('param');
        const invoice = await findInvoice(c.var.deps.db, id, invoiceId);
        if (!invoice) throw new ApiError('not_found');
        return c.json(toInvoice(invoice, await findInvoiceLines(c.var.deps.db, invoiceId)), 200);
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
        return c.json(toReceipt(invoice, await findInvoiceLines(c.var.deps.db, invoiceId)), 200);
      },
    );
}
