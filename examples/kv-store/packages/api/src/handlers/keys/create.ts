import { randomUUID } from 'node:crypto';
import type { ApiKey, CreatedApiKey } from '@kv/shared';
import { withHandler } from '../../middleware/with-handler';
import { withAuth } from '../../middleware/with-auth';
import { apiKeysRepository } from '../../repositories/api-keys-repository';
import { usersRepository } from '../../repositories/users-repository';
import { NotFoundError } from '../../lib/errors';
import { generateApiKey } from '../../lib/hash';
import { createApiKeySchema } from '../../lib/validation';

/** POST /account/keys — body `{ name }`. The secret is returned exactly once. */
export const handler = withHandler(
  withAuth(async (_event, { principal, body, logger }) => {
    const { name } = createApiKeySchema.parse(body);
    const user = await usersRepository.get(principal.userId);
    if (!user) throw new NotFoundError('User not found');

    const { secret, prefix, keyHash } = generateApiKey();
    const key: ApiKey = { keyId: randomUUID(), keyHash, userId: user.userId, name, prefix, createdAt: Date.now() };
    await apiKeysRepository.create(key, user.plan);

    logger.info('api key created', { keyId: key.keyId });
    const { keyHash: _hash, ...rest } = key;
    const created: CreatedApiKey = { ...rest, secret };
    return { statusCode: 201, body: created };
  }),
);
