import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type BatchWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { BatchOperation, KvItem, KvValue, ListKeysResponse } from '@kv/shared';
import { decodeCursor, encodeCursor, getDocumentClient } from '../lib/dynamo';

const TABLE_NAME = process.env.KV_TABLE_NAME ?? 'kv-dev-store';

/** Items of all users share one table; the partition key is `${userId}#${namespace}`. */
export const toNamespaceId = (userId: string, namespace: string) => `${userId}#${namespace}`;

interface KvRecord {
  namespaceId: string;
  key: string;
  value: KvValue;
  size: number;
  createdAt: number;
  updatedAt: number;
  expiresAt?: number;
}

const toItem = (namespace: string, r: KvRecord): KvItem => ({
  namespace,
  key: r.key,
  value: r.value,
  size: r.size,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  expiresAt: r.expiresAt,
});

const expiresAt = (ttlSeconds?: number) =>
  ttlSeconds ? Math.floor(Date.now() / 1000) + ttlSeconds : undefined;

export const kvRepository = {
  async get(userId: string, namespace: string, key: string): Promise<KvItem | undefined> {
    const { Item } = await getDocumentClient().send(
      new GetCommand({ TableName: TABLE_NAME, Key: { namespaceId: toNamespaceId(userId, namespace), key } }),
    );
    const record = Item as KvRecord | undefined;
    // DynamoDB TTL deletes lazily (up to 48h), so hide expired items ourselves.
    if (!record || (record.expiresAt && record.expiresAt * 1000 < Date.now())) return undefined;
    return toItem(namespace, record);
  },

  async put(userId: string, namespace: string, key: string, value: KvValue, ttlSeconds?: number) {
    const now = Date.now();
    const size = Buffer.byteLength(JSON.stringify(value), 'utf8');
    const record: KvRecord = {
      namespaceId: toNamespaceId(userId, namespace),
      key,
      value,
      size,
      createdAt: now,
      updatedAt: now,
      expiresAt: expiresAt(ttlSeconds),
    };
    const { Attributes } = await getDocumentClient().send(
      new PutCommand({ TableName: TABLE_NAME, Item: record, ReturnValues: 'ALL_OLD' }),
    );
    const previous = Attributes as KvRecord | undefined;
    if (previous) record.createdAt = previous.createdAt;
    return { item: toItem(namespace, record), created: !previous };
  },

  async delete(userId: string, namespace: string, key: string): Promise<boolean> {
    const { Attributes } = await getDocumentClient().send(
      new DeleteCommand({
        TableName: TABLE_NAME,
        Key: { namespaceId: toNamespaceId(userId, namespace), key },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return Attributes !== undefined;
  },

  async list(
    userId: string,
    namespace: string,
    opts: { prefix?: string; limit: number; cursor?: string; order: 'key' | 'recent' },
  ): Promise<ListKeysResponse> {
    const recent = opts.order === 'recent';
    const { Items = [], LastEvaluatedKey } = await getDocumentClient().send(
      new QueryCommand({
        TableName: TABLE_NAME,
        // GSI byUpdatedAt: pk namespaceId, sk updatedAt (N) — newest first.
        IndexName: recent ? 'byUpdatedAt' : undefined,
        KeyConditionExpression:
          opts.prefix && !recent ? 'namespaceId = :ns AND begins_with(#key, :prefix)' : 'namespaceId = :ns',
        ExpressionAttributeNames: { '#key': 'key', '#size': 'size' },
        ExpressionAttributeValues: {
          ':ns': toNamespaceId(userId, namespace),
          ...(opts.prefix && !recent ? { ':prefix': opts.prefix } : {}),
        },
        ProjectionExpression: '#key, #size, updatedAt, expiresAt',
        ScanIndexForward: !recent,
        Limit: opts.limit,
        ExclusiveStartKey: decodeCursor(opts.cursor),
      }),
    );
    return {
      items: (Items as KvRecord[]).map(({ key, size, updatedAt, expiresAt }) => ({ key, size, updatedAt, expiresAt })),
      cursor: encodeCursor(LastEvaluatedKey),
    };
  },

  /** Applies up to 25 put/delete operations; retries unprocessed items with backoff. */
  async batch(userId: string, namespace: string, operations: BatchOperation[]) {
    const namespaceId = toNamespaceId(userId, namespace);
    const now = Date.now();
    let requests: NonNullable<BatchWriteCommandInput['RequestItems']>[string] = operations.map((op) =>
      op.op === 'put'
        ? {
            PutRequest: {
              Item: {
                namespaceId,
                key: op.key,
                value: op.value,
                size: Buffer.byteLength(JSON.stringify(op.value), 'utf8'),
                createdAt: now,
                updatedAt: now,
                expiresAt: expiresAt(op.ttlSeconds),
              },
            },
          }
        : { DeleteRequest: { Key: { namespaceId, key: op.key } } },
    );

    for (let attempt = 0; requests.length > 0 && attempt < 5; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const { UnprocessedItems } = await getDocumentClient().send(
        new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: requests } }),
      );
      requests = UnprocessedItems?.[TABLE_NAME] ?? [];
    }
    if (requests.length > 0) throw new Error(`${requests.length} batch operations were not processed`);

    return {
      written: operations.filter((o) => o.op === 'put').length,
      deleted: operations.filter((o) => o.op === 'delete').length,
    };
  },
};
