import { PLAN_LIMITS } from '@kv/shared';
import { QuotaExceededError } from '../lib/errors';
import { usageRepository, currentMonth } from '../repositories/usage-repository';
import type { AuthedHandler } from './with-auth';

/**
 * Counts the request against the caller's monthly quota (UsageMetrics table,
 * sk `YYYY-MM#requests`) and rejects with 429 once the plan limit is reached.
 */
export function withRateLimit(handler: AuthedHandler, kind: 'reads' | 'writes' = 'reads'): AuthedHandler {
  return async (event, ctx) => {
    const { userId, plan } = ctx.principal;
    const month = currentMonth();
    const requests = await usageRepository.increment(userId, month, 'requests');
    const limit = PLAN_LIMITS[plan].requestsPerMonth;

    if (requests > limit) {
      ctx.logger.warn('monthly quota exceeded', { plan, requests, limit });
      throw new QuotaExceededError(`Monthly request quota of ${limit} reached for the ${plan} plan`);
    }

    const response = await handler(event, ctx);
    // Fire-and-forget: read/write split is informational only.
    void usageRepository.increment(userId, month, kind).catch(() => undefined);

    return {
      ...response,
      headers: {
        ...response.headers,
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': String(Math.max(0, limit - requests)),
      },
    };
  };
}
