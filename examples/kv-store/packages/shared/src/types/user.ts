import type { Plan } from './billing';

/** A row of the Users table. `userId` is the Cognito `sub`. */
export interface User {
  userId: string;
  email: string;
  plan: Plan;
  createdAt: number;
  namespaces: string[];
  apiKeyCount: number;
  paddleCustomerId?: string;
  paddleSubscriptionId?: string;
  subscriptionStatus?: 'active' | 'past_due' | 'canceled' | 'trialing';
}

export type PublicUser = Omit<User, 'paddleSubscriptionId'>;
