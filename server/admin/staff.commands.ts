// `staff add|remove`: who is support staff (users.is_support) and may work the change-request queue.
import { type AdminCommand, CommandFailedError } from './admin-command';
import { auditAdmin } from './admin.repository';
import { findUserByEmail } from '../users/user.repository';
import { tty } from '../terminal/terminal-text';

function staffCommand(name: 'staff add' | 'staff remove'): AdminCommand {
  const adding = name === 'staff add';
  return {
    name,
    synopsis: 'EMAIL',
    summary: adding ? 'make a person support staff (they work the change-request queue)' : 'take support staff rights away',
    positionals: 1,
    async run(ctx, args) {
      const person = await findUserByEmail(ctx.db, args.positionals[0]);
      if (!person) throw new CommandFailedError(`No person with e-mail ${args.positionals[0]}.`);
      const flag = adding ? 1 : 0;
      if (person.is_support !== flag) {
        await ctx.db.transaction().execute(async (trx) => {
          await trx.updateTable('users').set({ is_support: flag }).where('id', '=', person.id).execute();
          await auditAdmin(trx, ctx, adding ? 'staff.added' : 'staff.removed', { target: person.id, before: { isSupport: !adding }, after: { isSupport: adding } });
        });
      }
      const text = `${tty`${person.email}`} is ${adding ? 'now' : 'no longer'} support staff${person.is_support === flag ? ' (unchanged)' : ''}.`;
      return { text, json: { id: person.id, email: person.email, isSupport: adding, changed: person.is_support !== flag } };
    },
  };
}

export const staffCommands = [staffCommand('staff add'), staffCommand('staff remove')];
