import { useQueries, useQuery } from '@tanstack/react-query';
import type { UsageSummary } from '@kv/shared';
import { api } from '../api/client';

const monthKey = (offset: number) => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - offset);
  return d.toISOString().slice(0, 7);
};

/** Usage of one month (default: current). Served by GET /account/usage. */
export function useUsage(month?: string) {
  return useQuery({
    queryKey: ['account', 'usage', month ?? 'current'],
    queryFn: () => api.get<UsageSummary>(`/account/usage${month ? `?month=${month}` : ''}`),
  });
}

/** The last `months` months, oldest first — for the usage chart. */
export function useUsageHistory(months = 6) {
  return useQueries({
    queries: Array.from({ length: months }, (_, i) => monthKey(months - 1 - i)).map((month) => ({
      queryKey: ['account', 'usage', month],
      queryFn: () => api.get<UsageSummary>(`/account/usage?month=${month}`),
      staleTime: 5 * 60_000,
    })),
    combine: (results) => ({
      data: results.flatMap((r) => (r.data ? [r.data] : [])),
      isLoading: results.some((r) => r.isLoading),
    }),
  });
}
