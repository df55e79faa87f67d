import { withHandler } from '../../middleware/with-handler';
import { withAuth } from '../../middleware/with-auth';
import { usersRepository } from '../../repositories/users-repository';
import { NotFoundError } from '../../lib/errors';
import { createNamespaceSchema } from '../../lib/validation';

/** POST /v1/namespaces — body `{ name }` */
export const handler = withHandler(
  withAuth(async (_event, { principal, body, logger }) => {
    const { name } = createNamespaceSchema.parse(body);
    const user = await usersRepository.get(principal.userId);
    if (!user) throw new NotFoundError('User not found');

    await usersRepository.addNamespace(user, name);
    logger.info('namespace created', { namespace: name });
    return { statusCode: 201, body: { name, createdAt: Date.now() } };
  }),
);
