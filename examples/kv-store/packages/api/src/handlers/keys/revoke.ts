import { z } from 'zod';
import { withHandler } from '../../middleware/with-handler';
import { withAuth } from '../../middleware/with-auth';
import { apiKeysRepository } from '../../repositories/api-keys-repository';
import { parsePath } from '../../lib/validation';

const pathSchema = z.object({ keyId: z.string().uuid() });

/** DELETE /account/keys/{keyId} */
export const handler = withHandler(
  withAuth(async (event, { principal, logger }) => {
    const { keyId } = parsePath(event, pathSchema);
    await apiKeysRepository.revoke(principal.userId, keyId);
    logger.info('api key revoked', { keyId });
    return { statusCode: 204 };
  }),
);
