import { createHash, randomBytes } from 'node:crypto';
import { API_KEY_PREFIX } from '@kv/shared';

/** SHA-256 hex digest used as the partition key of the APIKeys table. */
export function hashApiKey(rawKey: string): string {
  return createHash('sha256').update(rawKey, 'utf8').digest('hex');
}

/** Generates a new raw API key such as `kv_live_q9Jd…`. */
export function generateApiKey(): { secret: string; prefix: string; keyHash: string } {
  const secret = `${API_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  return { secret, prefix: secret.slice(0, API_KEY_PREFIX.length + 4), keyHash: hashApiKey(secret) };
}
