// /accounts/:id/proposals — members propose Billing page changes; the holder approves or declines; the proposer withdraws (issue 16 §2).
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { idParam } from '../../shared/schemas/common.schema';
import {
  proposalApprovedSchema,
  proposalCreateSchema,
  proposalDeclineSchema,
  proposalPageSchema,
  proposalQuerySchema,
  proposalSchema,
} from '../../shared/schemas/proposal.schema';
import { ifMatchHeaders, ifMatchHolds, parseIfMatch, versionTag } from '../http/conditional-request';
import type { AppEnv } from '../http/env';
import { ETAG_HEADER, json, jsonBody, problems } from '../http/openapi';
import { guardedRoute } from '../http/policy';
import { approveProposal, declineProposal, listProposals, submitProposal, withdrawProposal } from './proposal.service';

const params = z.object({ id: idParam });
const one = params.extend({ pid: idParam });

export function proposalRoutes(app: OpenAPIHono<AppEnv>) {
  return app
    .openapi(
      guardedRoute('member', {
        method: 'post',
        path: '/accounts/{id}/proposals',
        summary: 'A member who is not the holder proposes a Billing page change (the PATCH body) with an optional note',
        request: { params, body: jsonBody(proposalCreateSchema) },
        responses: {
          201: json(proposalSchema, 'The pending proposal; the holder is mailed'),
          ...problems('invalid_request', 'unauthenticated', 'not_found', 'holder_edits_directly', 'proposal_limit_reached', 'unsupported_media_type', 'rate_limited'),
        },
      }),
      async (c) => {
        const { deps, principal, role } = c.var;
        const created = await submitProposal(deps.db, principal, role, c.req.valid('param').id, c.req.valid('json'), deps.now());
        return c.json(created, 201);
      },
    )
    .openapi(
      guardedRoute('member', {
        method: 'get',
        path: '/accounts/{id}/proposals',
        summary: "The account's proposals, newest first: every one for the holder, a member's own for a member",
        request: { params, query: proposalQuerySchema },
        responses: {
          200: json(proposalPageSchema, 'A page of proposals; `nextCursor` is null on the last'),
          ...problems('invalid_request', 'unauthenticated', 'not_found'),
        },
      }),
      async (c) => {
        const { deps, principal, role } = c.var;
        return c.json(await listProposals(deps.db, principal, role, c.req.valid('param').id, c.req.valid('query')), 200);
      },
    )
    .openapi(
      guardedRoute('holder', {
        method: 'post',
        path: '/accounts/{id}/proposals/{pid}/approve',
        summary: 'Approve a pending proposal: applied as a PATCH by the holder (If-Match: the Billing page ETag seen)',
        request: { params: one, headers: ifMatchHeaders },
        responses: {
          200: json(proposalApprovedSchema, 'The approved proposal and the Billing page after it, with its ETag', ETAG_HEADER),
          ...problems(
            'invalid_request',
            'unauthenticated',
            'not_account_holder',
            'not_found',
            'already_resolved',
            'change_request_open',
            'version_mismatch',
            'precondition_required',
            'rate_limited',
          ),
        },
      }),
      async (c) => {
        const { deps, principal } = c.var;
        const { id, pid } = c.req.valid('param');
        const condition = parseIfMatch(c.req.header('if-match'));
        const result = await approveProposal(deps.db, principal, id, pid, (v) => ifMatchHolds(condition, versionTag(v)), deps.now());
        c.header('ETag', versionTag(result.page.version));
        return c.json(result, 200);
      },
    )
    .openapi(
      guardedRoute('holder', {
        method: 'post',
        path: '/accounts/{id}/proposals/{pid}/decline',
        summary: 'Decline a pending proposal with a reason; the proposer is mailed',
        request: { params: one, body: jsonBody(proposalDeclineSchema) },
        responses: {
          200: json(proposalSchema, 'The proposal, now declined'),
          ...problems('invalid_request', 'unauthenticated', 'not_account_holder', 'not_found', 'already_resolved', 'unsupported_media_type'),
        },
      }),
      async (c) => {
        const { deps, principal } = c.var;
        const { id, pid } = c.req.valid('param');
        return c.json(await declineProposal(deps.db, principal, id, pid, c.req.valid('json').reason, deps.now()), 200);
      },
    )
    .openapi(
      guardedRoute('member', {
        method: 'post',
        path: '/accounts/{id}/proposals/{pid}/withdraw',
        summary: 'The proposer withdraws their pending proposal',
        request: { params: one },
        responses: {
          200: json(proposalSchema, 'The proposal, now withdrawn'),
          ...problems('invalid_request', 'unauthenticated', 'not_found', 'not_proposer', 'already_resolved'),
        },
      }),
      async (c) => {
        const { deps, principal, role } = c.var;
        const { id, pid } = c.req.valid('param');
        return c.json(await withdrawProposal(deps.db, principal, role, id, pid, deps.now()), 200);
      },
    );
}
