/**
 * Negative claims: "no frontend application found", "set nowhere in the repository", "not read by the code". An
 * assistant believes them, so a step may print one only when the whole repository model confirms it; each is recorded
 * with its section so a test can check every claim against every fact of every step.
 */

/** What a negative claim is about. A topic with a subject (`env-set`, `payments`) is about one name. */
export type ClaimTopic =
  | 'frontend-app'
  | 'backend-api'
  | 'infrastructure'
  | 'sdk'
  | 'ci'
  | 'deploy'
  | 'tests'
  | 'database'
  | 'env'
  | 'env-set'
  | 'env-read'
  | 'config-files'
  | 'secrets-store'
  | 'payments'
  | 'cloudfront'
  | 'components'
  | 'package-json'
  | 'app-routes'
  | 'cdk'
  | 'table-definitions';

export interface NegativeClaim {
  readonly topic: ClaimTopic;
  /** The one thing the claim is about, for topics that take one (`KV_TABLE_NAME`, `stripe`). */
  readonly subject?: string;
  /** The words printed, so a test can find every negative sentence's claim. */
  readonly text: string;
}
