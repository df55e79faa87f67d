import * as cdk from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';

export interface DatabaseStackProps extends cdk.StackProps {
  stage: string;
  /** Keep tables (and enable PITR) when the stack is deleted — prod only. */
  retainData: boolean;
}

/**
 * The four DynamoDB tables of KV Store. All on-demand (PAY_PER_REQUEST).
 *
 * | Table        | PK          | SK        | GSIs                                   |
 * | KVStore      | namespaceId | key       | byUpdatedAt (namespaceId, updatedAt)    |
 * | Users        | userId      | —         | byEmail (email), byPaddleCustomer      |
 * | APIKeys      | keyHash     | —         | byUser (userId, createdAt)             |
 * | UsageMetrics | userId      | period    | —                                      |
 */
export class DatabaseStack extends cdk.Stack {
  public readonly kvTable: dynamodb.Table;
  public readonly usersTable: dynamodb.Table;
  public readonly apiKeysTable: dynamodb.TableV2;
  public readonly usageTable: dynamodb.Table;

  constructor(scope: Construct, id: string, props: DatabaseStackProps) {
    super(scope, id, props);

    const removalPolicy = props.retainData ? cdk.RemovalPolicy.RETAIN : cdk.RemovalPolicy.DESTROY;
    const pointInTimeRecovery = props.retainData;

    // KVStore — one item per key; partition = `${userId}#${namespace}`.
    this.kvTable = new dynamodb.Table(this, 'KVStore', {
      tableName: `kv-${props.stage}-store`,
      partitionKey: { name: 'namespaceId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'key', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      pointInTimeRecovery,
      removalPolicy,
    });
    this.kvTable.addGlobalSecondaryIndex({
      indexName: 'byUpdatedAt',
      partitionKey: { name: 'namespaceId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'updatedAt', type: dynamodb.AttributeType.NUMBER },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    });

    // Users — one row per Cognito user (userId = Cognito `sub`).
    this.usersTable = new dynamodb.Table(this, 'Users', {
      tableName: `kv-${props.stage}-users`,
      partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecovery,
      removalPolicy,
    });
    this.usersTable.addGlobalSecondaryIndex({
      indexName: 'byEmail',
      partitionKey: { name: 'email', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
    this.usersTable.addGlobalSecondaryIndex({
      indexName: 'byPaddleCustomer',
      partitionKey: { name: 'paddleCustomerId', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });

    // APIKeys — raw keys are never stored, only their SHA-256 hash.
    this.apiKeysTable = new dynamodb.TableV2(this, 'APIKeys', {
      tableName: `kv-${props.stage}-api-keys`,
      partitionKey: { name: 'keyHash', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecovery,
      removalPolicy,
      globalSecondaryIndexes: [
        {
          indexName: 'byUser',
          partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING },
          sortKey: { name: 'createdAt', type: dynamodb.AttributeType.NUMBER },
          projectionType: dynamodb.ProjectionType.INCLUDE,
          nonKeyAttributes: ['keyId', 'name', 'prefix', 'lastUsedAt', 'revokedAt'],
        },
      ],
    });

    // UsageMetrics — monthly counters, sk `YYYY-MM#metric` (e.g. `2024-05#requests`).
    this.usageTable = new dynamodb.Table(this, 'UsageMetrics', {
      tableName: `kv-${props.stage}-usage`,
      partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'period', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'ttl',
      removalPolicy,
    });

    new cdk.CfnOutput(this, 'KvTableName', { value: this.kvTable.tableName });
    new cdk.CfnOutput(this, 'UsersTableName', { value: this.usersTable.tableName });
    new cdk.CfnOutput(this, 'ApiKeysTableName', { value: this.apiKeysTable.tableName });
    new cdk.CfnOutput(this, 'UsageTableName', { value: this.usageTable.tableName });
  }
}
