export { KVClient } from './client';
export type { KVClientOptions } from './client';
export {
  KVError,
  KVNotFoundError,
  KVAuthError,
  KVRateLimitError,
  KVNetworkError,
} from './errors';
export type {
  BatchOperation,
  BatchResult,
  KVItem,
  KVValue,
  ListOptions,
  ListResult,
  Namespace,
  SetOptions,
} from './types';
