// Proposals (issue 16 §2): a member submits a Billing page PATCH body, the holder approves (applied as a PATCH) or declines it.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { COLUMN_OF, flattenPatch } from '../accounts/account.mapper';
import { findAccount } from '../accounts/account.repository';
import { VIA_CHANGE_REQUEST, applyBillingPatch, loadBillingPage, planBillingPatch } from '../accounts/billing-page.service';
import { writeAudit } from '../audit/audit.repository';
import { billingDetailsOf, changesNothing, fileChangeRequestIn, asOpenCaseConflict } from '../change-requests/change-request.service';
import type { Database } from '../db/database';
import { isUniqueViolation } from '../db/unique-violation';
import { ApiError, invalid } from '../http/api-error';
import type { Principal } from '../http/env';
import { enqueueMail } from '../mail/outbox.repository';
import type { BillingPage, Role } from '../../shared/api-types';
import type { Proposal, ProposalChange, ProposalPage, ProposalStatus } from '../../shared/schemas/proposal.schema';
import { decodeProposalCursor, encodeProposalCursor } from './proposal.cursor';
import { caseDetailsFor, proposalApprovedMail, proposalDeclinedMail, proposalReceivedMail } from './proposal.mails';
import { changesOfDiff, toProposal } from './proposal.mapper';
import {
  findAccountProposal,
  findHolder,
  findProposalsPage,
  findUser,
  insertProposal,
  pendingSlotsOf,
  recentProposalTimes,
  resolveIfPending,
  setChangeRequest,
} from './proposal.repository';

/** A member holds at most `pending` proposals open per account, and makes at most `perDay` in 24 hours (each mails the holder). */
export const PROPOSAL_LIMITS = { pending: 3, perDay: 10 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;
const PENDING_SLOT = { index: 'proposals_pending_slot', columns: 'proposals.account_id, proposals.proposed_by, proposals.pending_slot' };

/** `{ 'contact.phone': v }` → `{ contact: { phone: v } }`: the PATCH body of a flat set of Billing page paths. */
function nestPatch(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flat)) {
    const keys = path.split('.');
    let node = out;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]] = value;
  }
  return out;
}

/** A PATCH's 400 names `contact.phone`; a proposal's body carries the PATCH under `changes`. */
function underChanges(err: unknown): unknown {
  if (!(err instanceof ApiError) || err.code !== 'invalid_request' || !err.errors) return err;
  return new ApiError('invalid_request', err.message, err.errors.map((e) => ({ ...e, path: `changes.${e.path}` })));
}

function alreadyResolved(status: ProposalStatus): ApiError {
  return new ApiError('already_resolved', `This proposal is already ${status}.`);
}

const PAGE_ORDER = Object.keys(COLUMN_OF);

/**
 * A member (not the holder: 409 `holder_edits_directly`) proposes a Billing page PATCH body. Validated
 * and normalized by the PATCH's own code: 400 naming `changes.<field>`; a body that changes nothing is
 * 400 on `changes`. At most PROPOSAL_LIMITS.pending pending per member (409 `proposal_limit_reached`,
 * held by a unique index on a pending slot, so parallel requests cannot pass it) and PROPOSAL_LIMITS.perDay
 * a day (429 with Retry-After). Audited as `proposal.submitted`; the holder is mailed in their language.
 */
export async function submitProposal(
  db: Kysely<Database>,
  principal: Principal,
  role: Role,
  accountId: string,
  input: { changes: object; note: string | null },
  now: Date,
): Promise<Proposal> {
  if (role === 'holder') throw new ApiError('holder_edits_directly', 'The account holder saves the Billing page directly.');
  // Each lost race means another request took a slot; after `pending` of those the read sees them all.
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute((trx) => submitIn(trx, principal, accountId, input, now));
    } catch (err) {
      if (!isUniqueViolation(err, PENDING_SLOT)) throw err;
      if (attempt >= PROPOSAL_LIMITS.pending) throw limitReached();
    }
  }
}

const limitReached = () =>
  new ApiError(
    'proposal_limit_reached',
    `You already have ${PROPOSAL_LIMITS.pending} pending proposals on this account; withdraw one or wait for the holder.`,
  );

async function submitIn(
  trx: Kysely<Database>,
  principal: Principal,
  accountId: string,
  input: { changes: object; note: string | null },
  now: Date,
): Promise<Proposal> {
  const row = await findAccount(trx, accountId);
  if (!row) throw new ApiError('not_found');
  let diff;
  try {
    diff = planBillingPatch(row, flattenPatch(input.changes));
  } catch (err) {
    throw underChanges(err);
  }
  if (Object.keys(diff.after).length === 0) throw invalid('changes', 'Change at least one value');
  const used = await pendingSlotsOf(trx, accountId, principal.user.id);
  const slot = [1, 2, 3].find((s) => !used.includes(s));
  if (slot === undefined || used.length >= PROPOSAL_LIMITS.pending) throw limitReached();
  const since = new Date(now.getTime() - DAY_MS).toISOString();
  const recent = await recentProposalTimes(trx, principal.user.id, since, PROPOSAL_LIMITS.perDay);
  if (recent.length >= PROPOSAL_LIMITS.perDay) {
    const wait = Math.max(1, Math.ceil((Date.parse(recent[recent.length - 1]) + DAY_MS - now.getTime()) / 1000));
    throw new ApiError('rate_limited', `Too many proposals; try again in ${wait} seconds.`, undefined, undefined, { 'Retry-After': String(wait) });
  }
  const changes = changesOfDiff(diff.before, diff.after, PAGE_ORDER);
  const id = randomUUID();
  await insertProposal(trx, {
    id,
    account_id: accountId,
    proposed_by: principal.user.id,
    status: 'pending',
    pending_slot: slot,
    patch: JSON.stringify(nestPatch(diff.after)),
    changes: JSON.stringify(changes),
    note: input.note,
    base_version: row.version,
    created_at: now.toISOString(),
    resolved_at: null,
    resolved_by: null,
    decline_reason: null,
    change_request_id: null,
  });
  await writeAudit(
    trx,
    { actorUserId: principal.user.id, actorLabel: principal.user.email, action: 'proposal.submitted', accountId, target: id, before: diff.before, after: diff.after },
    now,
  );
  const holder = await findHolder(trx, accountId);
  if (holder) {
    const mail = proposalReceivedMail(holder.locale, { companyName: row.company_name, proposerName: principal.user.name, changes, note: input.note });
    await enqueueMail(trx, { to: holder.email, ...mail }, now);
  }
  return toProposal((await findAccountProposal(trx, accountId, id))!);
}

/** The holder sees every proposal of the account, a member only their own; newest first, keyset-paged. */
export async function listProposals(
  db: Kysely<Database>,
  principal: Principal,
  role: Role,
  accountId: string,
  query: { status?: ProposalStatus; limit: number; cursor?: string },
): Promise<ProposalPage> {
  const rows = await findProposalsPage(db, {
    accountId,
    proposedBy: role === 'holder' ? undefined : principal.user.id,
    status: query.status,
    after: query.cursor ? decodeProposalCursor(query.cursor) : undefined,
    limit: query.limit + 1,
  });
  const items = rows.slice(0, query.limit).map(toProposal);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeProposalCursor({ createdAt: last.createdAt, id: last.id }) : null };
}

/** The row of a proposal of this account, or 404. */
async function proposalOf(db: Kysely<Database>, accountId: string, id: string) {
  const row = await findAccountProposal(db, accountId, id);
  if (!row) throw new ApiError('not_found');
  return row;
}

/** The 412 of an approval: the page as it is now, its ETag, and the proposal's changes, so the holder decides again. */
function staleApproval(page: BillingPage, changes: ProposalChange[]): ApiError {
  return new ApiError(
    'version_mismatch',
    'The Billing page was changed since you read it; decide again against the page in `current`.',
    undefined,
    { current: page, changes },
    { ETag: `"${page.version}"` },
  );
}

/** Billing details after the proposal's billing address, phone and e-mail paths (R6: what the case requests). */
function requestedDetails(current: ReturnType<typeof billingDetailsOf>, flat: Record<string, unknown>) {
  const address = { ...current.address };
  for (const [path, value] of Object.entries(flat)) {
    const m = /^billing\.address\.(\w+)$/.exec(path);
    if (m) (address as Record<string, unknown>)[m[1]] = value;
  }
  return {
    address,
    phone: (flat['billing.phone'] as string | undefined) ?? current.phone,
    email: (flat['billing.email'] as string | undefined) ?? current.email,
  };
}

/**
 * The holder approves a pending proposal against the page version they saw (`versionMatches`, If-Match:
 * 412 with the current page and the proposal's changes otherwise). Applied exactly as a PATCH by the
 * holder (same code, same 400s, audited `billing_page.updated`); on an invoice payer its billing
 * address, phone and e-mail go into a change request filed on the holder's behalf (R6; 409
 * `change_request_open` while one is open, R13: nothing is applied and the proposal stays pending).
 * Pending → approved at most once (409 `already_resolved`). Audited `proposal.approved`; the proposer is mailed.
 */
export async function approveProposal(
  db: Kysely<Database>,
  principal: Principal,
  accountId: string,
  id: string,
  versionMatches: (version: number) => boolean,
  now: Date,
): Promise<{ proposal: Proposal; page: BillingPage }> {
  try {
    return await db.transaction().execute(async (trx) => {
      const proposal = await proposalOf(trx, accountId, id);
      const changes = JSON.parse(proposal.changes) as ProposalChange[];
      if (proposal.status !== 'pending') throw alreadyResolved(proposal.status);
      const row = await findAccount(trx, accountId);
      if (!row) throw new ApiError('not_found');
      if (!versionMatches(row.version)) throw staleApproval(await loadBillingPage(trx, accountId, 'holder'), changes);
      // First, so a parallel approve (or withdraw) waits on this row and then finds it resolved.
      if (!(await resolveIfPending(trx, id, { status: 'approved', resolved_at: now.toISOString(), resolved_by: principal.user.id }))) {
        throw alreadyResolved((await findAccountProposal(trx, accountId, id))?.status ?? 'approved');
      }
      const flat = flattenPatch(JSON.parse(proposal.patch));
      const viaCase = row.payment_type === 'invoice' ? Object.keys(flat).filter((k) => VIA_CHANGE_REQUEST.test(k)) : [];
      const direct = Object.fromEntries(Object.entries(flat).filter(([k]) => !viaCase.includes(k)));
      let page: BillingPage | undefined;
      if (Object.keys(direct).length > 0) {
        try {
          page = await applyBillingPatch(trx, principal, accountId, versionMatches, nestPatch(direct), now);
        } catch (err) {
          if (err instanceof ApiError && err.code === 'version_mismatch') throw staleApproval(err.extra!.current as BillingPage, changes);
          throw err;
        }
      }
      let caseNumber: string | null = null;
      if (viaCase.length > 0) {
        const current = billingDetailsOf(row);
        const requested = requestedDetails(current, flat);
        if (!changesNothing(requested, current)) {
          const holder = await findUser(trx, principal.user.id);
          const filed = await fileChangeRequestIn(
            trx,
            principal,
            accountId,
            {
              contactEmail: principal.user.email,
              current,
              requested,
              details: caseDetailsFor(principal.user.locale, { proposerName: proposal.proposer_name, holderName: holder?.name ?? '', note: proposal.note }),
            },
            now,
          );
          await setChangeRequest(trx, id, filed.id);
          caseNumber = filed.caseNumber;
        }
      }
      const before = Object.fromEntries(changes.map((c) => [c.field, row[COLUMN_OF[c.field]] ?? null]));
      const after = Object.fromEntries(changes.map((c) => [c.field, c.after]));
      await writeAudit(
        trx,
        { actorUserId: principal.user.id, actorLabel: principal.user.email, action: 'proposal.approved', accountId, target: id, before, after: caseNumber ? { ...after, caseNumber } : after },
        now,
      );
      const proposer = await findUser(trx, proposal.proposed_by);
      if (proposer) {
        const mail = proposalApprovedMail(proposer.locale, { companyName: page?.contact.companyName ?? row.company_name, changes, caseNumber });
        await enqueueMail(trx, { to: proposer.email, ...mail }, now);
      }
      return {
        proposal: toProposal((await findAccountProposal(trx, accountId, id))!),
        page: page ?? (await loadBillingPage(trx, accountId, 'holder')),
      };
    });
  } catch (err) {
    throw await asOpenCaseConflict(db, accountId, err);
  }
}

/** The holder declines a pending proposal with a reason (409 `already_resolved` otherwise); audited, the proposer is mailed. */
export async function declineProposal(
  db: Kysely<Database>,
  principal: Principal,
  accountId: string,
  id: string,
  reason: string,
  now: Date,
): Promise<Proposal> {
  return db.transaction().execute(async (trx) => {
    const proposal = await proposalOf(trx, accountId, id);
    const resolved = await resolveIfPending(trx, id, { status: 'declined', resolved_at: now.toISOString(), resolved_by: principal.user.id, decline_reason: reason });
    if (!resolved) throw alreadyResolved((await findAccountProposal(trx, accountId, id))?.status ?? proposal.status);
    const changes = JSON.parse(proposal.changes) as ProposalChange[];
    await writeAudit(
      trx,
      {
        actorUserId: principal.user.id,
        actorLabel: principal.user.email,
        action: 'proposal.declined',
        accountId,
        target: id,
        before: Object.fromEntries(changes.map((c) => [c.field, c.before])),
        after: { ...Object.fromEntries(changes.map((c) => [c.field, c.after])), reason },
      },
      now,
    );
    const proposer = await findUser(trx, proposal.proposed_by);
    const account = await findAccount(trx, accountId);
    if (proposer) {
      const mail = proposalDeclinedMail(proposer.locale, { companyName: account?.company_name ?? '', changes, reason });
      await enqueueMail(trx, { to: proposer.email, ...mail }, now);
    }
    return toProposal((await findAccountProposal(trx, accountId, id))!);
  });
}

/**
 * The proposer takes back their pending proposal. Someone else's: 403 `not_proposer` for the holder
 * (who sees it), 404 for another member (who does not). 409 `already_resolved` once resolved. Audited; no mail.
 */
export async function withdrawProposal(
  db: Kysely<Database>,
  principal: Principal,
  role: Role,
  accountId: string,
  id: string,
  now: Date,
): Promise<Proposal> {
  return db.transaction().execute(async (trx) => {
    const proposal = await proposalOf(trx, accountId, id);
    if (proposal.proposed_by !== principal.user.id) {
      throw role === 'holder' ? new ApiError('not_proposer', 'Only the person who proposed this change may withdraw it; decline it instead.') : new ApiError('not_found');
    }
    const resolved = await resolveIfPending(trx, id, { status: 'withdrawn', resolved_at: now.toISOString(), resolved_by: principal.user.id });
    if (!resolved) throw alreadyResolved((await findAccountProposal(trx, accountId, id))?.status ?? proposal.status);
    const changes = JSON.parse(proposal.changes) as ProposalChange[];
    await writeAudit(
      trx,
      {
        actorUserId: principal.user.id,
        actorLabel: principal.user.email,
        action: 'proposal.withdrawn',
        accountId,
        target: id,
        before: Object.fromEntries(changes.map((c) => [c.field, c.before])),
        after: Object.fromEntries(changes.map((c) => [c.field, c.after])),
      },
      now,
    );
    return toProposal((await findAccountProposal(trx, accountId, id))!);
  });
}
