import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PLAN_LIMITS, type Plan, type User } from '@kv/shared';
import { getDocumentClient } from '../lib/dynamo';
import { ConflictError, QuotaExceededError } from '../lib/errors';

const TABLE_NAME = process.env.USERS_TABLE_NAME ?? 'kv-dev-users';

type UserRecord = Omit<User, 'namespaces'> & { namespaces?: Set<string> };

const toUser = (r: UserRecord): User => ({ ...r, namespaces: [...(r.namespaces ?? [])].sort() });

const isConditionalFailure = (err: unknown) =>
  err instanceof Error && err.name === 'ConditionalCheckFailedException';

export const usersRepository = {
  async get(userId: string): Promise<User | undefined> {
    const { Item } = await getDocumentClient().send(new GetCommand({ TableName: TABLE_NAME, Key: { userId } }));
    return Item ? toUser(Item as UserRecord) : undefined;
  },

  /** GSI `byEmail` (pk email). */
  async getByEmail(email: string): Promise<User | undefined> {
    const { Items } = await getDocumentClient().send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'byEmail',
        KeyConditionExpression: 'email = :email',
        ExpressionAttributeValues: { ':email': email.toLowerCase() },
        Limit: 1,
      }),
    );
    return Items?.[0] ? toUser(Items[0] as UserRecord) : undefined;
  },

  /** GSI `byPaddleCustomer` (pk paddleCustomerId) — used by the billing webhook. */
  async getByPaddleCustomerId(paddleCustomerId: string): Promise<User | undefined> {
    const { Items } = await getDocumentClient().send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'byPaddleCustomer',
        KeyConditionExpression: 'paddleCustomerId = :cid',
        ExpressionAttributeValues: { ':cid': paddleCustomerId },
        Limit: 1,
      }),
    );
    return Items?.[0] ? toUser(Items[0] as UserRecord) : undefined;
  },

  async create(user: Pick<User, 'userId' | 'email'>): Promise<void> {
    try {
      await getDocumentClient().send(
        new PutCommand({
          TableName: TABLE_NAME,
          Item: { ...user, email: user.email.toLowerCase(), plan: 'free', apiKeyCount: 0, createdAt: Date.now() },
          ConditionExpression: 'attribute_not_exists(userId)',
        }),
      );
    } catch (err) {
      if (isConditionalFailure(err)) throw new ConflictError('User already exists');
      throw err;
    }
  },

  async updateSubscription(
    userId: string,
    update: { plan: Plan; paddleCustomerId: string; paddleSubscriptionId: string; status: User['subscriptionStatus'] },
  ): Promise<void> {
    await getDocumentClient().send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: { userId },
        UpdateExpression:
          'SET #plan = :plan, paddleCustomerId = :cid, paddleSubscriptionId = :sid, subscriptionStatus = :status',
        ExpressionAttributeNames: { '#plan': 'plan' },
        ExpressionAttributeValues: {
          ':plan': update.plan,
          ':cid': update.paddleCustomerId,
          ':sid': update.paddleSubscriptionId,
          ':status': update.status,
        },
        ConditionExpression: 'attribute_exists(userId)',
      }),
    );
  },

  /** Adds a namespace to the user's string set, enforcing the plan's namespace limit. */
  async addNamespace(user: User, name: string): Promise<void> {
    if (user.namespaces.includes(name)) throw new ConflictError(`Namespace "${name}" already exists`);
    const max = PLAN_LIMITS[user.plan].namespaces;
    try {
      await getDocumentClient().send(
        new UpdateCommand({
          TableName: TABLE_NAME,
          Key: { userId: user.userId },
          UpdateExpression: 'ADD namespaces :ns',
          ConditionExpression: 'attribute_not_exists(namespaces) OR size(namespaces) < :max',
          ExpressionAttributeValues: { ':ns': new Set([name]), ':max': max },
        }),
      );
    } catch (err) {
      if (isConditionalFailure(err)) {
        throw new QuotaExceededError(`The ${user.plan} plan allows up to ${max} namespaces`);
      }
      throw err;
    }
  },
};
