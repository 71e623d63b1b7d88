// The stable machine-readable error codes of the API (product.md §3), shared by server and extension.
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthenticated: 401,
  not_account_holder: 403,
  not_support_staff: 403,
  not_proposer: 403,
  not_found: 404,
  method_not_allowed: 405,
  change_request_required: 409,
  not_invoice_payer: 409,
  no_receipt: 409,
  already_resolved: 409,
  change_request_open: 409,
  subscription_ended: 409,
  holder_edits_directly: 409,
  proposal_limit_reached: 409,
  version_mismatch: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  precondition_required: 428,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  /** Dotted path of the offending field, e.g. `contact.address.country`; empty for the whole body. */
  path: string;
  message: string;
}

/** RFC 9457 problem details as the API writes them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  /** The request path the problem is about. */
  instance: string;
  errors?: FieldError[];
  /** On 412: the page as it is now, so the client can show the fresh values. */
  current?: unknown;
  /** On 412 of a proposal's approval: the proposal's changes, so the holder decides again (issue 16). */
  changes?: unknown;
}
