import { Link } from 'react-router-dom';
import { useAccount } from '../hooks/useAccount';
import { useUsage } from '../hooks/useUsage';

const pct = (value: number, limit: number) => `${Math.min(100, Math.round((value / limit) * 100))}%`;

export function OverviewPage() {
  const account = useAccount();
  const usage = useUsage();

  if (account.isLoading) return <p>Loading…</p>;
  if (account.error) return <p className="error">{account.error.message}</p>;
  const { user, limits } = account.data!;

  return (
    <section>
      <h1>Welcome back</h1>
      <div className="grid">
        <div className="card">
          <h2>Plan</h2>
          <p className="big">{user.plan}</p>
          {user.plan === 'free' && <Link to="/billing">Upgrade</Link>}
        </div>
        <div className="card">
          <h2>Namespaces</h2>
          <p className="big">
            {user.namespaces.length} / {limits.namespaces}
          </p>
          <Link to="/namespaces">Manage</Link>
        </div>
        <div className="card">
          <h2>API keys</h2>
          <p className="big">
            {user.apiKeyCount} / {limits.apiKeys}
          </p>
          <Link to="/keys">Manage</Link>
        </div>
        <div className="card">
          <h2>Requests this month</h2>
          {usage.data ? (
            <p className="big">{pct(usage.data.requests, usage.data.limits.requests)}</p>
          ) : (
            <p>—</p>
          )}
          <Link to="/usage">Details</Link>
        </div>
      </div>
      <div className="card">
        <h2>Quick start</h2>
        <pre>
          <code>{`npm install @kv-store/sdk

import { KVClient } from '@kv-store/sdk';
const kv = new KVClient({ apiKey: process.env.KV_API_KEY });
await kv.set('${user.namespaces[0] ?? 'default'}', 'hello', 'world');`}</code>
        </pre>
      </div>
    </section>
  );
}
