import { useQuery } from '@tanstack/react-query';
import type { PlanLimits, PublicUser } from '@kv/shared';
import { api } from '../api/client';

export interface AccountResponse {
  user: PublicUser;
  limits: PlanLimits;
}

/** GET /account/me — profile, plan and limits. */
export function useAccount() {
  return useQuery({
    queryKey: ['account', 'me'],
    queryFn: () => api.get<AccountResponse>('/account/me'),
  });
}
