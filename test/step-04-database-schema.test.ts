import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { STEPS } from '../src/steps/registry.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { EXAMPLE, PROJECT_ROOT, indexOf, section } from './helpers/fixture.js';

const FIXTURES = ['cdk-v1', 'cdk-http-api', 'cdk-helpers', 'cdk-websocket', 'cdk-none'];

describe('step 4 — Database Schema', () => {
  it('is registered as step 4', () => {
    expect(STEPS[3].definition).toBe(databaseSchemaStep);
  });

  it.each(FIXTURES)('%s: starts with the step heading and cites only existing paths', async (fixture) => {
    const s = await section(databaseSchemaStep, fixture);
    expect(s.markdown.split('\n')[0]).toBe('## 4. Database Schema');
    expect(missingCitations(s.markdown, await indexOf(fixture))).toEqual([]);
  });

  it('gives every table its keys, each GSI with projection, settings, env var and granted functions', async () => {
    const md = (await section(databaseSchemaStep, EXAMPLE)).markdown;
    expect(md).toContain('4 DynamoDB tables defined with AWS CDK in `/packages/infrastructure/lib/stacks/database-stack.ts`.');
    expect(md).toContain('| `Users` | `userId` (STRING) | — | GSI `byEmail`, GSI `byPaddleCustomer` | `USERS_TABLE_NAME` | `/packages/infrastructure/lib/stacks/database-stack.ts:51` |');
    expect(md).toContain('### Table KVStore');
    expect(md).toContain('| GSI `byUpdatedAt` | `namespaceId` (STRING) | `updatedAt` (NUMBER) | `KEYS_ONLY` | `/packages/infrastructure/lib/stacks/database-stack.ts:43` |');
    expect(md).toContain('| GSI `byUser` | `userId` (STRING) | `createdAt` (NUMBER) | `INCLUDE`: `keyId`, `name`, `prefix`, `lastUsedAt`, `revokedAt` |');
    expect(md).toContain('- Settings: billing `PAY_PER_REQUEST`, TTL attribute `expiresAt`, stream `NEW_AND_OLD_IMAGES`');
    expect(md).toContain('- Stream consumed by `UsageAggregatorFn` (`/packages/api/src/handlers/streams/usage-aggregator.ts`)');
    expect(md).toContain('- Access granted: read — `KvGetFn`, `KvListFn`; read/write — `KvPutFn`, `KvDeleteFn`, `KvBatchFn`');
    // Access patterns from the code are grouped under the table whose env var the code reads.
    expect(md).toContain('#### Access patterns: `KVStore`');
    expect(md).toContain('Table `KVStore`: the table name comes from `KV_TABLE_NAME`.');
  });

  it('reads LSIs, TableV2 and CfnTable key schemas, and imported tables', async () => {
    const v1 = (await section(databaseSchemaStep, 'cdk-v1')).markdown;
    expect(v1).toContain('| LSI `byStatus` | — | `status` (STRING) | ALL (default) | `/lib/orders-stack.ts:22` |');
    const http = (await section(databaseSchemaStep, 'cdk-http-api')).markdown;
    expect(http).toContain('| `Audit` | `id` (S) | `at` (N) | GSI `byActor` | — | `/infra/lib/data-stack.ts:32` |');
    expect(http).toContain('| LSI `lsi1` | — | `updatedAt` (NUMBER) | `ALL` |');
    const helpers = (await section(databaseSchemaStep, 'cdk-helpers')).markdown;
    expect(helpers).toContain('1 DynamoDB table defined with AWS CDK in `/lib/shop-stack.ts`, and 1 existing table imported by name.');
    expect(helpers).toContain('- An existing table referenced by name: its keys and indexes are defined outside this code');
  });

  it('says plainly when there is no schema at all', async () => {
    const md = (await section(databaseSchemaStep, 'cdk-none')).markdown;
    expect(md).toBe(
      '## 4. Database Schema\n\nNo database schema found: no DynamoDB tables in CDK code, no Prisma, Drizzle or TypeORM schema, no database client in use and no database access code.\n',
    );
  });

  it('matches the golden section for examples/kv-store', async () => {
    const s = await section(databaseSchemaStep, EXAMPLE);
    expect(missingCitations(s.markdown, await indexOf(EXAMPLE))).toEqual([]);
    const golden = path.join(PROJECT_ROOT, 'test/golden/step-04.md');
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, s.markdown);
    expect(s.markdown).toBe(readFileSync(golden, 'utf8'));
  });
});
