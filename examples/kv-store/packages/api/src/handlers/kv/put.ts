import { MAX_VALUE_SIZE_BYTES, type KvValue } from '@kv/shared';
import { withHandler } from '../../middleware/with-handler';
import { withAuth } from '../../middleware/with-auth';
import { withRateLimit } from '../../middleware/rate-limit';
import { kvRepository } from '../../repositories/kv-repository';
import { usersRepository } from '../../repositories/users-repository';
import { NotFoundError, PayloadTooLargeError } from '../../lib/errors';
import { kvPathSchema, parsePath, putValueSchema } from '../../lib/validation';

/** PUT /v1/kv/{namespace}/{key} — body `{ value, ttlSeconds? }` */
export const handler = withHandler(
  withAuth(
    withRateLimit(async (event, { principal, body, rawBody }) => {
      const { namespace, key } = parsePath(event, kvPathSchema);
      const { value, ttlSeconds } = putValueSchema.parse(body);

      if (Buffer.byteLength(rawBody, 'utf8') > MAX_VALUE_SIZE_BYTES) {
        throw new PayloadTooLargeError(`Values are limited to ${MAX_VALUE_SIZE_BYTES / 1024} KB`);
      }

      const user = await usersRepository.get(principal.userId);
      if (!user?.namespaces.includes(namespace)) {
        throw new NotFoundError(`Namespace "${namespace}" does not exist`);
      }

      const { item, created } = await kvRepository.put(principal.userId, namespace, key, value as KvValue, ttlSeconds);
      return { statusCode: created ? 201 : 200, body: item };
    }, 'writes'),
  ),
);
