import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiKey, CreatedApiKey } from '@kv/shared';
import { api } from '../api/client';

type PublicApiKey = Omit<ApiKey, 'keyHash'>;

const KEYS = ['account', 'keys'] as const;

export function useApiKeys() {
  return useQuery({
    queryKey: KEYS,
    queryFn: () => api.get<{ keys: PublicApiKey[] }>('/account/keys').then((r) => r.keys),
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<CreatedApiKey>('/account/keys', { name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEYS }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) => api.delete(`/account/keys/${keyId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEYS }),
  });
}
