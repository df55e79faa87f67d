import { ErrorCode, type ErrorBody } from '@kv/shared';
import { ZodError } from 'zod';

/** Base class for every error that should reach the client with a specific status. */
export class AppError extends Error {
  constructor(
    message: string,
    public readonly statusCode: number = 500,
    public readonly code: ErrorCode = ErrorCode.Internal,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message = 'Invalid request', details?: unknown) {
    super(message, 400, ErrorCode.ValidationFailed, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Missing or invalid credentials') {
    super(message, 401, ErrorCode.Unauthorized);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have access to this resource') {
    super(message, 403, ErrorCode.Forbidden);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Resource not found') {
    super(message, 404, ErrorCode.NotFound);
  }
}

export class ConflictError extends AppError {
  constructor(message = 'Resource already exists') {
    super(message, 409, ErrorCode.Conflict);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message = 'Value exceeds the maximum allowed size') {
    super(message, 413, ErrorCode.ValueTooLarge);
  }
}

export class QuotaExceededError extends AppError {
  constructor(message = 'Plan quota exceeded') {
    super(message, 429, ErrorCode.QuotaExceeded);
  }
}

/** Maps any thrown value to an HTTP status + JSON error body. Unknown errors become 500. */
export function toHttpResponse(err: unknown, requestId?: string): { statusCode: number; body: ErrorBody } {
  if (err instanceof ZodError) {
    return toHttpResponse(new ValidationError(err.issues[0]?.message ?? 'Invalid request', err.issues), requestId);
  }
  if (err instanceof AppError) {
    return {
      statusCode: err.statusCode,
      body: { error: { code: err.code, message: err.message, requestId } },
    };
  }
  return {
    statusCode: 500,
    body: { error: { code: ErrorCode.Internal, message: 'Internal server error', requestId } },
  };
}
