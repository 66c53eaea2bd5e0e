/**
 * The one error type. Every refusal carries a stable `code` (this enum; the web app maps each code to a
 * zh-CN / English sentence) and, where one input is at fault, the `field` named as a JSON pointer-ish path
 * (`idNumber`, `rows.3.bankAccount`). Mapped to HTTP once, in src/http/problem.ts, as RFC 9457 problem+json.
 */
export const ErrorCodes = {
  // generic
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  IDEMPOTENCY_KEY_REUSED: 409,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  // identifiers
  INVALID_ID_NUMBER: 400,
  INVALID_USCC: 400,
  INVALID_BANK_CARD: 400,
  INVALID_MOBILE: 400,
  INVALID_VOUCHER_NUMBER: 400,
  // identity
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  TOTP_ENROLMENT_REQUIRED: 403,
  SESSION_EXPIRED: 401,
  ESSC_ASSERTION_INVALID: 401,
  USERNAME_TAKEN: 409,
  // persons
  PERSON_EXISTS: 409,
  IMPORT_FILE_INVALID: 400,
  // catalogue
  DISTRICT_UNKNOWN: 400,
  OCCUPATION_UNKNOWN: 400,
  PROGRAMME_UNKNOWN: 400,
  PROGRAMME_CLOSED: 409,
  STANDARD_MISSING: 409,
  BUDGET_EXHAUSTED: 409,
  DUPLICATE: 409,
  // vouchers
  VOUCHER_NOT_USABLE: 409,
  VOUCHER_EXPIRED: 409,
  VOUCHER_TRANSITION_INVALID: 409,
  VOUCHER_LIMIT_REACHED: 409,
  ISSUANCE_ALREADY_RUNNING: 409,
  ISSUANCE_EXHAUSTED: 409,
  VALIDITY_IN_PAST: 400,
  QR_TOKEN_INVALID: 400,
  QR_TOKEN_EXPIRED: 400,
  QR_TOKEN_REPLAYED: 409,
  // training
  PROVIDER_SUSPENDED: 409,
  PROVIDER_NOT_APPROVED: 409,
  CLASS_FULL: 409,
  CLASS_NOT_OPEN: 409,
  OPENING_DEADLINE_PASSED: 409,
  // training: why a worker's voucher does not fit a class (registration, admission)
  VOUCHER_PROGRAMME_MISMATCH: 409,
  VOUCHER_OCCUPATION_MISMATCH: 409,
  VOUCHER_LEVEL_MISMATCH: 409,
  VOUCHER_NOT_YET_VALID: 409,
  // attendance
  CHECKIN_OUTSIDE_WINDOW: 409,
  CHECKIN_OUTSIDE_GEOFENCE: 409,
  CHECKIN_ACCURACY_TOO_POOR: 409,
  NOT_ENROLLED: 409,
  // subsidy
  CLAIM_NOT_ELIGIBLE: 409,
  CLAIM_STATE_INVALID: 409,
  MAKER_CHECKER_SAME_PERSON: 409,
  BANK_FILE_INVALID: 400,
  DEBTOR_ACCOUNT_MISSING: 409,
  NOTHING_PAYABLE: 409,
  PAYEE_ACCOUNT_NOT_CORRECTED: 409,
  // subsidy: limits and budgets (issue 15)
  CLAIM_LIMIT_EXCEEDED: 409,
  NO_BUDGET: 409,
  // rehab
  REHAB_NOT_ELIGIBLE: 409,
  NO_ELIGIBLE_CATEGORY: 409,
  // evaluation (培训评价)
  RATING_NOT_A_TRAINEE: 403,
  RATING_CLASS_NOT_ENDED: 409,
  RATING_ATTENDANCE_BELOW_THRESHOLD: 409,
  RATING_CHANGE_WINDOW_CLOSED: 409,
  REHAB_NO_BED: 409,
  // certificates and the lifelong record (issue 19)
  CERTIFICATE_HOLDER_UNKNOWN: 409,
  DOCUMENT_UNREADABLE: 400,
  // service rating 好差评 (issue 20 §3)
  SERVICE_NOT_FINISHED: 409,
  SERVICE_ALREADY_RATED: 409,
  // appeals (申诉)
  APPEAL_NOT_APPEALABLE: 409,
  APPEAL_ALREADY_OPEN: 409,
  APPEAL_STATE_INVALID: 409,
  REASSESSMENT_NOT_ELIGIBLE: 409,
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly extra?: Record<string, unknown>,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ErrorCodes[code];
  }
}

export const notFound = (what: string, field?: string): AppError => new AppError('NOT_FOUND', `${what} not found`, field);
export const invalid = (field: string, message: string, code: ErrorCode = 'VALIDATION_FAILED'): AppError => new AppError(code, message, field);
