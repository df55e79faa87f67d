import { PLAN_LIMITS, type UsageSummary } from '@kv/shared';
import { withHandler } from '../../middleware/with-handler';
import { withAuth } from '../../middleware/with-auth';
import { currentMonth, usageRepository } from '../../repositories/usage-repository';
import { parseQuery, usageQuerySchema } from '../../lib/validation';

/** GET /account/usage?month=YYYY-MM — only deployed when `kv:enableUsageApi` is true. */
export const handler = withHandler(
  withAuth(async (event, { principal }) => {
    const { month = currentMonth() } = parseQuery(event, usageQuerySchema);
    const records = await usageRepository.getMonth(principal.userId, month);
    const value = (metric: string) => records.find((r) => r.period === `${month}#${metric}`)?.value ?? 0;
    const limits = PLAN_LIMITS[principal.plan];

    const summary: UsageSummary = {
      month,
      requests: value('requests'),
      reads: value('reads'),
      writes: value('writes'),
      storageBytes: value('storageBytes'),
      limits: { requests: limits.requestsPerMonth, storageBytes: limits.storageBytes },
    };
    return { body: summary };
  }),
);
