// GET /health: 200 when the database answers, 503 when it does not.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppEnv } from '../http/env';
import { json, problems } from '../http/openapi';
import { guardedRoute } from '../http/policy';
import { ApiError } from '../http/api-error';

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
        throw new ApiError('service_unavailable', 'The database does not answer.');
      }
      return c.json({ status: 'ok' as const }, 200);
    },
  );
}
