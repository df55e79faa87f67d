import { withHandler } from '../../middleware/with-handler';
import { withAuth } from '../../middleware/with-auth';
import { usersRepository } from '../../repositories/users-repository';
import { NotFoundError } from '../../lib/errors';

/** GET /v1/namespaces */
export const handler = withHandler(
  withAuth(async (_event, { principal }) => {
    const user = await usersRepository.get(principal.userId);
    if (!user) throw new NotFoundError('User not found');
    return { body: { namespaces: user.namespaces.map((name) => ({ name })) } };
  }),
);
