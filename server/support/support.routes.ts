// GET /support/change-requests and POST …/:crId/complete | reject — the support desk's queue (staff only).
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { completedChangeRequestSchema, rejectChangeRequestSchema, supportCaseSchema } from '../../shared/schemas/change-request.schema';
import { supportCaseViewSchema, supportQueuePageSchema, supportQueueQuerySchema } from '../../shared/schemas/support.schema';
import { idParam } from '../../shared/schemas/common.schema';
import { writeAudit } from '../audit/audit.repository';
import type { AppEnv } from '../http/env';
import { json, jsonBody, problems } from '../http/openapi';
import { guardedRoute } from '../http/policy';
import { supportQueuePage, viewSupportCase } from './support-cases.service';
import { completeChangeRequest, rejectChangeRequest } from './support.service';

/** A case's id or its case number (`CR-2026-00042`): staff quote either. */
const params = z.object({ crId: idParam });

export function supportRoutes(app: OpenAPIHono<AppEnv>) {
  return app
    .openapi(
      guardedRoute('support', {
        method: 'get',
        path: '/support/change-requests',
        summary: 'The change-request queue of one status (default open), oldest first, keyset-paged; q: case number prefix or company',
        description:
          'Each case says whether it is `late` (open after its `expectedBy`). `nextCursor` is null on the last page; ' +
          '`q` matches a case number prefix (`CR-2026-0004`) or part of the company name (case-insensitive, by identity key).',
        request: { query: supportQueueQuerySchema },
        responses: {
          200: json(supportQueuePageSchema, 'One page of cases'),
          ...problems('invalid_request', 'unauthenticated', 'not_support_staff'),
        },
      }),
      async (c) => {
        const { db, now } = c.var.deps;
        const query = c.req.valid('query');
        const page = await supportQueuePage(db, query, now());
        // The queue shows each case's contact and details: every page a staff member reads is audited, like a case view.
        const { user } = c.var.principal;
        await writeAudit(
          db,
          { actorUserId: user.id, actorLabel: user.email, action: 'support.queue.viewed', target: query.status ?? 'open', after: { q: query.q ?? null, cases: page.items.map((i) => i.caseNumber) } },
          now(),
        );
        return c.json(page, 200);
      },
    )
    .openapi(
      guardedRoute('support', {
        method: 'get',
        path: '/support/change-requests/{crId}',
        summary: "One change request, by id or case number, beside the account's billing details now (R7, R8)",
        description:
          "`accountNow` is read from the account at this request (never from the case); `appliesFrom` is the invoice a " +
          'completion now would first show on (R8); `resolvedBy` the e-mail of whoever resolved it. Every view is audited ' +
          '(`support.case.viewed`).',
        request: { params },
        responses: {
          200: json(supportCaseViewSchema, 'The case and the account now'),
          ...problems('invalid_request', 'unauthenticated', 'not_support_staff', 'not_found'),
        },
      }),
      async (c) => {
        const { deps, principal } = c.var;
        return c.json(await viewSupportCase(deps.db, principal.user, c.req.valid('param').crId, deps.now()), 200);
      },
    )
    .openapi(
      guardedRoute('support', {
        method: 'post',
        path: '/support/change-requests/{crId}/complete',
        summary: 'Complete a case: apply the requested billing details and e-mail the contact (R7, R8)',
        request: { params },
        responses: {
          200: json(completedChangeRequestSchema, 'The completed case and the invoice it first shows on'),
          ...problems('invalid_request', 'unauthenticated', 'not_support_staff', 'not_found', 'already_resolved', 'version_mismatch'),
        },
      }),
      async (c) => {
        const { deps, principal } = c.var;
        return c.json(await completeChangeRequest(deps.db, principal.user, c.req.valid('param').crId, deps.now()), 200);
      },
    )
    .openapi(
      guardedRoute('support', {
        method: 'post',
        path: '/support/change-requests/{crId}/reject',
        summary: 'Reject a case with a reason and e-mail the contact',
        request: { params, body: jsonBody(rejectChangeRequestSchema) },
        responses: {
          200: json(supportCaseSchema, 'The rejected case'),
          ...problems('invalid_request', 'unauthenticated', 'not_support_staff', 'not_found', 'already_resolved', 'unsupported_media_type'),
        },
      }),
      async (c) => {
        const { deps, principal } = c.var;
        const { reason } = c.req.valid('json');
        return c.json(await rejectChangeRequest(deps.db, principal.user, c.req.valid('param').crId, reason, deps.now()), 200);
      },
    );
}
