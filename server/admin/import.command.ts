// `import FILE.json`: people, accounts, memberships and subscriptions in one transaction — all or nothing.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { z } from 'zod';
import type { FieldError } from '../../shared/errors';
import { emailKey, identityKey } from '../../shared/identity-key';
import { type ImportFile, importAccountSchema, importFileSchema, memberInputSchema, personCreateSchema } from '../../shared/schemas/admin.schema';
import { hashPassword } from '../auth/password';
import { passwordProblem } from '../auth/password-policy';
import type { AccountsTable } from '../db/database';
import { zodFieldErrors } from '../http/problem';
import { type AdminCommand, type CommandContext, CommandFailedError, InvalidInputError, PARSE_OPTIONS } from './admin-command';
import { accountRow, auditAdmin, insertAccount, insertPerson, insertSubscription, putMembership } from './admin.repository';
import { findUserByEmail } from '../users/user.repository';
import { generatePassword } from './person.commands';
import { tty } from '../terminal/terminal-text';
import { unprintableFieldErrors } from '../documents/printable';

type Person = ImportFile['people'][number];
type Account = ImportFile['accounts'][number];

/** The file's entries, each parsed on its own so one bad entry does not hide the others' problems. */
interface ParsedFile {
  errors: FieldError[];
  /** undefined where the entry itself is invalid (its errors are in `errors`). */
  people: (Person | undefined)[];
  accounts: (Account | undefined)[];
  /** Each account's members, parsed on their own: checked even when another field of the account is wrong. */
  members: (Account['members'] | undefined)[];
  /** The identity key of every e-mail the file names in `people`, valid or not, so members are not reported unknown twice. */
  emails: Set<string>;
}

async function readImportFile(file: string): Promise<ParsedFile> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new CommandFailedError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InvalidInputError([{ path: '', message: `Not JSON: ${(err as Error).message}` }]);
  }
  const whole = importFileSchema.safeParse(data, PARSE_OPTIONS);
  const raw = (data ?? {}) as { people?: unknown; accounts?: unknown };
  const each = <S extends z.ZodType>(list: unknown, schema: S) =>
    Array.isArray(list) ? list.map((item) => { const r = schema.safeParse(item, PARSE_OPTIONS); return r.success ? (r.data as z.output<S>) : undefined; }) : [];
  const people = whole.success ? whole.data.people : each(raw.people, personCreateSchema);
  const emails = new Set(
    (Array.isArray(raw.people) ? raw.people : []).map((p) => emailKey(String((p as { email?: unknown })?.email ?? ''))),
  );
  const accounts = whole.success ? whole.data.accounts : each(raw.accounts, importAccountSchema);
  const rawAccounts = Array.isArray(raw.accounts) ? raw.accounts : [];
  const members = rawAccounts.map((a, i) => accounts[i]?.members ?? each([(a as { members?: unknown })?.members ?? []], z.array(memberInputSchema))[0]);
  return { errors: whole.success ? [] : zodFieldErrors(whole.error), people, accounts, members, emails };
}

/** Everything the schema cannot see: duplicates, unknown people, the one holder, phones, passwords. */
async function checkFile(ctx: CommandContext, file: ParsedFile): Promise<{ errors: FieldError[]; rows: AccountsTable[] }> {
  const errors = [...file.errors];
  const firstSeen = new Map<string, number>();
  for (const [i, person] of file.people.entries()) {
    if (!person) continue;
    const key = emailKey(person.email);
    const path = `people.${i}.email`;
    if (firstSeen.has(key)) errors.push({ path, message: `Appears twice in this file (also people.${firstSeen.get(key)})` });
    else firstSeen.set(key, i);
    if (await findUserByEmail(ctx.db, person.email)) errors.push({ path, message: 'A person with this e-mail already exists' });
    const problem = person.password === undefined ? undefined : passwordProblem(person.password);
    if (problem) errors.push({ path: `people.${i}.password`, message: problem });
  }
  const companies = new Map<string, number>();
  // Company names are not unique in the database (two customers may share one), so there is no key
  // column to look up: the existing names are read once and compared by the same identity key in JS.
  const existingCompanies = new Map<string, string>();
  for (const a of await ctx.db.selectFrom('accounts').select(['id', 'company_name']).orderBy('created_at').orderBy('id').execute()) {
    if (!existingCompanies.has(identityKey(a.company_name))) existingCompanies.set(identityKey(a.company_name), a.id);
  }
  const rows: AccountsTable[] = [];
  for (const [i, account] of file.accounts.entries()) {
    if (!account) continue;
    const { row, errors: phoneErrors } = accountRow(account, randomUUID(), ctx.now);
    rows.push(row);
    errors.push(...phoneErrors.map((e) => ({ ...e, path: `accounts.${i}.${e.path}` })));
    // Each product is an invoice line's description (accountRow checks the bill-to fields).
    errors.push(...unprintableFieldErrors(Object.fromEntries(account.subscriptions.map((s, j) => [`accounts.${i}.subscriptions.${j}.product`, s.product]))));
    const company = identityKey(account.companyName);
    // A second run of the same file must not double every account.
    const existing = existingCompanies.get(company);
    if (existing) errors.push({ path: `accounts.${i}.companyName`, message: `An account with this name already exists (${existing})` });
    if (companies.has(company)) errors.push({ path: `accounts.${i}.companyName`, message: `Appears twice in this file (also accounts.${companies.get(company)})` });
    else companies.set(company, i);
  }
  for (const [i, members] of file.members.entries()) {
    if (!members) continue;
    const holders = members.filter((m) => m.role === 'holder').length;
    if (holders !== 1) errors.push({ path: `accounts.${i}.members`, message: `Exactly one member must be the holder (found ${holders})` });
    const seen = new Set<string>();
    for (const [j, member] of members.entries()) {
      const key = emailKey(member.email);
      const path = `accounts.${i}.members.${j}.email`;
      if (seen.has(key)) errors.push({ path, message: 'This person is listed twice in this account' });
      seen.add(key);
      if (!file.emails.has(key) && !(await findUserByEmail(ctx.db, member.email))) errors.push({ path, message: 'No such person in this file or in the database' });
    }
  }
  return { errors, rows };
}

export const importCommand: AdminCommand = {
  name: 'import',
  synopsis: 'FILE.json',
  summary: 'create people, accounts, memberships and subscriptions from a file, all or nothing (see docs/import-example.json)',
  details: `  The file: {"people": [{email, name, locale?, staff?, password?}],
             "accounts": [{companyName, currency, taxRateBp?, paymentMethod, contact, billing?, members: [{email, role}], subscriptions: [{product, seats, unitPrice, interval, startDate}]}]}
  A person without "password" gets a one-time password, printed once. Every error is listed; nothing is written unless all is valid.`,
  positionals: 1,
  async run(ctx, args) {
    const parsed = await readImportFile(args.positionals[0]);
    const { errors, rows } = await checkFile(ctx, parsed);
    if (errors.length) throw new InvalidInputError(errors);
    const file = { people: parsed.people as Person[], accounts: parsed.accounts as Account[] };
    // Hashing is deliberately slow: done before the transaction, so it stays short.
    const people: { person: Person; password: string; generated: boolean; hash: string }[] = [];
    for (const person of file.people) {
      const password = person.password ?? generatePassword();
      people.push({ person, password, generated: person.password === undefined, hash: await hashPassword(password) });
    }
    const created = await ctx.db.transaction().execute(async (trx) => {
      const ids = new Map<string, string>();
      for (const p of people) ids.set(emailKey(p.person.email), await insertPerson(trx, ctx, p.person, p.hash));
      let subscriptions = 0;
      for (const [i, account] of file.accounts.entries()) {
        await insertAccount(trx, ctx, rows[i]);
        // The holder first: it is the only one, so nobody is demoted.
        for (const member of [...account.members].sort((a, b) => (a.role === 'holder' ? -1 : b.role === 'holder' ? 1 : 0))) {
          const userId = ids.get(emailKey(member.email)) ?? (await findUserByEmail(trx, member.email))!.id;
          await putMembership(trx, ctx, rows[i].id, userId, member.role);
        }
        for (const subscription of account.subscriptions) {
          await insertSubscription(trx, ctx, rows[i].id, rows[i].currency, subscription);
          subscriptions++;
        }
      }
      const counts = { people: people.length, accounts: rows.length, subscriptions };
      await auditAdmin(trx, ctx, 'import.completed', { after: { file: args.positionals[0], ...counts } });
      return { ids, counts };
    });
    const generated = people.filter((p) => p.generated);
    const text = [
      `Imported ${created.counts.people} people, ${created.counts.accounts} accounts, ${created.counts.subscriptions} subscriptions.`,
      ...rows.map((r) => tty`  account ${r.id}  ${r.company_name}`),
      ...(generated.length ? ['One-time passwords (shown only now; hand each over safely):'] : []),
      ...generated.map((p) => tty`  ${p.person.email}  ${p.password}`),
    ].join('\n');
    return {
      text,
      json: {
        counts: created.counts,
        accounts: rows.map((r) => ({ id: r.id, companyName: r.company_name })),
        people: people.map((p) => ({ id: created.ids.get(emailKey(p.person.email)), email: p.person.email, ...(p.generated ? { password: p.password } : {}) })),
      },
    };
  },
};
