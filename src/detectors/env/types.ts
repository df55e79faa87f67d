import type { Fact } from '../../facts.js';

/** How the code reads a variable. */
export type EnvReadVia =
  | 'process.env'
  | 'import.meta.env'
  | 'destructuring'
  | 'schema'
  | 'helper'
  | 'text'
  | 'loadEnv'
  | 'env-var'
  | 'Deno.env'
  | 'Bun.env'
  | 'import'
  /** A copy of every variable with a prefix (`Object.entries(import.meta.env)` filtered by `startsWith('VITE_APP_')`). */
  | 'prefix'
  /** A Cloudflare Worker's env: `env` from `cloudflare:workers`, Hono's `c.env`, a module worker's `fetch(req, env)`. */
  | 'worker-env'
  /** `Cypress.env('x')`: Cypress's own env, which `CYPRESS_x` sets (reads-cypress.ts). */
  | 'Cypress.env'
  /** A client that reads its connection itself: @upstash/redis `Redis.fromEnv()`, @vercel/kv's `kv` (reads-library-calls.ts). */
  | 'library'
  | 'python'
  | 'go'
  /** `$NAME` in a Dockerfile's `CMD`/`ENTRYPOINT` shell form, or a `RUN` using what the Dockerfile declares (reads-dockerfile.ts). */
  | 'dockerfile'
  /** `${NAME}` / `${NAME:default}` in a Spring Boot `application.properties` / `application.yml`. */
  | 'spring'
  /** `"env(NAME)"` in the Supabase CLI's `supabase/config.toml`: the CLI reads it (reads-supabase-config.ts). */
  | 'supabase-config';

/** One variable read in one file (all lines of that file). */
export interface EnvReadData {
  readonly name: string;
  readonly file: string;
  /** Name of the package (workspace) holding the file; '' when the repository has no package.json. */
  readonly package: string;
  readonly lines: readonly number[];
  readonly via: EnvReadVia;
  /** Set by the tool, not by the project: `NODE_ENV`, Vite's `MODE`/`DEV`/`PROD`/`SSR`/`BASE_URL`, CI's `CI`. */
  readonly builtin: boolean;
  /** Every read in this file has a fallback (`?? 'x'`, `|| 'x'`, a destructuring default). */
  readonly hasFallback: boolean;
  /**
   * Every read in this file is of an object typed as a schema's output (`env: z.infer<typeof schema>`), which the schema
   * declares: the schema, not the read, says whether it may be missing (reads-parsed-type.ts).
   */
  readonly parsedBy?: { readonly file: string; readonly line: number };
  /** Every read in this file is on the right of `'x' || …` / `'x' ?? …`: the literal always wins, the value is never used. */
  readonly shadowed?: true;
  /** When some reads of the file have a fallback and some not: the first line without one (what "without a fallback" cites). */
  readonly bareAt?: number;
  /**
   * A config module: the read's value is exported (`export const config = { db: { url: process.env.DATABASE_URL } }`
   * → `config.db.url`; `export const env = createEnv(…)` → `env.X`), so the rest of the code reads it there.
   */
  readonly exportedAs?: string;
  /**
   * The code fails rather than see `undefined` when it is unset: a validated schema requires it (`schema`), or the code
   * checks it and throws (`invariant(process.env.X)`, `if (!process.env.X) throw`) at module level (`guard`: startup)
   * or in a function (`check`: when that code runs), at `requiredAt`.
   */
  readonly required?: 'schema' | 'guard' | 'check';
  readonly requiredAt?: number;
  /** The env helper whose own check fails (`getOsEnv('X')` throws when X is unset): the check is in the helper, not at `requiredAt`. */
  readonly requiredBy?: string;
  /** The validated schema's default for it (`.default(x)`, envalid `default:`): where the value comes from when unset. */
  readonly defaultAt?: { readonly file: string; readonly line: number };
  /** The library call that reads it (`Redis.fromEnv()` of @upstash/redis): why the file never spells the name. */
  readonly through?: {
    readonly call: string;
    readonly library: string;
    /** What the library reads instead when it is unset, since a version (`Redis.fromEnv()`: `KV_REST_API_URL` since 1.34.3). */
    readonly orElse?: { readonly name: string; readonly since: string };
  };
}
export type EnvReadFact = Fact<'env.read', EnvReadData>;

/** `process.env[name]` with a name that cannot be read statically: shown as unresolved. */
export interface EnvDynamicReadData {
  readonly file: string;
  readonly line: number;
  readonly expression: string;
  /** A regular expression the name must match, when the key has literal parts (`` `${prefix}_URL` ``). */
  readonly pattern?: string;
  /** Every variable with this prefix is read (a copy of env filtered by `startsWith`): a read of each one set anywhere. */
  readonly prefix?: string;
  /** A framework's settings accessor (`env.get(EnvKey.X)`), not followed: it may read a variable of that name. */
  readonly accessor?: boolean;
}
export type EnvDynamicReadFact = Fact<'env.dynamic', EnvDynamicReadData>;
/** `process.env[key] = value`, `os.environ[key] = value`: the code sets variables whose names it computes. */
export type EnvDynamicSetFact = Fact<'env.dynamic-set', EnvDynamicReadData>;

/**
 * A variable named in a dotenv file (`.env.example`, `.env.local`…) or typed in `vite-env.d.ts`. Only the name is
 * read from the file: values never leave the line they are on.
 */
export interface EnvDeclaredData {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly package: string;
  /** `example` for .env.example/.sample/.template/.dist (documentation), `dotenv` for real files, `type` for d.ts. */
  readonly source: 'example' | 'dotenv' | 'type';
  /** A commented-out line of an example (`# NAME=…`): where an optional variable would be set, if nothing else sets it. */
  readonly commented?: true;
}
export type EnvDeclaredFact = Fact<'env.declared', EnvDeclaredData>;

/** Who sets a variable outside the code that reads it. */
export type EnvSetKind =
  /** docker-compose `environment:` (map or list form). */
  | 'compose'
  /** docker-compose `env_file:`: the names of that dotenv file (or of its committed example). */
  | 'compose-env-file'
  /** Dockerfile `ENV` (runtime) and `ARG` (build time only). */
  | 'dockerfile'
  | 'dockerfile-arg'
  /** Kubernetes container `env:` and `envFrom:` (a ConfigMap or Secret of the repository, or a kustomize generator). */
  | 'kubernetes'
  /** `environment: {…}` / `addEnvironment('X', …)` in CDK, SST or Pulumi code, on any construct (wrappers included). */
  | 'iac'
  /** SAM / CloudFormation `Environment: Variables:`. */
  | 'cloudformation'
  /** Hosting platform config: vercel.json, netlify.toml, wrangler.toml, fly.toml, render.yaml, app.json. */
  | 'platform'
  /** A shell script, Makefile or package.json script: `export X=`, `X=1 cmd`, a dotenv file it writes. */
  | 'script'
  /** `process.env.X = …` in the code itself (a script, a test setup). */
  | 'code'
  /** A validated schema's default (`.default(x)`): the value the code gets when nothing sets it. */
  | 'schema-default'
  /** A tool's config that gives the value: a Cypress config's `env: { x }` for `CYPRESS_x`. */
  | 'framework-config';

/** One place that sets a variable. Never the value: a literal may be a token pasted inline. */
export interface EnvSetData {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly kind: EnvSetKind;
  /** The tool in a word or two: `docker compose`, `Kubernetes`, `AWS CDK`, `SST`, `Vercel`. */
  readonly tool: string;
  /** The service, container, construct or stage it is set for (`api`, `Function 'Fn'`, `production`). */
  readonly owner?: string;
  /** The repository file the names come from when they are not written on that line (an env_file, a ConfigMap). */
  readonly from?: string;
  /** The reference as written (`env_file: ../.env`, `configMapRef: app-config`) when it differs from `from`. */
  readonly ref?: string;
  /** The value comes from a secret store (`secretKeyRef`, `secretRef`, ECS `secrets`). */
  readonly secretRef?: boolean;
  /** The key the name is written under in infrastructure code when it is not an `environment` (Alchemy's `bindings`). */
  readonly key?: string;
  /** A container's image folder as written (`ContainerImage.fromAsset('./app/core')`); see `IacEnvSet.image`. */
  readonly image?: { readonly path: string; readonly fromFile: boolean };
}
export type EnvSetFact = Fact<'env.set', EnvSetData>;

/** A tool's configuration reading a variable: `${POSTGRES_PASSWORD}` interpolated in a compose file. */
export interface EnvConsumedData {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly tool: string;
}
export type EnvConsumedFact = Fact<'env.consumed', EnvConsumedData>;

/**
 * Variables set in bulk from outside the repository: a compose `env_file` that is not committed (and has no example),
 * a Kubernetes `envFrom` Secret or ConfigMap the repository does not define. Any variable may come from there.
 */
export interface EnvExternalSourceData {
  readonly file: string;
  readonly line: number;
  readonly tool: string;
  /** As written: the env_file path, `secret app-secrets`. */
  readonly ref: string;
  readonly owner?: string;
}
export type EnvExternalSourceFact = Fact<'env.external', EnvExternalSourceData>;

/**
 * A variable a server hands to the browser: read into an object (`getEnv()`) that a route loader returns or a page
 * writes as `window.ENV = …`. Cited at the call that hands it over; `readAt` is the read in the object.
 */
export interface EnvBrowserData {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly readAt: { readonly file: string; readonly line: number };
}
export type EnvBrowserFact = Fact<'env.browser', EnvBrowserData>;

/**
 * A dotenv file the code loads by an explicit path (`process.loadEnvFile('.env.example')`, `dotenv.config({ path })`).
 * `loads` is the repository file it names, when one exists.
 */
export interface EnvDotenvLoadData {
  readonly file: string;
  readonly line: number;
  readonly how: 'loadEnvFile' | 'dotenv';
  readonly path: string;
  readonly loads?: string;
}
export type EnvDotenvLoadFact = Fact<'env.dotenv-load', EnvDotenvLoadData>;
