import { describe, expect, it, vi } from 'vitest';
import { KVClient, KVAuthError, KVNetworkError } from '../src';

function mockFetch(...responses: Array<{ status: number; body?: unknown; headers?: Record<string, string> }>) {
  const fn = vi.fn<typeof fetch>();
  for (const r of responses) {
    fn.mockResolvedValueOnce(
      new Response(r.body === undefined ? null : JSON.stringify(r.body), { status: r.status, headers: r.headers }),
    );
  }
  return fn;
}

const item = { namespace: 'sessions', key: 'user-42', value: { theme: 'dark' }, size: 16, createdAt: 1, updatedAt: 1 };

describe('KVClient', () => {
  it('gets a value with a bearer token and encoded path', async () => {
    const fetch = mockFetch({ status: 200, body: item });
    const kv = new KVClient({ apiKey: 'kv_live_test', fetch, baseUrl: 'https://api.example.test' });

    await expect(kv.get('sessions', 'user/42')).resolves.toEqual({ theme: 'dark' });

    const [url, init] = fetch.mock.calls[0]!;
    expect(String(url)).toBe('https://api.example.test/v1/kv/sessions/user%2F42');
    expect((init?.headers as Record<string, string>).Authorization).toBe('Bearer kv_live_test');
  });

  it('returns null for missing keys', async () => {
    const kv = new KVClient({ apiKey: 'k', fetch: mockFetch({ status: 404, body: { error: { code: 'NOT_FOUND' } } }) });
    await expect(kv.get('sessions', 'nope')).resolves.toBeNull();
  });

  it('sends ttlSeconds on set', async () => {
    const fetch = mockFetch({ status: 201, body: item });
    const kv = new KVClient({ apiKey: 'k', fetch });
    await kv.set('sessions', 'user-42', { theme: 'dark' }, { ttlSeconds: 3600 });
    expect(JSON.parse(String(fetch.mock.calls[0]![1]?.body))).toEqual({ value: { theme: 'dark' }, ttlSeconds: 3600 });
  });

  it('retries 503 responses with backoff', async () => {
    vi.useFakeTimers();
    const fetch = mockFetch({ status: 503 }, { status: 200, body: { namespaces: [{ name: 'prod' }] } });
    const kv = new KVClient({ apiKey: 'k', fetch, retries: 2 });
    const promise = kv.listNamespaces();
    await vi.runAllTimersAsync();
    await expect(promise).resolves.toEqual([{ name: 'prod' }]);
    expect(fetch).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
  });

  it('does not retry auth errors', async () => {
    const fetch = mockFetch({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'bad key' } } });
    const kv = new KVClient({ apiKey: 'k', fetch });
    await expect(kv.list('sessions')).rejects.toBeInstanceOf(KVAuthError);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('wraps fetch failures in KVNetworkError', async () => {
    const fetch = vi.fn().mockRejectedValue(new TypeError('fetch failed'));
    const kv = new KVClient({ apiKey: 'k', fetch, retries: 0 });
    await expect(kv.createNamespace('staging')).rejects.toBeInstanceOf(KVNetworkError);
  });
});
