// Subscriptions as the API returns them (R11: viewed, cancelled at period end, resumed).
import { z } from 'zod';
import { isoDateTime } from './common.schema';

export const subscriptionSchema = z
  .object({
    id: z.string(),
    product: z.string(),
    seats: z.number().int(),
    unitPrice: z.number().int(),
    currency: z.string(),
    interval: z.enum(['month', 'year']),
    status: z.enum(['active', 'canceled']),
    currentPeriodStart: isoDateTime(),
    currentPeriodEnd: isoDateTime(),
    cancelAtPeriodEnd: z.boolean(),
  })
  .meta({ id: 'Subscription' });
export type Subscription = z.infer<typeof subscriptionSchema>;

export const subscriptionListSchema = z.object({ items: z.array(subscriptionSchema) }).meta({ id: 'SubscriptionList' });
