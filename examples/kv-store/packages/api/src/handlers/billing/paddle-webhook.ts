import type { PaddleSubscriptionEvent, Plan } from '@kv/shared';
import { withHandler } from '../../middleware/with-handler';
import { setUserPlanAttribute } from '../../lib/cognito';
import { UnauthorizedError } from '../../lib/errors';
import { fetchPaddleCustomer, planFromPriceId, verifyPaddleSignature } from '../../lib/paddle';
import { usersRepository } from '../../repositories/users-repository';

const HANDLED_EVENTS = new Set(['subscription.created', 'subscription.updated', 'subscription.canceled']);

/**
 * POST /billing/paddle/webhook — no authorizer; authenticity is proven by the
 * `Paddle-Signature` header (HMAC-SHA256 with PADDLE_WEBHOOK_SECRET).
 */
export const handler = withHandler(async (event, { rawBody, body, logger }) => {
  const signature = event.headers['Paddle-Signature'] ?? event.headers['paddle-signature'];
  if (!verifyPaddleSignature(rawBody, signature, process.env.PADDLE_WEBHOOK_SECRET)) {
    throw new UnauthorizedError('Invalid Paddle signature');
  }

  const payload = body as PaddleSubscriptionEvent;
  if (!HANDLED_EVENTS.has(payload.event_type)) {
    logger.debug('ignoring paddle event', { eventType: payload.event_type });
    return { body: { received: true } };
  }

  const { data } = payload;
  let userId = data.custom_data?.userId;
  if (!userId) {
    const existing = await usersRepository.getByPaddleCustomerId(data.customer_id);
    const user = existing ?? (await usersRepository.getByEmail((await fetchPaddleCustomer(data.customer_id)).email));
    userId = user?.userId;
  }
  if (!userId) {
    logger.error('paddle event for unknown user', { customerId: data.customer_id, eventId: payload.event_id });
    return { body: { received: true } };
  }

  let plan: Plan;
  switch (payload.event_type) {
    case 'subscription.created':
    case 'subscription.updated':
      plan = data.status === 'active' || data.status === 'trialing' ? planFromPriceId(data.items[0]?.price.id) : 'free';
      break;
    case 'subscription.canceled':
      plan = 'free';
      break;
  }

  await usersRepository.updateSubscription(userId, {
    plan,
    paddleCustomerId: data.customer_id,
    paddleSubscriptionId: data.id,
    status: data.status === 'paused' ? 'canceled' : data.status,
  });
  await setUserPlanAttribute(userId, plan);
  logger.info('subscription synced', { userId, plan, eventType: payload.event_type });
  return { body: { received: true } };
});
