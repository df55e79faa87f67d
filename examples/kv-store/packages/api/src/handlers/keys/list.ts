import { withHandler } from '../../middleware/with-handler';
import { withAuth } from '../../middleware/with-auth';
import { apiKeysRepository } from '../../repositories/api-keys-repository';

/** GET /account/keys — never returns hashes or secrets. */
export const handler = withHandler(
  withAuth(async (_event, { principal }) => {
    const keys = await apiKeysRepository.listByUser(principal.userId);
    return {
      body: {
        keys: keys.map(({ keyHash: _hash, ...key }) => key),
      },
    };
  }),
);
