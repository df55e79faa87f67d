import type { Fact } from '../../facts.js';

export type PaymentProvider = 'paddle' | 'stripe';

/** What a line of code does with a payment provider. */
export type PaymentRole =
  | 'server-sdk'
  | 'client-sdk'
  | 'api-call'
  | 'signature-verification'
  | 'signature-header'
  | 'webhook-events'
  | 'client-checkout'
  | 'server-checkout'
  | 'price-id'
  | 'price-env'
  | 'plan-definition';

export interface PaymentUsageData {
  readonly provider: PaymentProvider;
  readonly role: PaymentRole;
  readonly file: string;
  readonly line: number;
  readonly package: string;
  /** What was found: the call or module (`initializePaddle`, `@paddle/paddle-js`), event types, env name, price id… */
  readonly detail: string;
}
export type PaymentUsageFact = Fact<'payments.usage', PaymentUsageData>;

/** A file using a Cognito client library (frontend sign-in, backend admin calls, JWT verification, trigger types). */
export interface CognitoUsageData {
  readonly file: string;
  readonly line: number;
  readonly package: string;
  readonly library: string;
  /** `identity`: `@aws-sdk/client-cognito-identity`, identity-pool credentials (not the user pool's admin API). */
  readonly side: 'frontend' | 'backend' | 'identity' | 'trigger';
  /** Imported names (`CognitoUserPool`, `signIn`, `AdminUpdateUserAttributesCommand`, `PostConfirmationTriggerHandler`). */
  readonly symbols: readonly string[];
}
export type CognitoUsageFact = Fact<'cognito.usage', CognitoUsageData>;

/** A third-party runtime dependency of one package, what it is for, and where it is imported. */
export interface DependencyData {
  readonly package: string;
  readonly name: string;
  readonly range: string;
  readonly field: 'dependencies' | 'peerDependencies' | 'devDependencies';
  /** From a curated list of well-known packages; absent when unknown. */
  readonly purpose?: string;
  readonly category?: string;
  /**
   * Files importing it that resolve it through this package: its own, and those of packages inside its folder that do
   * not declare it themselves (an Nx lib importing what the workspace root declares). Repo-relative, sorted.
   */
  readonly importedIn: readonly string[];
  /**
   * Files importing it that no declaring package accounts for (a Lambda layer's dependencies are required by the
   * handlers beside it). "Not imported" is said only when this is empty too.
   */
  readonly importedElsewhere?: readonly string[];
  /**
   * Imported nowhere, but named in a tool's config file (`postcss.config.mjs` plugins, ESLint `plugins`) or loaded by
   * name at run time (`node -r ts-node/register` in a script or nodemon.json, a pino transport `target`).
   */
  readonly usedInConfig?: readonly string[];
  /** An `@iconify-json/*` set nothing imports, loaded by icon name through `tool`; `at` is one name found in source. */
  readonly iconSet?: { readonly tool: string; readonly at?: { readonly file: string; readonly line?: number } };
}
export type DependencyFact = Fact<'deps.dependency', DependencyData>;
