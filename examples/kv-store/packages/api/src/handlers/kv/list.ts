import { withHandler } from '../../middleware/with-handler';
import { withAuth } from '../../middleware/with-auth';
import { withRateLimit } from '../../middleware/rate-limit';
import { kvRepository } from '../../repositories/kv-repository';
import { listQuerySchema, namespacePathSchema, parsePath, parseQuery } from '../../lib/validation';

/** GET /v1/kv/{namespace}?prefix=&limit=&cursor=&order=key|recent */
export const handler = withHandler(
  withAuth(
    withRateLimit(async (event, { principal }) => {
      const { namespace } = parsePath(event, namespacePathSchema);
      const query = parseQuery(event, listQuerySchema);
      const page = await kvRepository.list(principal.userId, namespace, query);
      return { body: page };
    }),
  ),
);
