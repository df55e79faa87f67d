import { initializePaddle, type Paddle } from '@paddle/paddle-js';
import type { Plan } from '@kv/shared';

let paddlePromise: Promise<Paddle | undefined> | undefined;

/** Loads Paddle.js once, configured from VITE_PADDLE_CLIENT_TOKEN / VITE_PADDLE_ENV. */
export function getPaddle(): Promise<Paddle | undefined> {
  paddlePromise ??= initializePaddle({
    environment: import.meta.env.VITE_PADDLE_ENV === 'production' ? 'production' : 'sandbox',
    token: import.meta.env.VITE_PADDLE_CLIENT_TOKEN,
  });
  return paddlePromise;
}

export const PRICE_IDS: Record<Exclude<Plan, 'free'>, string> = {
  pro: import.meta.env.VITE_PADDLE_PRICE_PRO,
  team: import.meta.env.VITE_PADDLE_PRICE_TEAM,
};

/**
 * Opens the Paddle overlay checkout. `customData.userId` lets the webhook
 * (`POST /billing/paddle/webhook`) link the subscription to the Cognito user.
 */
export async function openCheckout(plan: Exclude<Plan, 'free'>, user: { userId: string; email: string }) {
  const paddle = await getPaddle();
  if (!paddle) throw new Error('Paddle failed to load');
  paddle.Checkout.open({
    items: [{ priceId: PRICE_IDS[plan], quantity: 1 }],
    customer: { email: user.email },
    customData: { userId: user.userId },
    settings: { displayMode: 'overlay', theme: 'light', successUrl: `${window.location.origin}/billing?success=1` },
  });
}
