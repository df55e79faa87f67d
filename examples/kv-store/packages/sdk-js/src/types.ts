/** Any JSON-serialisable value. */
export type KVValue = string | number | boolean | null | KVValue[] | { [key: string]: KVValue };

export interface KVItem<T extends KVValue = KVValue> {
  namespace: string;
  key: string;
  value: T;
  size: number;
  createdAt: number;
  updatedAt: number;
  /** Epoch seconds after which the item expires. */
  expiresAt?: number;
}

export interface SetOptions {
  /** Expire the key after this many seconds (60 s – 1 year). */
  ttlSeconds?: number;
}

export interface ListOptions {
  prefix?: string;
  limit?: number;
  cursor?: string;
}

export interface ListResult {
  items: Array<{ key: string; size: number; updatedAt: number; expiresAt?: number }>;
  /** Pass to the next `list()` call; undefined on the last page. */
  cursor?: string;
}

export type BatchOperation =
  | { op: 'put'; key: string; value: KVValue; ttlSeconds?: number }
  | { op: 'delete'; key: string };

export interface BatchResult {
  written: number;
  deleted: number;
}

export interface Namespace {
  name: string;
  createdAt?: number;
}
