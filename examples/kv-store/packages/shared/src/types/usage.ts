export type UsageMetric = 'requests' | 'storageBytes' | 'reads' | 'writes';

/** A row of the UsageMetrics table: pk `userId`, sk `period` = `YYYY-MM#metric`. */
export interface UsageRecord {
  userId: string;
  period: string;
  metric: UsageMetric;
  value: number;
  updatedAt: number;
}

export interface UsageSummary {
  month: string;
  requests: number;
  reads: number;
  writes: number;
  storageBytes: number;
  limits: {
    requests: number;
    storageBytes: number;
  };
}
