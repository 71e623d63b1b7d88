// Checks an API answer against the OpenAPI document the server publishes: status, content type, headers, body.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isMailbox } from '../../shared/fields';

// ajv-formats is CommonJS; under ESM its function may sit on `default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

type Json = Record<string, any>;

export interface AnswerToCheck {
  method: string;
  /** The request path from the origin (e.g. `/api/v1/accounts/x/billing`), query allowed. */
  path: string;
  status: number;
  headers: Headers;
  /** The body as text ('' when none). */
  text: string;
}

/** Paths the document does not describe (itself). */
const UNDESCRIBED = /\/openapi\.json$/;

/**
 * A checker for one document. `check` throws, naming method, path, status and every mismatch, when
 * the answer is not one the document declares: an unknown path must be the shared NotFound answer,
 * a known path with an undeclared method the shared MethodNotAllowed one; otherwise the status must
 * be declared for the operation, the content type declared for that status, the declared required
 * headers present, and the body valid (JSON Schema 2020-12, $refs into components).
 */
export function responseChecker(doc: Json, report: (message: string) => void = (message) => console.error(message)) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  // RFC 6531 mailboxes (format idn-email), as the API accepts them: shared/fields.ts isMailbox.
  ajv.addFormat('idn-email', isMailbox);
  const defs = rewriteRefs(doc.components?.schemas ?? {});
  const compiled = new Map<object, ValidateFunction>();
  // Paths are relative to the (first) server entry's path.
  const base = new URL(doc.servers?.[0]?.url ?? '/', 'http://origin').pathname.replace(/\/$/, '');
  const templates = Object.keys(doc.paths).map((template) => ({
    template,
    re: new RegExp(`^${(base + template).replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    literals: template.split('/').filter((s) => s && !s.startsWith('{')).length,
  }));

  function validatorFor(schema: object): ValidateFunction {
    let v = compiled.get(schema);
    if (!v) {
      v = ajv.compile({ ...(rewriteRefs(schema) as object), $defs: defs });
      compiled.set(schema, v);
    }
    return v;
  }

  function resolve<T extends Json>(node: T | { $ref: string }): T {
    if (node && typeof node === 'object' && '$ref' in node && typeof node.$ref === 'string') {
      return node.$ref.slice(2).split('/').reduce((at: any, key: string) => at[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    }
    return node as T;
  }

  return function check(answer: AnswerToCheck): void {
    const path = answer.path.split('?')[0];
    if (UNDESCRIBED.test(path)) return;
    const method = answer.method.toLowerCase();
    const where = `${answer.method.toUpperCase()} ${answer.path} → ${answer.status}`;
    const fail = (why: string): never => {
      const message = `Answer not described by the OpenAPI document: ${where}: ${why}\nbody: ${answer.text.slice(0, 500)}`;
      // Also on stderr: a suite that catches errors around its calls must not swallow this one.
      report(message);
      throw new Error(message);
    };
    const matching = templates.filter((t) => t.re.test(path)).sort((a, b) => b.literals - a.literals);
    // HEAD is answered by the GET handler, without a body (RFC 9110 §9.3.2).
    const opMethod = method === 'head' ? 'get' : method;
    const owner = matching.find((t) => doc.paths[t.template][opMethod]);
    let response: Json | undefined;
    const urlRefused = answer.status === 400 && /"path":"(path|query\.[^"]*)"/.test(answer.text);
    if (urlRefused) {
      // Any URL, known or not: the control-character guard answers before routing (InvalidUrl).
      response = resolve(doc.components.responses.InvalidUrl);
    } else if (!matching.length) {
      if (answer.status !== 404) fail('no path template matches, so only 404 NotFound is expected');
      response = resolve(doc.components.responses.NotFound);
    } else if (!owner) {
      if (answer.status !== 405) fail(`no ${opMethod.toUpperCase()} operation on ${matching[0].template}, so only 405 MethodNotAllowed is expected`);
      response = resolve(doc.components.responses.MethodNotAllowed);
    } else {
      const operation = doc.paths[owner.template][opMethod];
      const declared = operation.responses[String(answer.status)] ?? operation.responses[`${String(answer.status)[0]}XX`] ?? operation.responses.default;
      if (!declared) fail(`status not declared for ${opMethod.toUpperCase()} ${owner.template} (declared: ${Object.keys(operation.responses).join(', ')})`);
      response = resolve(declared);
    }
    checkAgainst(response!, answer, method === 'head', fail);
  };

  function checkAgainst(response: Json, answer: AnswerToCheck, head: boolean, fail: (why: string) => never) {
    for (const [name, header] of Object.entries<Json>(response.headers ?? {})) {
      const h = resolve(header);
      const value = answer.headers.get(name);
      if (value === null) {
        if (h.required) fail(`required header ${name} missing`);
        continue;
      }
      if (h.schema) {
        const v = validatorFor(h.schema);
        const typed = h.schema.type === 'integer' || h.schema.type === 'number' ? Number(value) : value;
        if (!v(typed)) fail(`header ${name}: ${value}: ${ajv.errorsText(v.errors)}`);
      }
    }
    const content: Json | undefined = response.content;
    const type = answer.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
    if (!content || Object.keys(content).length === 0) {
      if (answer.text !== '') fail(`no body declared, got ${type}: ${answer.text.slice(0, 200)}`);
      return;
    }
    if (!type || !content[type]) fail(`content type ${type} not declared (declared: ${Object.keys(content).join(', ')})`);
    if (head) return;
    const schema = content[type!].schema;
    if (!schema) return;
    // A declared file (format: binary, server/http/openapi.ts `attachment`) is bytes, not JSON: it must not be empty.
    if (schema.type === 'string' && schema.format === 'binary') {
      if (answer.text === '') fail(`${type} body is empty`);
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      fail(`body is not JSON: ${answer.text.slice(0, 200)}`);
    }
    const v = validatorFor(schema);
    if (!v(body)) fail(`body does not match: ${ajv.errorsText(v.errors, { separator: '\n  ' })}`);
  }
}

/** `#/components/schemas/X` → `#/$defs/X`, so each compiled schema carries the components it needs. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', '#/$defs/') : rewriteRefs(v);
    }
    return out;
  }
  return node;
}

const byKey = new Map<string, Promise<ReturnType<typeof responseChecker>>>();
const byDocument = new Map<string, ReturnType<typeof responseChecker>>();

/**
 * One checker per document source (an in-process app, a server URL), built on first use; servers
 * restarted on new ports that publish the same document share one (compiling schemas takes time).
 */
export function checkerFor(key: string, loadDocument: () => Promise<Json>) {
  let checker = byKey.get(key);
  if (!checker) {
    checker = loadDocument().then((doc) => {
      const text = JSON.stringify(doc);
      let found = byDocument.get(text);
      if (!found) byDocument.set(text, (found = responseChecker(doc)));
      return found;
    });
    byKey.set(key, checker);
  }
  return checker;
}
