// The one error type routes throw: a status-bearing code from shared/errors.ts, written as problem+json.
import { ERROR_STATUS, type ErrorCode, type FieldError } from '../../shared/errors';

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? code);
    this.status = ERROR_STATUS[code];
  }
}

export const invalid = (path: string, message: string) =>
  new ApiError('invalid_request', 'The request is not valid.', [{ path, message }]);
