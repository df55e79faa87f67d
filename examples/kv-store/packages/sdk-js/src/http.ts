import { KVAuthError, KVError, KVNetworkError, KVNotFoundError, KVRateLimitError } from './errors';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

export interface HttpClientOptions {
  apiKey: string;
  baseUrl: string;
  timeoutMs: number;
  retries: number;
  fetch: typeof fetch;
  userAgent?: string;
}

interface ErrorBody {
  error?: { code?: string; message?: string; requestId?: string };
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Thin fetch wrapper: bearer auth, JSON bodies, per-attempt timeout via
 * AbortController, and exponential backoff with jitter for 429/5xx/network errors.
 */
export class HttpClient {
  constructor(private readonly options: HttpClientOptions) {}

  async request<T>(method: HttpMethod, path: string, body?: unknown, query?: Record<string, string | number | undefined>): Promise<T> {
    const url = new URL(path, this.options.baseUrl);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }

    let lastError: unknown;
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      if (attempt > 0) {
        const base = 200 * 2 ** (attempt - 1);
        const retryAfter = lastError instanceof KVRateLimitError ? lastError.retryAfter : undefined;
        await sleep(retryAfter ? retryAfter * 1000 : base + Math.random() * base);
      }

      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
      try {
        const res = await this.options.fetch(url, {
          method,
          signal: controller.signal,
          headers: {
            Authorization: `Bearer ${this.options.apiKey}`,
            'Content-Type': 'application/json',
            'User-Agent': this.options.userAgent ?? 'kv-store-sdk-js/1.2.0',
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });

        if (res.ok) {
          return (res.status === 204 ? undefined : await res.json()) as T;
        }
        lastError = await this.toError(res);
        if (!RETRYABLE_STATUS.has(res.status)) throw lastError;
      } catch (err) {
        if (err instanceof KVError && !(err instanceof KVRateLimitError) && err.status && err.status < 500) {
          throw err;
        }
        lastError =
          err instanceof KVError
            ? err
            : new KVNetworkError(
                controller.signal.aborted ? `Request timed out after ${this.options.timeoutMs} ms` : 'Network request failed',
                err,
              );
      } finally {
        clearTimeout(timer);
      }
    }
    throw lastError;
  }

  private async toError(res: Response): Promise<KVError> {
    const payload = (await res.json().catch(() => ({}))) as ErrorBody;
    const message = payload.error?.message ?? `Request failed with status ${res.status}`;
    const { code, requestId } = payload.error ?? {};
    switch (res.status) {
      case 401:
      case 403:
        return new KVAuthError(message, res.status, code, requestId);
      case 404:
        return new KVNotFoundError(message, res.status, code, requestId);
      case 429:
        return new KVRateLimitError(message, 429, code, requestId, Number(res.headers.get('Retry-After')) || undefined);
      default:
        return new KVError(message, res.status, code, requestId);
    }
  }
}
