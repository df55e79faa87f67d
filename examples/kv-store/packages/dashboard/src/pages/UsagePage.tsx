import { UsageChart } from '../components/UsageChart';
import { useUsage, useUsageHistory } from '../hooks/useUsage';

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export function UsagePage() {
  const current = useUsage();
  const history = useUsageHistory(6);

  return (
    <section>
      <h1>Usage</h1>
      {current.data && (
        <div className="grid">
          <div className="card">
            <h2>Requests</h2>
            <p className="big">
              {current.data.requests.toLocaleString()} / {current.data.limits.requests.toLocaleString()}
            </p>
          </div>
          <div className="card">
            <h2>Storage</h2>
            <p className="big">
              {mb(current.data.storageBytes)} / {mb(current.data.limits.storageBytes)}
            </p>
          </div>
        </div>
      )}
      <div className="card">
        <h2>Last 6 months</h2>
        {history.isLoading ? <p>Loading…</p> : <UsageChart data={history.data} />}
      </div>
    </section>
  );
}
