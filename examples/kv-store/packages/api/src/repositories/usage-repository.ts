import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { UsageMetric, UsageRecord } from '@kv/shared';
import { getDocumentClient } from '../lib/dynamo';

const TABLE_NAME = process.env.USAGE_TABLE_NAME ?? 'kv-dev-usage';
/** Usage rows are kept for ~13 months, then removed by the `ttl` attribute. */
const RETENTION_SECONDS = 400 * 24 * 60 * 60;

/** `YYYY-MM` in UTC. */
export const currentMonth = (date = new Date()) => date.toISOString().slice(0, 7);

/** Sort key of a UsageMetrics row, e.g. `2024-05#requests`. */
export const periodKey = (month: string, metric: UsageMetric) => `${month}#${metric}`;

export const usageRepository = {
  /** Atomically adds `by` to a monthly counter and returns the new value. */
  async increment(userId: string, month: string, metric: UsageMetric, by = 1): Promise<number> {
    const { Attributes } = await getDocumentClient().send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: { userId, period: periodKey(month, metric) },
        UpdateExpression: 'ADD #value :by SET metric = :metric, updatedAt = :now, #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#value': 'value', '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':by': by,
          ':metric': metric,
          ':now': Date.now(),
          ':ttl': Math.floor(Date.now() / 1000) + RETENTION_SECONDS,
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.value ?? 0);
  },

  /** All counters of one month: `begins_with(period, 'YYYY-MM#')`. */
  async getMonth(userId: string, month: string): Promise<UsageRecord[]> {
    const { Items = [] } = await getDocumentClient().send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'userId = :userId AND begins_with(period, :month)',
        ExpressionAttributeValues: { ':userId': userId, ':month': `${month}#` },
      }),
    );
    return Items as UsageRecord[];
  },
};
