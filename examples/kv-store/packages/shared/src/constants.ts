import type { Plan } from './types/billing';

export interface PlanLimits {
  requestsPerMonth: number;
  storageBytes: number;
  namespaces: number;
  apiKeys: number;
}

const MB = 1024 * 1024;
const GB = 1024 * MB;

export const PLAN_LIMITS: Record<Plan, PlanLimits> = {
  free: { requestsPerMonth: 100_000, storageBytes: 100 * MB, namespaces: 3, apiKeys: 2 },
  pro: { requestsPerMonth: 10_000_000, storageBytes: 10 * GB, namespaces: 25, apiKeys: 20 },
  team: { requestsPerMonth: 100_000_000, storageBytes: 100 * GB, namespaces: 100, apiKeys: 100 },
};

/** Maximum size of a serialised value (DynamoDB items are capped at 400 KB). */
export const MAX_VALUE_SIZE_BYTES = 256 * 1024;
export const MAX_KEY_LENGTH = 512;
export const MAX_BATCH_OPERATIONS = 25;
export const DEFAULT_LIST_LIMIT = 100;
export const API_KEY_PREFIX = 'kv_live_';
export const NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
