// GET /health: 200 when the database answers, 503 when it does not.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppEnv } from '../http/env';
import { json, problems } from '../http/openapi';
import { guardedRoute } from '../http/policy';
import { ApiError } from '../http/api-error';
import { RETRY_AFTER_SECONDS } from '../db/connection-errors';

export function healthRoutes(app: OpenAPIHono<AppEnv>) {
  return app.openapi(
    guardedRoute('public', {
      method: 'get',
      path: '/health',
      summary: 'Liveness and database reachability',
      responses: {
        200: json(z.object({ status: z.literal('ok') }), 'The API and its database answer'),
        ...problems('service_unavailable'),
      },
    }),
    async (c) => {
      try {
        await sql`select 1`.execute(c.var.deps.db);
      } catch {
        // A broken connection is dropped from the pool on failure, so the next probe opens a fresh one.
        throw new ApiError('service_unavailable', 'The database does not answer.', undefined, undefined, {
          'Retry-After': String(RETRY_AFTER_SECONDS),
        });
      }
      return c.json({ status: 'ok' as const }, 200);
    },
  );
}
