/**
 * A `TableName` that is a parameter: followed to the constant the (production, same-package) callers pass, through a
 * curried factory and an imported constant, only when every caller agrees (the cdk-serverless-api shape).
 */
import { describe, expect, it } from 'vitest';
import { dbAccessDetector } from '../src/detectors/backend-code/index.js';
import type { DbAccessData } from '../src/detectors/backend-code/types.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const app = [
  "import { DynamoDB } from 'aws-sdk';",
  'const findUser = async (docClient: DynamoDB.DocumentClient, authTableName: string, id: string) =>',
  '  docClient.get({ TableName: authTableName, Key: { id } }).promise();',
  'export const handleInternal = (docClient: DynamoDB.DocumentClient, authTableName: string) => async (event: { id: string }) =>',
  '  findUser(docClient, authTableName, event.id);',
  '',
].join('\n');

function repo(extra: Record<string, string> = {}): string {
  return tempRepo({
    'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { 'aws-sdk': '2.0.0' } }),
    'lib/names.ts': "export const AUTH_TABLE_NAME = 'auth-users';\nexport const OTHER_TABLE_NAME = 'other';\n",
    'src/lambda-auth/app.ts': app,
    'src/lambda-auth/index.ts': [
      "import { DynamoDB } from 'aws-sdk';",
      "import { AUTH_TABLE_NAME } from '../../lib/names';",
      "import { handleInternal } from './app';",
      'export const handler = handleInternal(new DynamoDB.DocumentClient(), AUTH_TABLE_NAME);',
      '',
    ].join('\n'),
    // A test passes a table of its own: not what is deployed, so it does not count.
    'test/app.test.ts': "import { handleInternal } from '../src/lambda-auth/app';\nhandleInternal({} as never, 'test-table');\n",
    ...extra,
  });
}

describe('TableName given as a parameter', () => {
  it('follows the parameter to the imported constant every production caller passes', async () => {
    const access = (await detect(dbAccessDetector, repo())).map((f) => f.data as DbAccessData);
    expect(access).toMatchObject([{ operation: 'Get', table: 'authTableName', literal: 'auth-users', function: 'findUser' }]);
  });

  it('says nothing when the callers disagree', async () => {
    const root = repo({
      'src/lambda-other/index.ts': [
        "import { OTHER_TABLE_NAME } from '../../lib/names';",
        "import { handleInternal } from '../lambda-auth/app';",
        'export const handler = handleInternal({} as never, OTHER_TABLE_NAME);',
        '',
      ].join('\n'),
    });
    const [access] = (await detect(dbAccessDetector, root)).map((f) => f.data as DbAccessData);
    expect(access.literal).toBeUndefined();
    expect(access.envVar).toBeUndefined();
  });

  it('follows a name destructured from a config parameter to the object the caller passes, and an IndexName too', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { 'aws-sdk': '2.0.0' } }),
      'lib/names.ts': "export const EVENTS_TABLE_NAME = 'events';\nexport const USER_ID_GSI_NAME = 'GsiUserId';\n",
      'src/reducer/app.ts': [
        "import { DynamoDB } from 'aws-sdk';",
        'interface Config { docClient: DynamoDB.DocumentClient; eventsTableName: string; userIdGsiName: string }',
        'const load = (docClient: DynamoDB.DocumentClient, eventsTableName: string, indexName: string, userId: string) =>',
        "  docClient.query({ TableName: eventsTableName, IndexName: indexName, KeyConditionExpression: '#u = :u' }).promise();",
        'const generate = async (userId: string, config: Config) => {',
        '  const { docClient, eventsTableName, userIdGsiName } = config;',
        '  return load(docClient, eventsTableName, userIdGsiName, userId);',
        '};',
        'export const handleInternal = (config: Config) => async (event: { userId: string }) => generate(event.userId, config);',
        '',
      ].join('\n'),
      'src/reducer/index.ts': [
        "import { DynamoDB } from 'aws-sdk';",
        "import { EVENTS_TABLE_NAME, USER_ID_GSI_NAME } from '../../lib/names';",
        "import { handleInternal } from './app';",
        'export const handler = handleInternal({ docClient: new DynamoDB.DocumentClient(), eventsTableName: EVENTS_TABLE_NAME, userIdGsiName: USER_ID_GSI_NAME });',
        '',
      ].join('\n'),
    });
    const access = (await detect(dbAccessDetector, root)).map((f) => f.data as DbAccessData);
    expect(access).toMatchObject([{ operation: 'Query', literal: 'events', index: 'GsiUserId', function: 'load' }]);
  });
});
