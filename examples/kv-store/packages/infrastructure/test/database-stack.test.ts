import * as cdk from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatabaseStack } from '../lib/stacks/database-stack';

describe('DatabaseStack', () => {
  let template: Template;

  beforeAll(() => {
    const app = new cdk.App();
    const stack = new DatabaseStack(app, 'KvDatabase-test', { stage: 'test', retainData: false });
    template = Template.fromStack(stack);
  });

  it('creates three classic tables and one TableV2 (global table)', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 3);
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
  });

  it('KVStore has namespaceId/key keys, TTL, stream and the byUpdatedAt index', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'kv-test-store',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'namespaceId', KeyType: 'HASH' },
        { AttributeName: 'key', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'byUpdatedAt' })],
    });
  });

  it('Users is queryable by email and Paddle customer', () => {
    const tables = template.findResources('AWS::DynamoDB::Table', {
      Properties: { TableName: 'kv-test-users' },
    });
    const [users] = Object.values(tables);
    const indexNames = users?.Properties.GlobalSecondaryIndexes.map((i: { IndexName: string }) => i.IndexName);
    expect(indexNames).toEqual(['byEmail', 'byPaddleCustomer']);
  });

  it('APIKeys is keyed by keyHash with a byUser index', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TableName: 'kv-test-api-keys',
      KeySchema: [{ AttributeName: 'keyHash', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'byUser',
          Projection: Match.objectLike({ ProjectionType: 'INCLUDE' }),
        }),
      ],
    });
  });

  it('UsageMetrics expires rows through the ttl attribute', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'kv-test-usage',
      KeySchema: [
        { AttributeName: 'userId', KeyType: 'HASH' },
        { AttributeName: 'period', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
    });
  });
});
