import { withHandler } from '../../middleware/with-handler';
import { withAuth } from '../../middleware/with-auth';
import { withRateLimit } from '../../middleware/rate-limit';
import { kvRepository } from '../../repositories/kv-repository';
import { NotFoundError } from '../../lib/errors';
import { kvPathSchema, parsePath } from '../../lib/validation';

/** GET /v1/kv/{namespace}/{key} */
export const handler = withHandler(
  withAuth(
    withRateLimit(async (event, { principal }) => {
      const { namespace, key } = parsePath(event, kvPathSchema);
      const item = await kvRepository.get(principal.userId, namespace, key);
      if (!item) throw new NotFoundError(`Key "${key}" not found in namespace "${namespace}"`);
      return { body: item };
    }),
  ),
);
