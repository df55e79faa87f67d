import { z } from 'zod';
import {
  DEFAULT_LIST_LIMIT,
  MAX_BATCH_OPERATIONS,
  MAX_KEY_LENGTH,
  NAMESPACE_PATTERN,
} from '@kv/shared';
import type { APIGatewayProxyEvent } from 'aws-lambda';

export const namespaceSchema = z
  .string()
  .regex(NAMESPACE_PATTERN, 'Namespace must be 2-63 lowercase letters, digits or dashes');

export const keySchema = z.string().min(1).max(MAX_KEY_LENGTH);

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(jsonValue)]),
);

const ttlSeconds = z.number().int().min(60).max(60 * 60 * 24 * 365);

export const kvPathSchema = z.object({ namespace: namespaceSchema, key: keySchema });
export const namespacePathSchema = z.object({ namespace: namespaceSchema });

export const putValueSchema = z.object({
  value: jsonValue,
  ttlSeconds: ttlSeconds.optional(),
});

export const listQuerySchema = z.object({
  prefix: z.string().max(MAX_KEY_LENGTH).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(DEFAULT_LIST_LIMIT),
  cursor: z.string().optional(),
  order: z.enum(['key', 'recent']).default('key'),
});

export const batchSchema = z.object({
  operations: z
    .array(
      z.discriminatedUnion('op', [
        z.object({ op: z.literal('put'), key: keySchema, value: jsonValue, ttlSeconds: ttlSeconds.optional() }),
        z.object({ op: z.literal('delete'), key: keySchema }),
      ]),
    )
    .min(1)
    .max(MAX_BATCH_OPERATIONS),
});

export const createNamespaceSchema = z.object({ name: namespaceSchema });

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1).max(64),
});

export const usageQuerySchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
});

/** Validates `event.pathParameters` (API Gateway leaves them URL-encoded for greedy paths). */
export function parsePath<T extends z.ZodTypeAny>(event: APIGatewayProxyEvent, schema: T): z.infer<T> {
  const decoded = Object.fromEntries(
    Object.entries(event.pathParameters ?? {}).map(([k, v]) => [k, v ? decodeURIComponent(v) : v]),
  );
  return schema.parse(decoded);
}

export function parseQuery<T extends z.ZodTypeAny>(event: APIGatewayProxyEvent, schema: T): z.infer<T> {
  return schema.parse(event.queryStringParameters ?? {});
}
