import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { currentMonth, usageRepository } from '../../repositories/usage-repository';
import { logger } from '../../lib/logger';

type Image = Record<string, AttributeValue> | undefined;

const sizeOf = (image: Image) => (image ? Number(unmarshall(image).size ?? 0) : 0);
const userIdOf = (image: Image) => (image ? String(unmarshall(image).namespaceId).split('#')[0] : undefined);

/**
 * Consumes the KVStore table stream (NEW_AND_OLD_IMAGES) and keeps the
 * `YYYY-MM#storageBytes` counter in UsageMetrics up to date.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<void> => {
  const deltas = new Map<string, number>();

  for (const record of event.Records) {
    const newImage = record.dynamodb?.NewImage as Image;
    const oldImage = record.dynamodb?.OldImage as Image;
    const userId = userIdOf(newImage) ?? userIdOf(oldImage);
    if (!userId) continue;
    deltas.set(userId, (deltas.get(userId) ?? 0) + sizeOf(newImage) - sizeOf(oldImage));
  }

  const month = currentMonth();
  await Promise.all(
    [...deltas].filter(([, delta]) => delta !== 0).map(([userId, delta]) =>
      usageRepository.increment(userId, month, 'storageBytes', delta),
    ),
  );
  logger.debug('storage usage aggregated', { records: event.Records.length, users: deltas.size });
};
