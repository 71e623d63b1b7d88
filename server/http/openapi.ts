// Helpers for describing responses in the OpenAPI document: JSON bodies, problem+json errors and their headers.
import { z } from 'zod';
import { billingPageSchema } from '../../shared/schemas/billing.schema';
import { proposalChangeSchema } from '../../shared/schemas/proposal.schema';
import { ERROR_STATUS, type ErrorCode } from '../../shared/errors';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    detail: z.string(),
    /** The request path the problem is about (RFC 9457 §3.1.5). */
    instance: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** On 409 change_request_open: the account's open case (R13). */
    openCase: z
      .object({ id: z.string(), caseNumber: z.string() })
      .optional()
      .meta({ description: "On 409 change_request_open: the account's open case, to show or withdraw (R13)." }),
  })
  .meta({ id: 'Problem' });

/** 412 also carries the page as it is now, so the client can show the fresh values (decisions.md). */
export const versionMismatchProblemSchema = problemSchema
  .extend({
    current: billingPageSchema.optional(),
    changes: z.array(proposalChangeSchema).optional().meta({ description: "On approving a proposal: the proposal's changes, to decide again against `current`" }),
  })
  .meta({
    id: 'VersionMismatchProblem',
    description:
      'On PATCH /accounts/{id}/billing and approving a proposal, `current` is the Billing page as it is now (its version is the ETag to send)',
  });

type HeaderObject = { description: string; required?: boolean; schema: { type: 'string' | 'integer'; minimum?: number } };

/** Response headers a problem code always carries (RFC 9110 §15.5.2, §15.5.6, RFC 6585 §4, RFC 6750 §3). */
const PROBLEM_HEADERS: Partial<Record<ErrorCode, Record<string, HeaderObject>>> = {
  unauthenticated: {
    'WWW-Authenticate': {
      description: 'Bearer (RFC 6750 §3), with error="invalid_token" when the request carried a token',
      required: true,
      schema: { type: 'string' },
    },
  },
  rate_limited: {
    'Retry-After': { description: 'Seconds to wait before trying again', required: true, schema: { type: 'integer', minimum: 1 } },
  },
  method_not_allowed: {
    Allow: { description: 'The methods this path answers to', required: true, schema: { type: 'string' } },
  },
  version_mismatch: {
    ETag: { description: 'The Billing page version now current, when the 412 carries that page (RFC 9110 §8.8.3)', schema: { type: 'string' } },
  },
  service_unavailable: {
    'Retry-After': { description: 'Seconds to wait before trying again (the database or the password hashing is busy)', required: true, schema: { type: 'integer', minimum: 1 } },
  },
};

const PROBLEM_SCHEMAS: Partial<Record<ErrorCode, z.ZodType>> = { version_mismatch: versionMismatchProblemSchema };

export const ETAG_HEADER: Record<string, HeaderObject> = {
  ETag: { description: 'The version of the Billing page as a strong entity tag, e.g. "7" (RFC 9110 §8.8.3)', required: true, schema: { type: 'string' } },
};

export const json = <T extends z.ZodType>(schema: T, description: string, headers?: Record<string, HeaderObject>) => ({
  description,
  content: { 'application/json': { schema } },
  ...(headers ? { headers } : {}),
});

/**
 * A file to download (a PDF, a CSV, a zip): a binary body of `mediaType` with
 * `Content-Disposition: attachment; filename="…"` (RFC 6266), the name from shared/document-names.ts.
 */
export const attachment = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType]: { schema: { type: 'string' as const, format: 'binary' } } },
  headers: {
    'Content-Disposition': {
      description: 'attachment; filename="…" (RFC 6266), named by shared/document-names.ts',
      required: true,
      schema: { type: 'string' as const },
    },
  } satisfies Record<string, HeaderObject>,
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** Marks a response built by problems(), so guardedRoute can merge the codes it adds centrally. */
export const PROBLEM_CODES = Symbol('problem codes');

export interface ProblemResponse {
  description: string;
  content: Record<string, { schema: z.ZodType }>;
  headers?: Record<string, HeaderObject>;
  [PROBLEM_CODES]: ErrorCode[];
}

/**
 * The problem responses a route can give, by error code: one response per status, listing its codes,
 * with the body schema and the headers each code always carries (401 WWW-Authenticate, 429 Retry-After…).
 */
export function problems(...codes: ErrorCode[]): Record<number, ProblemResponse> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  const out: Record<number, ProblemResponse> = {};
  for (const [status, list] of byStatus) {
    const schemas = new Set(list.map((code) => PROBLEM_SCHEMAS[code] ?? problemSchema));
    // A header is required only if every code of that status sends it.
    const headerNames = new Set(list.flatMap((code) => Object.keys(PROBLEM_HEADERS[code] ?? {})));
    const headers: Record<string, HeaderObject> = {};
    for (const name of headerNames) {
      const all = list.every((code) => PROBLEM_HEADERS[code]?.[name]);
      const header = list.map((code) => PROBLEM_HEADERS[code]?.[name]).find(Boolean)!;
      headers[name] = { ...header, required: all };
    }
    const schema = schemas.size === 1 ? [...schemas][0] : z.union([...schemas] as [z.ZodType, z.ZodType]);
    const response: ProblemResponse = {
      description: `Problem: ${list.join(', ')}`,
      content: { 'application/problem+json': { schema } },
      ...(headerNames.size ? { headers } : {}),
      [PROBLEM_CODES]: list,
    };
    Object.defineProperty(response, PROBLEM_CODES, { enumerable: false });
    out[status] = response;
  }
  return out;
}

export const noContent = (description: string) => ({ description });
