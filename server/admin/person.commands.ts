// `person create|set-password|disable|enable`: the people who sign in, and their passwords.
import { randomBytes } from 'node:crypto';
import { personCreateSchema } from '../../shared/schemas/admin.schema';
import { hashPassword } from '../auth/password';
import { passwordProblem } from '../auth/password-policy';
import { revokeUserSessions } from '../auth/session.repository';
import {
  type AdminCommand, type CommandContext, CommandFailedError, InvalidInputError, type ParsedArgs, passwordFromStdin, stringValue, validate,
} from './admin-command';
import { auditAdmin, insertPerson } from './admin.repository';
import { findUserByEmail } from '../users/user.repository';
import { tty } from '../terminal/terminal-text';

/** 20 characters from 120 random bits, URL-safe: easy to paste, far beyond guessing. */
export const generatePassword = () => randomBytes(15).toString('base64url');

/** The password from stdin (checked against the rules) or a generated one that is printed once. */
async function choosePassword(ctx: CommandContext, args: ParsedArgs): Promise<{ password: string; generated: boolean }> {
  if (!args.values['password-stdin']) return { password: generatePassword(), generated: true };
  const password = await passwordFromStdin(ctx);
  const problem = passwordProblem(password);
  if (problem) throw new InvalidInputError([{ path: 'password', message: problem }]);
  return { password, generated: false };
}

async function existingPerson(ctx: CommandContext, email: string) {
  const person = await findUserByEmail(ctx.db, email);
  if (!person) throw new CommandFailedError(`No person with e-mail ${email}.`);
  return person;
}

const oneTime = (password: string) => `One-time password (shown only now; hand it over safely): ${password}`;

const create: AdminCommand = {
  name: 'person create',
  synopsis: '--email EMAIL --name NAME [--locale en|fr] [--password-stdin]',
  summary: 'create a person who can sign in; prints a one-time password unless one comes on stdin',
  details: `  --email EMAIL        sign-in e-mail (unique)
  --name NAME          full name
  --locale en|fr       language of their e-mails (default en)
  --password-stdin     read the password from the first line of standard input instead of generating one`,
  options: { email: { type: 'string' }, name: { type: 'string' }, locale: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  positionals: 0,
  async run(ctx, args) {
    const input = validate(
      personCreateSchema,
      { email: stringValue(args, 'email'), name: stringValue(args, 'name'), locale: stringValue(args, 'locale') },
      (path) => `--${path}`,
    );
    if (await findUserByEmail(ctx.db, input.email)) throw new CommandFailedError(`A person with e-mail ${input.email} already exists.`);
    const { password, generated } = await choosePassword(ctx, args);
    const hash = await hashPassword(password);
    const id = await ctx.db.transaction().execute((trx) => insertPerson(trx, ctx, input, hash)).catch(async (err: unknown) => {
      // Another create of the same address won the race: the unique email_key refused this one.
      if (await findUserByEmail(ctx.db, input.email)) throw new CommandFailedError(tty`A person with e-mail ${input.email} already exists.`);
      throw err;
    });
    const text = [tty`Created ${input.email} (${id}).`, ...(generated ? [oneTime(password)] : [])].join('\n');
    return { text, json: { id, email: input.email, name: input.name, locale: input.locale, ...(generated ? { password } : {}) } };
  },
};

const setPassword: AdminCommand = {
  name: 'person set-password',
  synopsis: 'EMAIL [--password-stdin]',
  summary: 'give a person a new password (generated, or from stdin); their sessions end',
  options: { 'password-stdin': { type: 'boolean' } },
  positionals: 1,
  async run(ctx, args) {
    const person = await existingPerson(ctx, args.positionals[0]);
    const { password, generated } = await choosePassword(ctx, args);
    const hash = await hashPassword(password);
    const ended = await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', person.id).execute();
      const count = await revokeUserSessions(trx, person.id, ctx.now);
      await auditAdmin(trx, ctx, 'person.password_set', { target: person.id, after: { sessionsEnded: count } });
      return count;
    });
    const text = [tty`New password set for ${person.email}; ${ended} session(s) ended.`, ...(generated ? [oneTime(password)] : [])].join('\n');
    return { text, json: { id: person.id, email: person.email, sessionsEnded: ended, ...(generated ? { password } : {}) } };
  },
};

const disable: AdminCommand = {
  name: 'person disable',
  synopsis: 'EMAIL',
  summary: 'stop a person from signing in; all their sessions end at once',
  positionals: 1,
  async run(ctx, args) {
    const person = await existingPerson(ctx, args.positionals[0]);
    const ended = await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ disabled_at: person.disabled_at ?? ctx.now.toISOString() }).where('id', '=', person.id).execute();
      const count = await revokeUserSessions(trx, person.id, ctx.now);
      await auditAdmin(trx, ctx, 'person.disabled', { target: person.id, before: { disabled: !!person.disabled_at }, after: { disabled: true, sessionsEnded: count } });
      return count;
    });
    return { text: tty`Disabled ${person.email}; ${ended} session(s) ended.`, json: { id: person.id, email: person.email, sessionsEnded: ended } };
  },
};

const enable: AdminCommand = {
  name: 'person enable',
  synopsis: 'EMAIL',
  summary: 'let a disabled person sign in again',
  positionals: 1,
  async run(ctx, args) {
    const person = await existingPerson(ctx, args.positionals[0]);
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ disabled_at: null }).where('id', '=', person.id).execute();
      await auditAdmin(trx, ctx, 'person.enabled', { target: person.id, before: { disabled: !!person.disabled_at }, after: { disabled: false } });
    });
    return { text: tty`Enabled ${person.email}.`, json: { id: person.id, email: person.email } };
  },
};

export const personCommands = [create, setPassword, disable, enable];
