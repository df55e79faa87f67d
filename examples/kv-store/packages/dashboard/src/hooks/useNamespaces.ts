import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListKeysResponse, Namespace } from '@kv/shared';
import { api } from '../api/client';

/** Namespaces use the public /v1 API; the authorizer accepts the Cognito id token too. */
export function useNamespaces() {
  return useQuery({
    queryKey: ['namespaces'],
    queryFn: () => api.get<{ namespaces: Namespace[] }>('/v1/namespaces').then((r) => r.namespaces),
  });
}

export function useCreateNamespace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<Namespace>('/v1/namespaces', { name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['namespaces'] }),
  });
}

/** Most recently updated keys of a namespace (GSI byUpdatedAt). */
export function useNamespaceKeys(namespace: string, cursor?: string) {
  return useQuery({
    queryKey: ['namespaces', namespace, 'keys', cursor],
    queryFn: () =>
      api.get<ListKeysResponse>(
        `/v1/kv/${encodeURIComponent(namespace)}?order=recent&limit=50${cursor ? `&cursor=${cursor}` : ''}`,
      ),
    enabled: Boolean(namespace),
  });
}

export function useDeleteKey(namespace: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (key: string) =>
      api.delete(`/v1/kv/${encodeURIComponent(namespace)}/${encodeURIComponent(key)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['namespaces', namespace, 'keys'] }),
  });
}
