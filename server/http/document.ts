// The OpenAPI 3.1 document at /api/v1/openapi.json: one server entry, full paths, tags, shared answers.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env';
import { problems } from './openapi';

/** One line per tag (a tag is the first path segment, see guardedRoute). */
const TAG_DESCRIPTIONS: Record<string, string> = {
  sessions: 'Signing in and out',
  me: 'The signed-in person: profiles, password',
  accounts: 'One account: Billing page, Billing History, receipts, subscriptions, change requests',
  support: 'Support staff: the change-request queue and invoice corrections',
  health: 'Whether the API and its database answer',
};

/**
 * Serves the document at `docPath`. Paths keep the /api/v1 prefix, under one `servers` entry for the
 * origin serving it (tests and clients index operations by the full path). Answers no operation
 * declares — 404 for an unknown path, 405 for a known path with another method — are described once
 * under `components.responses` (NotFound, MethodNotAllowed, and InvalidUrl for a URL refused before routing). The document is generated once, on first
 * request: generating it costs ~100–500 ms of CPU, which an anonymous caller must not be able to
 * make the server spend per request.
 */
export function documentApi(app: OpenAPIHono<AppEnv>, docPath: string) {
  const registry = app.openAPIRegistry;
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  registry.registerComponent('responses', 'NotFound', { description: 'Problem: not_found (no such path)', content: problem });
  const { headers } = problems('method_not_allowed')[405];
  registry.registerComponent('responses', 'MethodNotAllowed', { description: 'Problem: method_not_allowed (the path exists)', content: problem, headers });
  // Refused before routing, whatever the path (server/http/text-guard.ts): a control character in it.
  registry.registerComponent('responses', 'InvalidUrl', {
    description: 'Problem: invalid_request naming `path` or `query.<name>` (a control character or bidi override in the URL)',
    content: problem,
  });
  let text: string | undefined;
  app.get(docPath, (c) => {
    text ??= JSON.stringify(openApiDocument(app));
    return c.body(text, 200, { 'Content-Type': 'application/json' });
  });
}

/** The OpenAPI 3.1 document of an app built by createApp (what `docPath` serves). */
export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  const tags = new Set<string>();
  for (const d of app.openAPIRegistry.definitions) if (d.type === 'route') for (const t of d.route.tags ?? []) tags.add(t);
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'Fastpath API', version: '1.0.0', description: 'Billing page, history and receipts.' },
    servers: [{ url: '/', description: 'The origin serving this document' }],
    tags: [...tags].map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? `Operations under /${name}` })),
  });
}
