/** Base class for every error thrown by the SDK. */
export class KVError extends Error {
  constructor(
    message: string,
    /** HTTP status, if the server answered. */
    public readonly status?: number,
    /** Server error code such as `NOT_FOUND` or `QUOTA_EXCEEDED`. */
    public readonly code?: string,
    public readonly requestId?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 404 — the key or namespace does not exist. */
export class KVNotFoundError extends KVError {}

/** 401/403 — the API key is missing, invalid or revoked. */
export class KVAuthError extends KVError {}

/** 429 — monthly quota or per-second throttle exceeded. */
export class KVRateLimitError extends KVError {
  constructor(
    message: string,
    status: number,
    code?: string,
    requestId?: string,
    /** Seconds to wait, from the `Retry-After` header. */
    public readonly retryAfter?: number,
  ) {
    super(message, status, code, requestId);
  }
}

/** The request never got a response (DNS, TLS, timeout, offline). */
export class KVNetworkError extends KVError {
  constructor(message: string, public readonly originalError?: unknown) {
    super(message);
  }
}
