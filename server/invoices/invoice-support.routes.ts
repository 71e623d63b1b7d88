// Support staff find an invoice by its number and confirm that an invoice payer's open invoice has been paid (by bank transfer).
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { idParam } from '../../shared/schemas/common.schema';
import { invoiceSummarySchema } from '../../shared/schemas/invoice.schema';
import { supportInvoiceListSchema, supportInvoiceQuerySchema } from '../../shared/schemas/support.schema';
import { writeAudit } from '../audit/audit.repository';
import { markInvoicePaid } from '../billing/mark-paid';
import { ApiError } from '../http/api-error';
import type { AppEnv } from '../http/env';
import { json, problems } from '../http/openapi';
import { guardedRoute } from '../http/policy';
import { toInvoiceSummary } from './invoice.mapper';
import { findInvoicesByNumber } from './invoice.repository';

export function invoiceSupportRoutes(app: OpenAPIHono<AppEnv>) {
  return app
    .openapi(
      guardedRoute('support', {
        method: 'get',
        path: '/support/invoices',
        summary: 'Find an invoice by its number (as printed, e.g. FP-2026-000123), with its company',
        description: 'Staff see the summary only (number, dates, total in minor units, status), never the bill-to or card.',
        request: { query: supportInvoiceQuerySchema },
        responses: {
          200: json(supportInvoiceListSchema, 'The invoice with that number, or none'),
          ...problems('invalid_request', 'unauthenticated', 'not_support_staff'),
        },
      }),
      async (c) => {
        const { db, now } = c.var.deps;
        const { number } = c.req.valid('query');
        const rows = await findInvoicesByNumber(db, number);
        const { user } = c.var.principal;
        await writeAudit(db, { actorUserId: user.id, actorLabel: user.email, action: 'support.invoice.searched', target: number, after: { found: rows.length } }, now());
        return c.json({ items: rows.map((r) => ({ ...toInvoiceSummary(r), companyName: r.company_name })) }, 200);
      },
    )
    .openapi(
    guardedRoute('support', {
      method: 'post',
      path: '/support/invoices/{invoiceId}/mark-paid',
      summary: 'Mark an open invoice paid; it then has a receipt',
      request: { params: z.object({ invoiceId: idParam }) },
      responses: {
        // The summary only, as for the search: staff see what the task needs, never the bill-to or lines.
        200: json(invoiceSummarySchema, 'The invoice, now paid (summary)'),
        ...problems('unauthenticated', 'not_support_staff', 'not_found', 'already_resolved'),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const { invoiceId } = c.req.valid('param');
      const invoice = await db.selectFrom('invoices').selectAll().where('id', '=', invoiceId).executeTakeFirst();
      if (!invoice) throw new ApiError('not_found');
      const { user } = c.var.principal;
      const by = { actorUserId: user.id, actorLabel: user.email, action: 'invoice.marked_paid' } as const;
      if (!(await markInvoicePaid(db, invoiceId, { paidAt: now().toISOString(), chargeId: null, paymentMethodText: null }, by))) {
        throw new ApiError('already_resolved', `Invoice ${invoice.number} is already paid.`);
      }
      const paid = await db.selectFrom('invoices').selectAll().where('id', '=', invoiceId).executeTakeFirstOrThrow();
      return c.json(toInvoiceSummary(paid), 200);
    },
  );
}
