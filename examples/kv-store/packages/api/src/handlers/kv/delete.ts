import { withHandler } from '../../middleware/with-handler';
import { withAuth } from '../../middleware/with-auth';
import { withRateLimit } from '../../middleware/rate-limit';
import { kvRepository } from '../../repositories/kv-repository';
import { NotFoundError } from '../../lib/errors';
import { kvPathSchema, parsePath } from '../../lib/validation';

/** DELETE /v1/kv/{namespace}/{key} */
export const handler = withHandler(
  withAuth(
    withRateLimit(async (event, { principal }) => {
      const { namespace, key } = parsePath(event, kvPathSchema);
      const deleted = await kvRepository.delete(principal.userId, namespace, key);
      if (!deleted) throw new NotFoundError(`Key "${key}" not found in namespace "${namespace}"`);
      return { statusCode: 204 };
    }, 'writes'),
  ),
);
