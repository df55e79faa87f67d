import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PLAN_LIMITS, type Plan } from '@kv/shared';
import { useAccount } from '../hooks/useAccount';
import { openCheckout } from '../lib/paddle';

const PRICES: Record<Plan, string> = { free: '$0', pro: '$19/mo', team: '$79/mo' };

export function BillingPage() {
  const { data } = useAccount();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);

  if (!data) return <p>Loading…</p>;
  const { user } = data;

  async function upgrade(plan: Exclude<Plan, 'free'>) {
    try {
      await openCheckout(plan, { userId: user.userId, email: user.email });
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Checkout failed');
    }
  }

  return (
    <section>
      <h1>Billing</h1>
      {params.get('success') && (
        <p role="status">Thanks! Your plan will update within a minute (sign out and in to refresh your token).</p>
      )}
      <p>
        Current plan: <strong>{user.plan}</strong>
        {user.subscriptionStatus && ` (${user.subscriptionStatus})`}
      </p>
      <div className="grid">
        {(Object.keys(PLAN_LIMITS) as Plan[]).map((plan) => (
          <div key={plan} className="card">
            <h2>{plan}</h2>
            <p className="big">{PRICES[plan]}</p>
            <ul>
              <li>{PLAN_LIMITS[plan].requestsPerMonth.toLocaleString()} requests / month</li>
              <li>{PLAN_LIMITS[plan].namespaces} namespaces</li>
              <li>{PLAN_LIMITS[plan].apiKeys} API keys</li>
            </ul>
            {plan !== 'free' && plan !== user.plan && (
              <button type="button" onClick={() => upgrade(plan)}>
                Upgrade to {plan}
              </button>
            )}
          </div>
        ))}
      </div>
      {error && <p className="error">{error}</p>}
      <p>
        Invoices and cancellation are handled by Paddle — use the link in your receipt email.
      </p>
    </section>
  );
}
