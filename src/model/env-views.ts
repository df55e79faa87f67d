/**
 * The env model's views: what a variable looks like to the steps (its reads, its set sites, who provides it), the
 * kinds of set site in the order a "Set in" cell lists them, and what counts as test code.
 */
import type { EnvReadData, EnvSetKind, RuntimeProvider } from '../detectors/env/index.js';
import type { Citation } from '../facts.js';

/** Test code, fixtures, stories and test-runner config: listed after the production reads, and counted. */
const TEST_PATH =
  /(^|\/)(__tests__|__mocks__|__fixtures__|tests?|spec|specs|e2e|fixtures?|mocks?|cypress|playwright|testdata|test-utils)\/|\.(test|spec|stories|story|e2e|cy)\.[cm]?[jt]sx?$|(^|\/)(vitest|jest|playwright|cypress|karma)\.(config|setup)[\w.-]*$|(^|\/)(setup-?tests?|test-?setup)\.[cm]?[jt]s$|(^|\/)test_[^/]+\.py$|_test\.(py|go)$/i;

export function isTestPath(file: string): boolean {
  return TEST_PATH.test(file);
}

export type SetKind = EnvSetKind | 'cdk' | 'function' | 'ci' | 'example' | 'dotenv' | 'type' | 'framework-config';

export interface SetSite {
  readonly kind: SetKind;
  readonly at: Citation;
  /** The tool in a word or two: `docker compose`, `AWS CDK`, `serverless`, `Vercel`. */
  readonly tool?: string;
  /** Lambda construct id, compose service, container, CI job, function, stage. */
  readonly owner?: string;
  /** What tells two owners apart when their names repeat (two stacks' Lambdas with one construct id): the fact id. */
  readonly ownerKey?: string;
  /** A CDK Lambda's handler file: the environment reaches that code, not the CDK app that declares it. */
  readonly entry?: string;
  /** The Serverless config whose functions get it: it reaches the code that service deploys only (env-services.ts). */
  readonly service?: string;
  /** A container's image folder (`ContainerImage.fromAsset('./app/core')`): its `environment` reaches that code. */
  readonly codeDir?: string;
  /**
   * Set in another CDK app (a script in docs/ or examples/ creating its own App), not the deployed one: shown apart,
   * never as the deployment's. `cdkJson` when a cdk.json names the deployed app.
   */
  readonly otherApp?: { readonly entry: string; readonly cdkJson: boolean };
  /** CI value source: `secret X`, `var X`, `literal`. */
  readonly source?: string;
  /** A CDK value that is a literal in the code (names a literal, never its value). */
  readonly literal?: boolean;
  /** The file the names come from (an env_file's dotenv, a ConfigMap) and the reference as written. */
  readonly from?: string;
  readonly ref?: string;
  readonly secretRef?: boolean;
  /** Infrastructure code: the key the name is written under when it is not an `environment` (Alchemy's `bindings`). */
  readonly key?: string;
  /** A `process.env.X = …` in a test file or fixture. */
  readonly test?: boolean;
  /** A platform binding (a Cloudflare D1/KV/R2… binding in wrangler config): the runtime hands the Worker an object. */
  readonly binding?: boolean;
}

export interface EnvRead extends EnvReadData {
  /** A test file, fixture or test config: shown after the production reads. */
  readonly test: boolean;
  /**
   * Who provides the variable to this read, by the read's kind: Vite gives `import.meta.env.MODE`, nobody gives
   * `process.env.MODE` (`runtimeProvider`).
   */
  readonly runtime?: RuntimeProvider;
}

export interface EnvVarView {
  readonly name: string;
  /** Production reads first (by file), then test reads (by file). */
  readonly reads: readonly EnvRead[];
  readonly sets: readonly SetSite[];
  /** A tool's configuration that reads it (compose `${X}` interpolation). */
  readonly consumers: readonly { readonly tool: string; readonly at: Citation }[];
  readonly secret: boolean;
  /**
   * Who sets it when the project does not (`the AWS Lambda runtime`, `Vercel`), for every read; see
   * `EnvModel.runtimeFor`. Undefined when only some reads have a provider (`import.meta.env.MODE` and `process.env.MODE`).
   */
  readonly runtime?: RuntimeProvider;
  /** Set by the runtime or a tool for every reader (not only Lambda code). */
  readonly builtin: boolean;
  /** Where a server hands its value to the browser (`ENV: getEnv()` in a loader, a page writing `window.ENV`). */
  readonly browser?: readonly Citation[];
}

export interface DynamicRead {
  readonly file: string;
  readonly line: number;
  readonly expression: string;
  readonly pattern?: string;
  readonly test: boolean;
  /** A framework's settings accessor (`env.get(EnvKey.X)`), not followed: it may read a variable of that name. */
  readonly accessor?: boolean;
}

/** What shows a variable is read (or may be): a recognised read, a read by computed name, or a line naming it. */
export interface ReadEvidence {
  readonly kind: 'read' | 'dynamic' | 'mention';
  readonly what: string;
  readonly at: Citation;
}

/** Kinds in the order a "Set in" cell lists them: the runtime, deployment config, CI, code, then dotenv files. */
export const SET_ORDER: readonly SetKind[] = [
  'cdk',
  'iac',
  'function',
  'cloudformation',
  'compose',
  'compose-env-file',
  'dockerfile',
  'dockerfile-arg',
  'kubernetes',
  'platform',
  'framework-config',
  'ci',
  'script',
  'code',
  'schema-default',
  'example',
  'dotenv',
  'type',
];

/** Code-unit order, not the locale's: the same on every machine. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
