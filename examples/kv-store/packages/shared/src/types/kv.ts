/** JSON-serialisable value stored under a key. */
export type KvValue = string | number | boolean | null | KvValue[] | { [key: string]: KvValue };

/** One item of the KVStore table as returned by the API. */
export interface KvItem {
  namespace: string;
  key: string;
  value: KvValue;
  /** Size of the serialised value in bytes. */
  size: number;
  createdAt: number;
  updatedAt: number;
  /** Epoch seconds; the item is removed by DynamoDB TTL after this time. */
  expiresAt?: number;
}

export interface Namespace {
  name: string;
  createdAt: number;
}

export type BatchOperation =
  | { op: 'put'; key: string; value: KvValue; ttlSeconds?: number }
  | { op: 'delete'; key: string };

export interface BatchResult {
  written: number;
  deleted: number;
}

export interface ListKeysResponse {
  items: Array<Pick<KvItem, 'key' | 'size' | 'updatedAt' | 'expiresAt'>>;
  cursor?: string;
}
