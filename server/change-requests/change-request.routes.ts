// POST and GET /accounts/:id/change-requests, POST …/:crId/withdraw — the holder of an invoice-paying account asks for a billing change, follows it, takes it back.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  changeRequestCreateSchema,
  changeRequestListSchema,
  changeRequestSchema,
} from '../../shared/schemas/change-request.schema';
import { idParam } from '../../shared/schemas/common.schema';
import type { AppEnv } from '../http/env';
import { json, jsonBody, problems } from '../http/openapi';
import { guardedRoute } from '../http/policy';
import {
  fileChangeRequest,
  getAccountChangeRequest,
  listAccountChangeRequests,
  withdrawChangeRequest,
} from './change-request.service';

const params = z.object({ id: idParam });

export function changeRequestRoutes(app: OpenAPIHono<AppEnv>) {
  return app
    .openapi(
      guardedRoute('holder', {
        method: 'post',
        path: '/accounts/{id}/change-requests',
        summary: 'File a change of billing address, phone and e-mail (invoice payers; R6, R13: one open case per account)',
        request: { params, body: jsonBody(changeRequestCreateSchema) },
        responses: {
          201: json(changeRequestSchema, 'The open case with its number, expected completion window and the account at filing'),
          ...problems(
            'invalid_request',
            'unauthenticated',
            'not_account_holder',
            'not_found',
            'not_invoice_payer',
            'change_request_open',
            'unsupported_media_type',
            'rate_limited',
          ),
        },
      }),
      async (c) => {
        const { deps, principal } = c.var;
        const created = await fileChangeRequest(deps.db, principal, c.req.valid('param').id, c.req.valid('json'), deps.now());
        return c.json(created, 201);
      },
    )
    .openapi(
      guardedRoute('holder', {
        method: 'get',
        path: '/accounts/{id}/change-requests',
        summary: "The account's change requests, newest first",
        request: { params },
        responses: {
          200: json(changeRequestListSchema, 'The cases and their status'),
          ...problems('unauthenticated', 'not_account_holder', 'not_found'),
        },
      }),
      async (c) => c.json({ items: await listAccountChangeRequests(c.var.deps.db, c.req.valid('param').id) }, 200),
    )
    .openapi(
      guardedRoute('holder', {
        method: 'get',
        path: '/accounts/{id}/change-requests/{crId}',
        summary: 'One change request of the account',
        request: { params: params.extend({ crId: idParam }) },
        responses: {
          200: json(changeRequestSchema, 'The case'),
          ...problems('invalid_request', 'unauthenticated', 'not_account_holder', 'not_found'),
        },
      }),
      async (c) => {
        const { id, crId } = c.req.valid('param');
        return c.json(await getAccountChangeRequest(c.var.deps.db, id, crId), 200);
      },
    )
    .openapi(
      guardedRoute('holder', {
        method: 'post',
        path: '/accounts/{id}/change-requests/{crId}/withdraw',
        summary: 'Withdraw an open change request and e-mail its contact (R13)',
        request: { params: params.extend({ crId: idParam }) },
        responses: {
          200: json(changeRequestSchema, 'The case, now withdrawn'),
          ...problems('invalid_request', 'unauthenticated', 'not_account_holder', 'not_found', 'already_resolved'),
        },
      }),
      async (c) => {
        const { deps, principal } = c.var;
        const { id, crId } = c.req.valid('param');
        return c.json(await withdrawChangeRequest(deps.db, principal, id, crId, deps.now()), 200);
      },
    );
}
