// createApp(deps): the HTTP API — shared middleware, one sub-app per feature under /api/v1, errors as problem+json.
import { OpenAPIHono } from '@hono/zod-openapi';
import { activityRoutes } from './activity/activity.routes';
import { billingRoutes } from './accounts/billing.routes';
import { authRoutes } from './auth/auth.routes';
import { passwordRoutes } from './auth/password.routes';
import { changeRequestRoutes } from './change-requests/change-request.routes';
import { healthRoutes } from './health/health.routes';
import { readyRoutes } from './health/ready.routes';
import { invoiceSupportRoutes } from './invoices/invoice-support.routes';
import { invoiceRoutes } from './invoices/invoice.routes';
import { invoiceYearRoutes } from './invoices/invoice-year.routes';
import { upcomingInvoiceRoutes } from './invoices/upcoming-invoice.routes';
import { proposalRoutes } from './proposals/proposal.routes';
import { subscriptionRoutes } from './subscriptions/subscription.routes';
import { ApiError } from './http/api-error';
import type { AppEnv, Deps } from './http/env';
import { allowedMethods } from './http/method-not-allowed';
import { documentApi } from './http/document';
import { problemResponse, toApiError, zodFieldErrors } from './http/problem';
import { BODY_LIMIT_BYTES, requestFrame, requestGuards } from './http/request-frame';
import { supportRoutes } from './support/support.routes';
import { silentLogger } from './observability/logger';
import { createMetrics } from './observability/metrics';
import { requestLog } from './observability/request-log';

export const API_PREFIX = '/api/v1';
/** Routes outside the OpenAPI document, with their policy (the route inventory test reads this). */
export const UNDOCUMENTED_ROUTES: Record<string, 'public'> = { [`GET ${'/api/v1'}/openapi.json`]: 'public' };
export { BODY_LIMIT_BYTES };

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

export function createApp(given: Deps) {
  const deps: Deps = { ...given, logger: given.logger ?? silentLogger(), metrics: given.metrics ?? createMetrics() };
  const app = newApp();
  app.use('*', requestLog({ logger: deps.logger!, metrics: deps.metrics!, trustProxy: Boolean(given.config?.trustProxy) }));
  // Two steps for every request (http/request-frame.ts): deps and the answer's headers, then the URL and body guards.
  app.use('*', requestFrame(deps));
  app.use('*', requestGuards());

  const api = newApp();
  authRoutes(api);
  passwordRoutes(api);
  billingRoutes(api);
  changeRequestRoutes(api);
  supportRoutes(api);
  // Before invoiceRoutes: /invoices/summary must not be taken for /invoices/{invoiceId}.
  invoiceYearRoutes(api);
  activityRoutes(api);
  // Before invoiceRoutes: `/invoices/upcoming` must not be taken for an invoice id.
  upcomingInvoiceRoutes(api);
  invoiceRoutes(api);
  invoiceSupportRoutes(api);
  subscriptionRoutes(api);
  proposalRoutes(api);
  healthRoutes(api);
  readyRoutes(api);
  app.route(API_PREFIX, api);
  documentApi(app, `${API_PREFIX}/openapi.json`);

  app.notFound((c) => {
    const allowed = allowedMethods(app.routes, c.req.path);
    if (allowed.length) {
      return problemResponse(c, new ApiError('method_not_allowed', undefined, undefined, undefined, { Allow: allowed.join(', ') }));
    }
    return problemResponse(c, new ApiError('not_found'));
  });
  app.onError((err, c) => {
    const apiError = toApiError(err);
    // Deliberate answers (ApiError) are not news; anything else is a bug worth its stack trace.
    if (!(err instanceof ApiError) && apiError.status >= 500) {
      deps.logger!.error({ event: 'http.unexpected_error', reqId: c.get('requestId'), method: c.req.method, err }, 'unexpected error');
    }
    return problemResponse(c, apiError);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
