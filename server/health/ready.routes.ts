// GET /ready: 200 when this process should get traffic; 503 while it starts, once it stops, or while its database is unreachable.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { z } from 'zod';
import { RETRY_AFTER_SECONDS } from '../db/connection-errors';
import { ApiError } from '../http/api-error';
import type { AppEnv } from '../http/env';
import { json, problems } from '../http/openapi';
import { guardedRoute } from '../http/policy';

/**
 * Readiness for a load balancer or orchestrator (docs/deployment.md). GET /health stays liveness: it
 * says the process answers; this says whether to send it requests. 503 problem+json with Retry-After
 * (RFC 9110 §10.2.3) during start-up, from SIGTERM on, and while `select 1` fails.
 */
export function readyRoutes(app: OpenAPIHono<AppEnv>) {
  return app.openapi(
    guardedRoute('public', {
      method: 'get',
      path: '/ready',
      summary: 'Readiness: whether this instance should be sent traffic',
      responses: {
        200: json(z.object({ status: z.literal('ready') }), 'Started, not stopping, and the database answers'),
        ...problems('service_unavailable'),
      },
    }),
    async (c) => {
      const { db, readiness } = c.var.deps;
      const retry = { 'Retry-After': String(RETRY_AFTER_SECONDS) };
      const state = readiness?.state ?? 'ready';
      if (state !== 'ready') {
        throw new ApiError('service_unavailable', state === 'starting' ? 'The server is starting.' : 'The server is shutting down.', undefined, undefined, retry);
      }
      try {
        await sql`select 1`.execute(db);
      } catch {
        throw new ApiError('service_unavailable', 'The database does not answer.', undefined, undefined, retry);
      }
      return c.json({ status: 'ready' as const }, 200);
    },
  );
}
