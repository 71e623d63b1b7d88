// Helpers for describing responses in the OpenAPI document: JSON bodies and problem+json errors.
import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../../shared/errors';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** On 409 change_request_open: the account's open case (R13). */
    openCase: z
      .object({ id: z.string(), caseNumber: z.string() })
      .optional()
      .meta({ description: "On 409 change_request_open: the account's open case, to show or withdraw (R13)." }),
  })
  .meta({ id: 'Problem' });

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** The problem responses a route can give, by error code. */
export function problems(...codes: ErrorCode[]) {
  const out: Record<number, { description: string; content: Record<string, { schema: typeof problemSchema }> }> = {};
  for (const code of codes) {
    const status = ERROR_STATUS[code];
    const prev = out[status]?.description;
    out[status] = {
      description: prev ? `${prev}, ${code}` : code,
      content: { 'application/problem+json': { schema: problemSchema } },
    };
  }
  return out;
}

export const noContent = (description: string) => ({ description });
