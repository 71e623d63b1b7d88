// Subscriptions: the holder lists them, cancels one at period end, or resumes it before then (R11).
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { idParam } from '../../shared/schemas/common.schema';
import { subscriptionListSchema, subscriptionSchema } from '../../shared/schemas/subscription.schema';
import { writeAudit } from '../audit/audit.repository';
import { ApiError } from '../http/api-error';
import type { AppEnv } from '../http/env';
import { json, problems } from '../http/openapi';
import { guardedRoute } from '../http/policy';
import { findSubscription, findSubscriptions, setCancelAtPeriodEnd, toSubscription } from './subscription.repository';

const denied = problems('unauthenticated', 'not_account_holder', 'not_found');
const oneParams = z.object({ id: idParam, sid: idParam });

function changeRoute(action: 'cancel' | 'resume') {
  return guardedRoute('holder', {
    method: 'post',
    path: `/accounts/{id}/subscriptions/{sid}/${action}`,
    summary: action === 'cancel' ? 'Cancel at the end of the current period' : 'Undo a pending cancellation',
    request: { params: oneParams },
    responses: { 200: json(subscriptionSchema, 'The subscription'), ...problems('subscription_ended'), ...denied },
  });
}

export function subscriptionRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    guardedRoute('holder', {
      method: 'get',
      path: '/accounts/{id}/subscriptions',
      summary: "The account's subscriptions",
      request: { params: z.object({ id: idParam }) },
      responses: { 200: json(subscriptionListSchema, 'Subscriptions'), ...denied },
    }),
    async (c) => c.json({ items: (await findSubscriptions(c.var.deps.db, c.req.valid('param').id)).map(toSubscription) }, 200),
  );
  for (const action of ['cancel', 'resume'] as const) {
    app.openapi(changeRoute(action), async (c) => {
      const { db, now } = c.var.deps;
      const { id, sid } = c.req.valid('param');
      const before = await findSubscription(db, id, sid);
      if (!before) throw new ApiError('not_found');
      if (!(await setCancelAtPeriodEnd(db, sid, action === 'cancel'))) {
        throw new ApiError('subscription_ended', `${before.product} has already ended.`);
      }
      const { user } = c.var.principal;
      await writeAudit(
        db,
        {
          actorUserId: user.id, actorLabel: user.email, action: `subscription.${action}`, accountId: id, target: sid,
          before: { cancelAtPeriodEnd: before.cancel_at_period_end === 1 }, after: { cancelAtPeriodEnd: action === 'cancel' },
        },
        now(),
      );
      return c.json(toSubscription((await findSubscription(db, id, sid))!), 200);
    });
  }
  return app;
}
