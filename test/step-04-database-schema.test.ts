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
    expect(helpers).toContain('- An existing table imported by name, not created here: the import does not give its keys and indexes');
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

describe('tables one stack imports and another defines', () => {
  it('an import by a defined table’s attribute is listed with it and counted; one by its physical name points to it; another is not said to be defined outside', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { 'aws-cdk-lib': '2.100.0', constructs: '10.0.0' } }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'bin/app.ts': [
        "import * as cdk from 'aws-cdk-lib';",
        "import { CoreStack } from '../lib/core-stack';",
        "import { AdminStack } from '../lib/admin-stack';",
        'const app = new cdk.App();',
        "const core = new CoreStack(app, 'ProdCore');",
        "new AdminStack(app, 'ProdAdmin', { usersTableName: core.usersTable.tableName });",
      ].join('\n'),
      'lib/core-stack.ts': [
        "import * as cdk from 'aws-cdk-lib';",
        "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
        "import type { Construct } from 'constructs';",
        'export class CoreStack extends cdk.Stack {',
        '  public readonly usersTable: dynamodb.Table;',
        '  constructor(scope: Construct, id: string, props?: cdk.StackProps) {',
        '    super(scope, id, props);',
        "    this.usersTable = new dynamodb.Table(this, 'UsersTable', {",
        '      tableName: `${this.stackName}-Users`,',
        "      partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING },",
        '    });',
        '  }',
        '}',
      ].join('\n'),
      'lib/admin-stack.ts': [
        "import * as cdk from 'aws-cdk-lib';",
        "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
        "import type { Construct } from 'constructs';",
        'interface AdminProps extends cdk.StackProps { usersTableName: string }',
        'export class AdminStack extends cdk.Stack {',
        '  constructor(scope: Construct, id: string, props: AdminProps) {',
        '    super(scope, id, props);',
        "    dynamodb.Table.fromTableName(this, 'UsersTable', props.usersTableName);",
        "    dynamodb.Table.fromTableName(this, 'UsersByName', 'ProdCore-Users');",
        "    dynamodb.Table.fromTableName(this, 'Legacy', 'legacy-orders');",
        "    dynamodb.Table.fromTableArn(this, 'Archive', 'arn:aws:dynamodb:us-east-1:123456789012:table/archive');",
        '  }',
        '}',
      ].join('\n'),
    });
    const md = (await section(databaseSchemaStep, root)).markdown;
    expect(md).toContain(
      "1 DynamoDB table defined with AWS CDK in `/lib/core-stack.ts`, and 3 existing tables imported by name or ARN (1 of them names a table defined here); 1 more import given a defined table's name or ARN is listed with that table.",
    );
    expect(md).toContain('- Also imported by name in `AdminStack` as `UsersTable` (`/lib/admin-stack.ts:8`), `AdminStack` as `UsersByName` (`/lib/admin-stack.ts:9`)');
    expect(md).toContain('- Imported by name: the table `UsersTable`, defined at `/lib/core-stack.ts:8`, whose keys and indexes are listed there');
    expect(md).toContain('- An existing table imported by name, not created here: the import does not give its keys and indexes');
    expect(md).toContain('- An existing table imported by ARN, not created here: the import does not give its keys and indexes');
    expect(md).not.toContain('defined outside');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });
});
