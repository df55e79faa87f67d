import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { PLAN_LIMITS, type ApiKey, type Plan } from '@kv/shared';
import { getDocumentClient } from '../lib/dynamo';
import { NotFoundError, QuotaExceededError } from '../lib/errors';

const TABLE_NAME = process.env.API_KEYS_TABLE_NAME ?? 'kv-dev-api-keys';
const USERS_TABLE_NAME = process.env.USERS_TABLE_NAME ?? 'kv-dev-users';

export const apiKeysRepository = {
  /** Primary key lookup by SHA-256 hash; used by the API key authorizer on every request. */
  async getByHash(keyHash: string): Promise<ApiKey | undefined> {
    const { Item } = await getDocumentClient().send(new GetCommand({ TableName: TABLE_NAME, Key: { keyHash } }));
    return Item as ApiKey | undefined;
  },

  /** GSI `byUser` (pk userId, sk createdAt), newest first. */
  async listByUser(userId: string): Promise<ApiKey[]> {
    const { Items = [] } = await getDocumentClient().send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'byUser',
        KeyConditionExpression: 'userId = :userId',
        ExpressionAttributeValues: { ':userId': userId },
        ScanIndexForward: false,
      }),
    );
    return Items as ApiKey[];
  },

  /**
   * Stores a new key and bumps `Users.apiKeyCount` atomically, so the plan's
   * key limit cannot be exceeded by concurrent requests.
   */
  async create(key: ApiKey, plan: Plan): Promise<void> {
    const max = PLAN_LIMITS[plan].apiKeys;
    try {
      await getDocumentClient().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: TABLE_NAME,
                Item: key,
                ConditionExpression: 'attribute_not_exists(keyHash)',
              },
            },
            {
              Update: {
                TableName: USERS_TABLE_NAME,
                Key: { userId: key.userId },
                UpdateExpression: 'SET apiKeyCount = if_not_exists(apiKeyCount, :zero) + :one',
                ConditionExpression: 'attribute_not_exists(apiKeyCount) OR apiKeyCount < :max',
                ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':max': max },
              },
            },
          ],
        }),
      );
    } catch (err) {
      if (err instanceof Error && err.name === 'TransactionCanceledException') {
        throw new QuotaExceededError(`The ${plan} plan allows up to ${max} API keys`);
      }
      throw err;
    }
  },

  async revoke(userId: string, keyId: string): Promise<void> {
    const key = (await this.listByUser(userId)).find((k) => k.keyId === keyId && !k.revokedAt);
    if (!key) throw new NotFoundError(`API key ${keyId} not found`);

    await getDocumentClient().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: TABLE_NAME,
              Key: { keyHash: key.keyHash },
              UpdateExpression: 'SET revokedAt = :now',
              ConditionExpression: 'userId = :userId',
              ExpressionAttributeValues: { ':now': Date.now(), ':userId': userId },
            },
          },
          {
            Update: {
              TableName: USERS_TABLE_NAME,
              Key: { userId },
              UpdateExpression: 'SET apiKeyCount = apiKeyCount - :one',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ],
      }),
    );
  },

  async touchLastUsed(keyHash: string): Promise<void> {
    await getDocumentClient().send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: { keyHash },
        UpdateExpression: 'SET lastUsedAt = :now',
        ExpressionAttributeValues: { ':now': Date.now() },
      }),
    );
  },
};
