// createApp(deps): the HTTP API — shared middleware, one sub-app per feature under /api/v1, errors as problem+json.
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { billingRoutes } from './accounts/billing.routes';
import { authRoutes } from './auth/auth.routes';
import { healthRoutes } from './health/health.routes';
import { invoiceSupportRoutes } from './invoices/invoice-support.routes';
import { invoiceRoutes } from './invoices/invoice.routes';
import { subscriptionRoutes } from './subscriptions/subscription.routes';
import { ApiError } from './http/api-error';
import type { AppEnv, Deps } from './http/env';
import { allowedMethods } from './http/method-not-allowed';
import { problemResponse, toApiError, zodFieldErrors } from './http/problem';

export const API_PREFIX = '/api/v1';
export const BODY_LIMIT_BYTES = 64 * 1024;

function newApp() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const prefix = result.target === 'json' ? '' : result.target;
        throw new ApiError('invalid_request', 'The request is not valid.', zodFieldErrors(result.error, prefix));
      }
    },
  });
}

export function createApp(deps: Deps) {
  const app = newApp();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'no-store');
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: BODY_LIMIT_BYTES,
      onError: () => {
        throw new ApiError('payload_too_large', `The body may be at most ${BODY_LIMIT_BYTES} bytes.`);
      },
    }),
  );

  const api = newApp();
  authRoutes(api);
  billingRoutes(api);
  invoiceRoutes(api);
  invoiceSupportRoutes(api);
  subscriptionRoutes(api);
  healthRoutes(api);
  app.route(API_PREFIX, api);

  app.doc31(`${API_PREFIX}/openapi.json`, {
    openapi: '3.1.0',
    info: { title: 'Fastpath API', version: '1.0.0', description: 'Billing page, history and receipts.' },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  app.notFound((c) => {
    const allowed = allowedMethods(app.routes, c.req.path);
    if (allowed.length) {
      return problemResponse(c, new ApiError('method_not_allowed', undefined, undefined, undefined, { Allow: allowed.join(', ') }));
    }
    return problemResponse(c, new ApiError('not_found'));
  });
  app.onError((err, c) => {
    const apiError = toApiError(err);
    if (apiError.status >= 500) console.error(`[${c.req.method} ${c.req.path}]`, err);
    return problemResponse(c, apiError);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
