import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    env: {
      KV_TABLE_NAME: 'kv-test-store',
      USERS_TABLE_NAME: 'kv-test-users',
      API_KEYS_TABLE_NAME: 'kv-test-api-keys',
      USAGE_TABLE_NAME: 'kv-test-usage',
      LOG_LEVEL: 'silent',
    },
    coverage: { provider: 'v8', include: ['src/**'] },
  },
});
