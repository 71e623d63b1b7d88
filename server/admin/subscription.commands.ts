// `subscription create|list`: what an account pays for; the billing run invoices from the start date on.
import { formatAmount } from '../../shared/money';
import { subscriptionCreateSchema } from '../../shared/schemas/admin.schema';
import { type AdminCommand, CommandFailedError, InvalidInputError, integerFlag, stringValue, validate } from './admin-command';
import { unprintableFieldErrors } from '../documents/printable';
import { insertSubscription } from './admin.repository';
import { tty } from '../terminal/terminal-text';

const FLAG_OF_FIELD: Record<string, string> = {
  product: '--product', seats: '--seats', unitPrice: '--unit-price', interval: '--interval', startDate: '--start',
};

const create: AdminCommand = {
  name: 'subscription create',
  synopsis: 'ACCOUNT_ID --product NAME --seats N --unit-price MINOR --interval month|year --start YYYY-MM-DD',
  summary: "add a subscription, billed in the account's currency from the start date",
  details: `  --product NAME        e.g. "Fastpath Business"
  --seats N             1 or more
  --unit-price MINOR    price of one seat per interval in minor units (1200 = 12.00)
  --interval month|year
  --start YYYY-MM-DD    first day billed (UTC); the next billing run issues the first invoice from it`,
  options: {
    product: { type: 'string' }, seats: { type: 'string' }, 'unit-price': { type: 'string' },
    interval: { type: 'string' }, start: { type: 'string' },
  },
  positionals: 1,
  async run(ctx, args) {
    const input = validate(
      subscriptionCreateSchema,
      {
        product: stringValue(args, 'product'), seats: integerFlag(args, 'seats'), unitPrice: integerFlag(args, 'unit-price'),
        interval: stringValue(args, 'interval'), startDate: stringValue(args, 'start'),
      },
      (path) => FLAG_OF_FIELD[path] ?? path,
    );
    // The product is each invoice line's description: only characters the invoice PDF prints.
    const unprintable = unprintableFieldErrors({ '--product': input.product });
    if (unprintable.length) throw new InvalidInputError(unprintable);
    const accountId = args.positionals[0];
    const account = await ctx.db.selectFrom('accounts').select(['id', 'currency', 'company_name']).where('id', '=', accountId).executeTakeFirst();
    if (!account) throw new CommandFailedError(`No account with id ${accountId}.`);
    const id = await ctx.db.transaction().execute((trx) => insertSubscription(trx, ctx, account.id, account.currency, input));
    return {
      text: tty`Created subscription ${id} for ${account.company_name}: ${input.product} × ${input.seats}, billed from ${input.startDate}.`,
      json: { id, accountId: account.id, ...input, currency: account.currency },
    };
  },
};

const list: AdminCommand = {
  name: 'subscription list',
  synopsis: 'ACCOUNT_ID',
  summary: "an account's subscriptions",
  positionals: 1,
  async run(ctx, args) {
    const accountId = args.positionals[0];
    const account = await ctx.db.selectFrom('accounts').select('id').where('id', '=', accountId).executeTakeFirst();
    if (!account) throw new CommandFailedError(`No account with id ${accountId}.`);
    const rows = await ctx.db
      .selectFrom('subscriptions')
      .select([
        'id', 'product', 'seats', 'unit_price as unitPrice', 'currency', 'billing_interval as interval', 'status',
        'current_period_start as currentPeriodStart', 'current_period_end as currentPeriodEnd', 'cancel_at_period_end as cancelAtPeriodEnd',
      ])
      .where('account_id', '=', accountId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const items = rows.map((r) => ({ ...r, cancelAtPeriodEnd: r.cancelAtPeriodEnd === 1 }));
    const text = items.length
      ? items
          .map((s) => `${tty`${s.id}  ${s.product} × ${s.seats} at ${formatAmount(s.unitPrice, s.currency, 'en')}/${s.interval}  ${s.status}`}${s.cancelAtPeriodEnd ? ' (ends at period end)' : ''}${tty`  next billing ${s.currentPeriodEnd.slice(0, 10)}`}`)
          .join('\n')
      : 'No subscriptions.';
    return { text, json: items };
  },
};

export const subscriptionCommands = [create, list];
