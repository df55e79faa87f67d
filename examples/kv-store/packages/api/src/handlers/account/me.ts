import { PLAN_LIMITS } from '@kv/shared';
import { withHandler } from '../../middleware/with-handler';
import { withAuth } from '../../middleware/with-auth';
import { usersRepository } from '../../repositories/users-repository';
import { NotFoundError } from '../../lib/errors';

/** GET /account/me — profile, plan and plan limits for the dashboard. */
export const handler = withHandler(
  withAuth(async (_event, { principal }) => {
    const user = await usersRepository.get(principal.userId);
    if (!user) throw new NotFoundError('User not found');
    const { paddleSubscriptionId: _omit, ...publicUser } = user;
    return { body: { user: publicUser, limits: PLAN_LIMITS[user.plan] } };
  }),
);
