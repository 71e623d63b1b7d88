// GET /accounts/{id}/activity: the account's history for its holder, newest first (issue 16 §1).
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { activityPageSchema, activityQuerySchema } from '../../shared/schemas/activity.schema';
import { idParam } from '../../shared/schemas/common.schema';
import type { AppEnv } from '../http/env';
import { json, problems } from '../http/openapi';
import { guardedRoute } from '../http/policy';
import { decodeCursor, encodeCursor } from '../invoices/cursor';
import { toActivityEntry } from './activity.mapper';
import { findActivityPage } from './activity.repository';

export function activityRoutes(app: OpenAPIHono<AppEnv>) {
  return app.openapi(
    guardedRoute('holder', {
      method: 'get',
      path: '/accounts/{id}/activity',
      summary: 'Account activity: who changed what and when, newest first, keyset-paginated (holder only)',
      description:
        'Billing page changes (each field before and after, by its Billing page path), change requests filed, ' +
        'completed, rejected and withdrawn, subscriptions cancelled and resumed, invoices issued and paid. ' +
        'Sign-ins and refusals are not shown; support staff and operators are named only by kind. ' +
        '`nextCursor` opens the next (older) page; null on the last.',
      request: { params: z.object({ id: idParam }), query: activityQuerySchema },
      responses: {
        200: json(activityPageSchema, 'One page of activity'),
        ...problems('invalid_request', 'unauthenticated', 'not_account_holder', 'not_found'),
      },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      // The same opaque cursor as Billing History: the (time, id) of the last entry shown.
      const after = cursor ? decodeCursor(cursor) : undefined;
      const rows = await findActivityPage(c.var.deps.db, c.req.valid('param').id, limit, after);
      const items = rows.slice(0, limit).map(toActivityEntry);
      const last = items.at(-1);
      const nextCursor = rows.length > limit && last ? encodeCursor({ issuedAt: last.at, id: last.id }) : null;
      return c.json({ items, nextCursor }, 200);
    },
  );
}
