// GET and PATCH /accounts/:id/billing — the Billing page, read by members and saved by the holder.
import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { billingPagePatchSchema, billingPageSchema } from '../../shared/schemas/billing.schema';
import { idParam } from '../../shared/schemas/common.schema';
import { answerJson } from '../http/answer';
import type { AppEnv } from '../http/env';
import { ifMatchHeaders, ifMatchHolds, parseIfMatch, versionTag } from '../http/conditional-request';
import { ETAG_HEADER, json, jsonBody, problems } from '../http/openapi';
import { guardedRoute } from '../http/policy';
import { loadBillingPage, saveBillingPage } from './billing-page.service';

const params = z.object({ id: idParam });

export function billingRoutes(app: OpenAPIHono<AppEnv>) {
  return app
    .openapi(
      guardedRoute('member', {
        method: 'get',
        path: '/accounts/{id}/billing',
        summary: 'The Billing page; members get it read-only with the card masked',
        request: { params },
        responses: {
          200: json(billingPageSchema, 'The Billing page (ETag: its version)', ETAG_HEADER),
          ...problems('unauthenticated', 'not_found'),
        },
      }),
      async (c) => {
        const page = await loadBillingPage(c.get('deps').db, c.req.valid('param').id, c.get('role'));
        return answerJson(c, page, 200, { ETag: versionTag(page.version) });
      },
    )
    .openapi(
      guardedRoute('holder', {
        method: 'patch',
        path: '/accounts/{id}/billing',
        summary: 'Save any subset of Contact and Billing Information (If-Match required: `*` or the ETag seen, strong comparison)',
        request: {
          params,
          headers: ifMatchHeaders,
          body: jsonBody(billingPagePatchSchema),
        },
        responses: {
          200: json(billingPageSchema, 'The saved page with its new ETag', ETAG_HEADER),
          ...problems(
            'invalid_request',
            'unauthenticated',
            'not_account_holder',
            'not_found',
            'change_request_required',
            'version_mismatch',
            'unsupported_media_type',
            'precondition_required',
          ),
        },
      }),
      async (c) => {
        const { deps, principal } = c.var;
        const condition = parseIfMatch(c.req.header('if-match'));
        const page = await saveBillingPage(
          deps.db,
          principal,
          c.req.valid('param').id,
          (version) => ifMatchHolds(condition, versionTag(version)),
          c.req.valid('json'),
          deps.now(),
        );
        c.header('ETag', versionTag(page.version));
        return c.json(page, 200);
      },
    );
}
