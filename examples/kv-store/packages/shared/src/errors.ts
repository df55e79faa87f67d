/** Machine-readable error codes returned in `{ error: { code, message } }` bodies. */
export enum ErrorCode {
  NotFound = 'NOT_FOUND',
  ValidationFailed = 'VALIDATION_FAILED',
  Unauthorized = 'UNAUTHORIZED',
  Forbidden = 'FORBIDDEN',
  QuotaExceeded = 'QUOTA_EXCEEDED',
  Conflict = 'CONFLICT',
  ValueTooLarge = 'VALUE_TOO_LARGE',
  Internal = 'INTERNAL_ERROR',
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    requestId?: string;
  };
}
