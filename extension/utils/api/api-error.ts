// The one error type the UI sees, built from an RFC 9457 problem body or a failed fetch.
import type { ErrorCode, FieldError, Problem } from '../../../shared/errors';

export type ClientErrorCode = ErrorCode | 'network_error' | 'unknown';

/** The one error the UI sees: status, stable code, field errors and (on 412) the fresh page. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    readonly errors: FieldError[] = [],
    readonly current?: unknown,
  ) {
    super(`${status} ${code}`);
    this.name = 'ApiError';
  }
}

export async function toApiError(response: Response): Promise<ApiError> {
  let problem: Partial<Problem> = {};
  try {
    problem = (await response.json()) as Partial<Problem>;
  } catch {
    // A proxy or a crash may answer without a problem body; the status still tells enough.
  }
  return new ApiError(
    response.status,
    problem.code ?? 'unknown',
    Array.isArray(problem.errors) ? problem.errors : [],
    problem.current,
  );
}

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'unknown');
}
