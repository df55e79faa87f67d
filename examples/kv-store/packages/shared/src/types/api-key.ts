/** Stored API key metadata. The raw key is only returned once, at creation. */
export interface ApiKey {
  keyId: string;
  /** SHA-256 hex digest of the raw key; partition key of the APIKeys table. */
  keyHash: string;
  userId: string;
  name: string;
  /** First characters of the key, e.g. `kv_live_3f9a`, shown in the dashboard. */
  prefix: string;
  createdAt: number;
  lastUsedAt?: number;
  revokedAt?: number;
}

export interface CreatedApiKey extends Omit<ApiKey, 'keyHash'> {
  /** Raw secret key. Never stored. */
  secret: string;
}
