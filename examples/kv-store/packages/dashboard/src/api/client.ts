import type { ErrorBody } from '@kv/shared';
import { getCurrentSession } from '../lib/cognito';
import { useSessionStore } from '../stores/session-store';

const BASE_URL = (import.meta.env.VITE_API_URL ?? '/api').replace(/\/$/, '');

export class ApiError extends Error {
  constructor(
    message: string,
    public readonly status: number,
    public readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * fetch wrapper for the KV Store API: adds the Cognito id token (refreshed by
 * amazon-cognito-identity-js when needed) and turns error bodies into ApiError.
 */
export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  const session = await getCurrentSession();
  if (!session) {
    useSessionStore.getState().clear();
    throw new ApiError('Your session has expired', 401);
  }

  const res = await fetch(`${BASE_URL}${path}`, {
    ...init,
    headers: {
      'Content-Type': 'application/json',
      Authorization: session.idToken,
      ...init.headers,
    },
  });

  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => ({}))) as T & Partial<ErrorBody>;
  if (!res.ok) {
    if (res.status === 401) useSessionStore.getState().clear();
    throw new ApiError(body.error?.message ?? res.statusText, res.status, body.error?.code);
  }
  return body;
}

export const api = {
  get: <T>(path: string) => apiFetch<T>(path),
  post: <T>(path: string, data: unknown) => apiFetch<T>(path, { method: 'POST', body: JSON.stringify(data) }),
  put: <T>(path: string, data: unknown) => apiFetch<T>(path, { method: 'PUT', body: JSON.stringify(data) }),
  delete: <T = void>(path: string) => apiFetch<T>(path, { method: 'DELETE' }),
};
