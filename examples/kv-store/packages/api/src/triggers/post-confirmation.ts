import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { ConflictError } from '../lib/errors';
import { logger } from '../lib/logger';
import { usersRepository } from '../repositories/users-repository';

/**
 * Cognito post-confirmation trigger: creates the Users row (plan `free`) the
 * first time a user confirms their email. Must return the event unchanged.
 */
export const handler = async (event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> => {
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;

  const { sub, email } = event.request.userAttributes;
  if (!sub || !email) {
    logger.error('post-confirmation event without sub/email', { userName: event.userName });
    return event;
  }

  try {
    await usersRepository.create({ userId: sub, email });
    logger.info('user created', { userId: sub });
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    logger.warn('user already exists', { userId: sub });
  }
  return event;
};
