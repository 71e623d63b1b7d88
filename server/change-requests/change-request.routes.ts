// POST and GET /accounts/:id/change-requests — the holder of an invoice-paying account asks for a billing change and follows it.
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
import { fileChangeRequest, getAccountChangeRequest, listAccountChangeRequests } from './change-request.service';

const params = z.object({ id: idParam });

export function changeRequestRoutes(app: OpenAPIHono<AppEnv>) {
  return app
    .openapi(
      guardedRoute('holder', {
        method: 'post',
        path: '/accounts/{id}/change-requests',
        summary: 'File a change of billing address, phone and e-mail (invoice payers; R6)',
        request: { params, body: jsonBody(changeRequestCreateSchema) },
        responses: {
          201: json(changeRequestSchema, 'The open case with its number and expected completion window'),
          ...problems(
            'invalid_request',
            'unauthenticated',
            'not_account_holder',
            'not_found',
            'not_invoice_payer',
            'unsupported_media_type',
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
          ...problems('unauthenticated', 'not_account_holder', 'not_found'),
        },
      }),
      async (c) => {
        const { id, crId } = c.req.valid('param');
        return c.json(await getAccountChangeRequest(c.var.deps.db, id, crId), 200);
      },
    );
}
