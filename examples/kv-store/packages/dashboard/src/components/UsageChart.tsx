import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { UsageSummary } from '@kv/shared';

/** Monthly requests as bars with the plan limit as a reference line. */
export function UsageChart({ data }: { data: UsageSummary[] }) {
  const limit = data.at(-1)?.limits.requests;
  return (
    <ResponsiveContainer width="100%" height={280}>
      <BarChart data={data} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="month" />
        <YAxis tickFormatter={(v: number) => new Intl.NumberFormat('en', { notation: 'compact' }).format(v)} />
        <Tooltip />
        <Bar dataKey="reads" stackId="requests" fill="#6366f1" name="Reads" />
        <Bar dataKey="writes" stackId="requests" fill="#22c55e" name="Writes" />
        {limit ? <ReferenceLine y={limit} stroke="#ef4444" label="Plan limit" /> : null}
      </BarChart>
    </ResponsiveContainer>
  );
}
