import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCode } from '@kv/shared';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  QuotaExceededError,
  UnauthorizedError,
  ValidationError,
  toHttpResponse,
} from '../../src/lib/errors';

describe('AppError subclasses', () => {
  it.each([
    [new ValidationError(), 400, ErrorCode.ValidationFailed],
    [new UnauthorizedError(), 401, ErrorCode.Unauthorized],
    [new ForbiddenError(), 403, ErrorCode.Forbidden],
    [new NotFoundError(), 404, ErrorCode.NotFound],
    [new ConflictError(), 409, ErrorCode.Conflict],
    [new QuotaExceededError(), 429, ErrorCode.QuotaExceeded],
  ])('%s maps to %i', (err, status, code) => {
    expect(err).toBeInstanceOf(AppError);
    expect(toHttpResponse(err, 'req-1')).toEqual({
      statusCode: status,
      body: { error: { code, message: err.message, requestId: 'req-1' } },
    });
  });
});

describe('toHttpResponse', () => {
  it('turns zod errors into 400 validation errors', () => {
    const result = z.object({ name: z.string() }).safeParse({});
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(toHttpResponse(result.error).statusCode).toBe(400);
    }
  });

  it('hides unknown errors behind a 500', () => {
    const { statusCode, body } = toHttpResponse(new Error('connection reset'));
    expect(statusCode).toBe(500);
    expect(body.error.message).toBe('Internal server error');
  });
});
