import { useEffect, useState } from 'react';
import { initializePaddle, type Paddle } from '@paddle/paddle-js';

const PRICE_IDS = {
  pro: import.meta.env.PUBLIC_PADDLE_PRICE_PRO,
  team: import.meta.env.PUBLIC_PADDLE_PRICE_TEAM,
} as const;

interface Props {
  plan: keyof typeof PRICE_IDS;
  label: string;
}

/**
 * React island: opens the Paddle overlay checkout for anonymous visitors.
 * After payment Paddle redirects to the dashboard sign-up, and the webhook
 * links the subscription by customer email.
 */
export default function CheckoutButton({ plan, label }: Props) {
  const [paddle, setPaddle] = useState<Paddle>();

  useEffect(() => {
    initializePaddle({
      environment: import.meta.env.PUBLIC_PADDLE_ENV === 'production' ? 'production' : 'sandbox',
      token: import.meta.env.PUBLIC_PADDLE_CLIENT_TOKEN,
    }).then((instance) => instance && setPaddle(instance));
  }, []);

  return (
    <button
      type="button"
      disabled={!paddle}
      className="mt-8 w-full rounded-md bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-50"
      onClick={() =>
        paddle?.Checkout.open({
          items: [{ priceId: PRICE_IDS[plan], quantity: 1 }],
          settings: {
            displayMode: 'overlay',
            successUrl: `${import.meta.env.PUBLIC_DASHBOARD_URL}/signup?checkout=success`,
          },
        })
      }
    >
      {label}
    </button>
  );
}
