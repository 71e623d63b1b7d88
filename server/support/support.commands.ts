// `npm run support -- list|show|complete|reject`: staff work the change-request queue from a terminal, through the same service as the API.
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { ApiError } from '../http/api-error';
import { findUserByEmail } from '../users/user.repository';
import {
  type BillingDetails,
  type SupportCase,
  rejectChangeRequestSchema,
} from '../../shared/schemas/change-request.schema';
import { forbiddenArgument } from '../terminal/arguments';
import { terminalLines, tty } from '../terminal/terminal-text';
import { FORBIDDEN_CHARACTER_MESSAGE } from '../../shared/fields';
import { type SupportCaseView, supportQueueQuerySchema } from '../../shared/schemas/support.schema';
import { supportQueuePage, viewSupportCase } from './support-cases.service';
import { completeChangeRequest, rejectChangeRequest, type StaffMember } from './support.service';

export const SUPPORT_USAGE = `Usage: npm run support -- <command>
  list [--status open|completed|rejected|withdrawn] [--search TEXT]
                                                 the queue, oldest first (default: open); TEXT: case number prefix or company
  show CASE --staff EMAIL                        one case (case number or id) beside the account now; audited
  complete CASE --staff EMAIL                    apply the requested billing details, e-mail the contact
  reject CASE --staff EMAIL --reason TEXT        reject with a reason, e-mail the contact`;

interface Output {
  write(text: string): unknown;
}

class UsageError extends Error {}

const details = (d: BillingDetails) => {
  const a = d.address;
  const address = [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean);
  return tty`${address.join(', ')}; ${d.phone}; ${d.email}`;
};

const summaryLine = (c: SupportCase & { late?: boolean }) =>
  tty`${c.caseNumber}  ${c.status.padEnd(9)}  filed ${c.createdAt.slice(0, 10)}  expected ${c.expectedFrom}..${c.expectedBy}${c.late ? ' LATE' : ''}  ${c.companyName}`;

/** A multi-line field under its label: its own line feeds kept and indented, so it cannot pose as another field. */
const block = (text: string) => terminalLines(text).replace(/\n/g, '\n             ');

function describe(c: SupportCase & Partial<Pick<SupportCaseView, 'accountNow' | 'late' | 'resolvedBy'>>): string {
  return [
    summaryLine(c),
    tty`  id         ${c.id}`,
    tty`  contact    ${c.contactEmail}`,
    ...(c.accountNow ? [`  account    ${details(c.accountNow)}`] : []),
    `  current    ${details(c.current)}`,
    ...(c.accountAtFiling ? [`  on file    ${details(c.accountAtFiling)}`] : []),
    `  requested  ${details(c.requested)}`,
    `  details    ${block(c.details)}`,
    ...(c.resolvedAt ? [tty`  resolved   ${c.resolvedAt}${c.resolvedBy ? ` by ${c.resolvedBy}` : ''}`] : []),
    ...(c.rejectReason ? [`  reason     ${block(c.rejectReason)}`] : []),
  ].join('\n');
}

async function staffMember(db: Kysely<Database>, email: string | undefined): Promise<StaffMember> {
  if (!email) throw new UsageError('Say who you are: --staff EMAIL.');
  const user = await findUserByEmail(db, email);
  if (!user || user.is_support !== 1 || user.disabled_at) throw new UsageError(`${email} is not a support staff member.`);
  return { id: user.id, email: user.email };
}

/** Runs one support command; returns the exit code (0 done, 1 refused, 2 usage). */
export async function runSupportCommand(
  db: Kysely<Database>,
  args: string[],
  rawOut: Output,
  now: () => Date = () => new Date(),
): Promise<number> {
  // Everything printed may carry stored or typed text: no control byte reaches the terminal raw (CWE-150).
  const out: Output = { write: (text) => rawOut.write(terminalLines(text)) };
  let caseRef: string | undefined;
  try {
    const { positionals, values } = parseArgs({
      args,
      options: { status: { type: 'string' }, search: { type: 'string' }, staff: { type: 'string' }, reason: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
    const hostile = forbiddenArgument(values, positionals, new Set(['reason']));
    if (hostile) throw new UsageError(`${hostile}: ${FORBIDDEN_CHARACTER_MESSAGE}.`);
    const command = positionals[0];
    caseRef = positionals[1];
    if (values.help || command === 'help') {
      out.write(`${SUPPORT_USAGE}\n`);
      return 0;
    }
    const needCase = () => {
      if (!caseRef) throw new UsageError(`Say which case: ${command} CASE.`);
      return caseRef;
    };
    switch (command) {
      case 'list': {
        // The API's query schema: one rule for what a status and a search may be.
        const query = supportQueueQuerySchema.safeParse({ status: values.status ?? 'open', q: values.search, limit: '100' });
        if (!query.success) {
          const issue = query.error.issues[0];
          throw new UsageError(issue.path[0] === 'status' ? '--status must be open, completed, rejected or withdrawn.' : `--search: ${issue.message}.`);
        }
        // The same keyset pages as the desk's queue, read to the end.
        const cases = [];
        let cursor: string | undefined;
        do {
          const page = await supportQueuePage(db, { ...query.data, cursor }, now());
          cases.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        out.write(cases.length ? `${cases.map(summaryLine).join('\n')}\n` : `No ${query.data.status} cases.\n`);
        return 0;
      }
      case 'show': {
        // Every view of a case is audited with who looked (the desk's rule too).
        const staff = await staffMember(db, values.staff);
        out.write(`${describe(await viewSupportCase(db, staff, needCase(), now()))}\n`);
        return 0;
      }
      case 'complete': {
        const staff = await staffMember(db, values.staff);
        const done = await completeChangeRequest(db, staff, needCase(), now());
        const { beforeNextBillingDate, nextBillingDate } = done.appliesFrom;
        const invoice = beforeNextBillingDate
          ? `the next invoice${nextBillingDate ? ` (${nextBillingDate})` : ''}`
          : `the invoice after the next one${nextBillingDate ? ` (after ${nextBillingDate})` : ''}`;
        out.write(`${describe(done)}\nCompleted; the new billing details first show on ${invoice}. The contact is e-mailed.\n`);
        return 0;
      }
      case 'reject': {
        const staff = await staffMember(db, values.staff);
        // The same rule as the API's body: one source of truth for what a reason may be.
        const parsed = rejectChangeRequestSchema.safeParse({ reason: values.reason ?? '' });
        if (!parsed.success) throw new UsageError(`--reason: ${parsed.error.issues[0].message}.`);
        out.write(`${describe(await rejectChangeRequest(db, staff, needCase(), parsed.data.reason, now()))}\nRejected. The contact is e-mailed.\n`);
        return 0;
      }
      default:
        throw new UsageError(command ? `Unknown command "${command}".` : 'Say what to do.');
    }
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      out.write(`${err.message}\n${SUPPORT_USAGE}\n`);
      return 2;
    }
    if (err instanceof ApiError) {
      out.write(`${err.code === 'not_found' ? `No case "${caseRef}".` : err.message}\n`);
      return 1;
    }
    throw err;
  }
}
