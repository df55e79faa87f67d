import { HttpClient } from './http';
import { KVNotFoundError } from './errors';
import type {
  BatchOperation,
  BatchResult,
  KVItem,
  KVValue,
  ListOptions,
  ListResult,
  Namespace,
  SetOptions,
} from './types';

export interface KVClientOptions {
  /** Secret API key from the dashboard (`kv_live_…`). */
  apiKey: string;
  /** API origin. @default 'https://api.kvstore.dev' */
  baseUrl?: string;
  /** Per-attempt timeout in milliseconds. @default 10000 */
  timeoutMs?: number;
  /** Retries for 429, 5xx and network errors. @default 3 */
  retries?: number;
  /** Custom fetch implementation (e.g. for tests or older runtimes). */
  fetch?: typeof fetch;
}

const DEFAULT_BASE_URL = 'https://api.kvstore.dev';

/**
 * Client for the KV Store REST API.
 *
 * ```ts
 * const kv = new KVClient({ apiKey: process.env.KV_API_KEY! });
 * await kv.set('sessions', 'user-42', { theme: 'dark' });
 * ```
 */
export class KVClient {
  private readonly http: HttpClient;

  /**
   * Creates a client bound to one API key.
   * @param options - API key plus optional base URL, timeout, retries and fetch implementation.
   * @throws {Error} if `apiKey` is empty.
   */
  constructor(options: KVClientOptions) {
    if (!options.apiKey) throw new Error('KVClient: `apiKey` is required');
    this.http = new HttpClient({
      apiKey: options.apiKey,
      baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
      timeoutMs: options.timeoutMs ?? 10_000,
      retries: options.retries ?? 3,
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    });
  }

  /**
   * Reads a value. Resolves to `null` when the key does not exist or has expired.
   * @param namespace - Namespace name, e.g. `sessions`.
   * @param key - Key inside the namespace.
   */
  async get<T extends KVValue = KVValue>(namespace: string, key: string): Promise<T | null> {
    try {
      const item = await this.http.request<KVItem<T>>(
        'GET',
        `/v1/kv/${encodeURIComponent(namespace)}/${encodeURIComponent(key)}`,
      );
      return item.value;
    } catch (err) {
      if (err instanceof KVNotFoundError) return null;
      throw err;
    }
  }

  /**
   * Creates or replaces a value, optionally with a time-to-live.
   * @param value - Any JSON-serialisable value up to 256 KB.
   * @param options - `ttlSeconds` to expire the key automatically.
   */
  async set<T extends KVValue>(namespace: string, key: string, value: T, options?: SetOptions): Promise<KVItem<T>> {
    return this.http.request<KVItem<T>>(
      'PUT',
      `/v1/kv/${encodeURIComponent(namespace)}/${encodeURIComponent(key)}`,
      { value, ttlSeconds: options?.ttlSeconds },
    );
  }

  /**
   * Deletes a key. Resolves to `false` if it did not exist.
   */
  async delete(namespace: string, key: string): Promise<boolean> {
    try {
      await this.http.request<void>('DELETE', `/v1/kv/${encodeURIComponent(namespace)}/${encodeURIComponent(key)}`);
      return true;
    } catch (err) {
      if (err instanceof KVNotFoundError) return false;
      throw err;
    }
  }

  /**
   * Lists keys of a namespace in lexicographic order, one page at a time.
   * @param options - `prefix` filter, page `limit` (max 1000) and `cursor` from the previous page.
   */
  async list(namespace: string, options?: ListOptions): Promise<ListResult> {
    return this.http.request<ListResult>('GET', `/v1/kv/${encodeURIComponent(namespace)}`, undefined, {
      prefix: options?.prefix,
      limit: options?.limit,
      cursor: options?.cursor,
    });
  }

  /**
   * Applies up to 25 put/delete operations in a single request.
   */
  async batch(namespace: string, operations: BatchOperation[]): Promise<BatchResult> {
    return this.http.request<BatchResult>('POST', `/v1/kv/${encodeURIComponent(namespace)}/batch`, { operations });
  }

  /**
   * Lists the namespaces of the account that owns the API key.
   */
  async listNamespaces(): Promise<Namespace[]> {
    const res = await this.http.request<{ namespaces: Namespace[] }>('GET', `/v1/namespaces`);
    return res.namespaces;
  }

  /**
   * Creates a namespace. Names are 2–63 lowercase letters, digits or dashes.
   * @throws {KVRateLimitError} when the plan's namespace limit is reached.
   */
  async createNamespace(name: string): Promise<Namespace> {
    return this.http.request<Namespace>('POST', `/v1/namespaces`, { name });
  }
}
