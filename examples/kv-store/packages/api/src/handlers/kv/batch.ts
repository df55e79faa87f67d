import type { BatchOperation } from '@kv/shared';
import { withHandler } from '../../middleware/with-handler';
import { withAuth } from '../../middleware/with-auth';
import { withRateLimit } from '../../middleware/rate-limit';
import { kvRepository } from '../../repositories/kv-repository';
import { usersRepository } from '../../repositories/users-repository';
import { NotFoundError } from '../../lib/errors';
import { batchSchema, namespacePathSchema, parsePath } from '../../lib/validation';

/** POST /v1/kv/{namespace}/batch — body `{ operations: [{ op: 'put' | 'delete', key, value? }] }` */
export const handler = withHandler(
  withAuth(
    withRateLimit(async (event, { principal, body, logger }) => {
      const { namespace } = parsePath(event, namespacePathSchema);
      const { operations } = batchSchema.parse(body);

      const user = await usersRepository.get(principal.userId);
      if (!user?.namespaces.includes(namespace)) {
        throw new NotFoundError(`Namespace "${namespace}" does not exist`);
      }

      const result = await kvRepository.batch(principal.userId, namespace, operations as BatchOperation[]);
      logger.info('batch applied', { namespace, ...result });
      return { body: result };
    }, 'writes'),
  ),
);
