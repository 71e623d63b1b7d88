// `member add|remove`: who belongs to which account, and the one holder each account has (R1).
import { roleSchema } from '../../shared/schemas/billing.schema';
import { type AdminCommand, type CommandContext, CommandFailedError, InvalidInputError, stringValue } from './admin-command';
import { auditAdmin, findHolder, putMembership } from './admin.repository';
import { findUserByEmail } from '../users/user.repository';
import { tty } from '../terminal/terminal-text';

async function accountAndPerson(ctx: CommandContext, accountId: string, email: string) {
  const account = await ctx.db.selectFrom('accounts').select(['id', 'company_name']).where('id', '=', accountId).executeTakeFirst();
  if (!account) throw new CommandFailedError(`No account with id ${accountId}.`);
  const person = await findUserByEmail(ctx.db, email);
  if (!person) throw new CommandFailedError(`No person with e-mail ${email}.`);
  return { account, person };
}

const add: AdminCommand = {
  name: 'member add',
  synopsis: 'ACCOUNT_ID EMAIL [--role holder|user]',
  summary: 'make a person a member of an account (or change their role); a new holder replaces the old one, who becomes a user',
  details: '  --role holder|user   default user; an account has exactly one holder',
  options: { role: { type: 'string' } },
  positionals: 2,
  async run(ctx, args) {
    const parsed = roleSchema.safeParse(stringValue(args, 'role') ?? 'user');
    if (!parsed.success) throw new InvalidInputError([{ path: '--role', message: 'holder or user' }]);
    const role = parsed.data;
    const { account, person } = await accountAndPerson(ctx, args.positionals[0], args.positionals[1]);
    const { outcome, previousHolder } = await ctx.db.transaction().execute(async (trx) => {
      const holder = await findHolder(trx, account.id);
      return { outcome: await putMembership(trx, ctx, account.id, person.id, role), previousHolder: holder?.user_id };
    });
    if (outcome === 'holder_cannot_step_down') {
      throw new CommandFailedError(tty`${person.email} is the holder of ${account.company_name}: make someone else holder first (member add ${account.id} EMAIL --role holder).`);
    }
    const demoted = role === 'holder' && outcome !== 'unchanged' && previousHolder && previousHolder !== person.id;
    const text =
      outcome === 'unchanged'
        ? tty`${person.email} is already ${role} of ${account.company_name}.`
        : tty`${person.email} is now ${role} of ${account.company_name}${demoted ? '; the previous holder is now a user' : ''}.`;
    return { text, json: { accountId: account.id, email: person.email, role, outcome, previousHolderDemoted: !!demoted } };
  },
};

const remove: AdminCommand = {
  name: 'member remove',
  synopsis: 'ACCOUNT_ID EMAIL',
  summary: 'take a person off an account (refused for the holder: make someone else holder first)',
  positionals: 2,
  async run(ctx, args) {
    const { account, person } = await accountAndPerson(ctx, args.positionals[0], args.positionals[1]);
    await ctx.db.transaction().execute(async (trx) => {
      const membership = await trx.selectFrom('memberships').select('role').where('account_id', '=', account.id).where('user_id', '=', person.id).executeTakeFirst();
      if (!membership) throw new CommandFailedError(tty`${person.email} is not a member of ${account.company_name}.`);
      if (membership.role === 'holder') {
        throw new CommandFailedError(tty`${person.email} is the holder of ${account.company_name}: make someone else holder first (member add ${account.id} EMAIL --role holder).`);
      }
      await trx.deleteFrom('memberships').where('account_id', '=', account.id).where('user_id', '=', person.id).execute();
      await auditAdmin(trx, ctx, 'membership.removed', { accountId: account.id, target: person.id, before: { role: membership.role } });
    });
    return { text: tty`${person.email} is no longer a member of ${account.company_name}.`, json: { accountId: account.id, email: person.email } };
  },
};

export const memberCommands = [add, remove];
