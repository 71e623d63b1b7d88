// GET /accounts/{id}/invoices/upcoming: the next invoice before it is issued, for the holder (issue 16 §3).
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { idParam } from '../../shared/schemas/common.schema';
import { upcomingInvoiceSchema } from '../../shared/schemas/upcoming-invoice.schema';
import { upcomingInvoice } from '../billing/upcoming-invoice';
import type { AppEnv } from '../http/env';
import { json, problems } from '../http/openapi';
import { guardedRoute } from '../http/policy';

/** Registered before `/accounts/{id}/invoices/{invoiceId}`, which would otherwise take `upcoming` for an id. */
export function upcomingInvoiceRoutes(app: OpenAPIHono<AppEnv>) {
  return app.openapi(
    guardedRoute('holder', {
      method: 'get',
      path: '/accounts/{id}/invoices/upcoming',
      summary: 'The next invoice before it is issued: date, R8 cutoff, lines, amounts and bill-to',
      description:
        'Computed by the billing run\'s own code (server/billing/billing-run.ts, draftNextInvoice): `billTo` is the ' +
        'snapshot the run would take if it ran now. Amounts in minor units. `billingDate` null: nothing renews.',
      request: { params: z.object({ id: idParam }) },
      responses: {
        200: json(upcomingInvoiceSchema, 'The next invoice'),
        ...problems('unauthenticated', 'not_account_holder', 'not_found'),
      },
    }),
    async (c) => c.json(await upcomingInvoice(c.var.deps.db, c.req.valid('param').id, c.var.deps.now()), 200),
  );
}
