import type { Fact } from '../../facts.js';

/** Infrastructure-as-code other than AWS CDK; `sam` is a CloudFormation template with the SAM transform; `wrangler` Cloudflare. */
export type InfraTool = 'serverless' | 'sst' | 'sam' | 'cloudformation' | 'terraform' | 'wrangler';

export const INFRA_TOOL_TITLE: Record<InfraTool, string> = {
  serverless: 'Serverless Framework',
  sst: 'SST',
  sam: 'AWS SAM',
  cloudformation: 'CloudFormation',
  terraform: 'Terraform',
  wrangler: 'Cloudflare Workers (Wrangler)',
};

/** One configuration root: a `serverless.yml`, an `sst.config.ts`, a template, a Terraform folder. */
export interface InfraProjectData {
  readonly tool: InfraTool;
  readonly name?: string;
  readonly provider?: string;
  readonly runtime?: string;
  readonly region?: string;
  /** `${file(...)}` includes of `functions`/`resources` that were not read (code that builds them, or a missing file). */
  readonly unread?: readonly InfraUnreadInclude[];
  /** `provider.environment` (Serverless): every function gets it; cited where each variable is written. */
  readonly environmentAt?: readonly { readonly name: string; readonly file: string; readonly line: number }[];
  /** The service's `plugins` (Serverless), as written. */
  readonly plugins?: readonly string[];
  /**
   * Where `serverless-dotenv-plugin` is listed: it injects the service's `.env` files (gitignored as a rule) into every
   * function's environment at deploy time, so any variable the service's code reads may come from there.
   */
  readonly dotenvPlugin?: { readonly file: string; readonly line: number };
  /** API Gateway settings (Serverless `provider.apiGateway`, `provider.httpApi`, `custom.customDomain`, …), by key. */
  readonly apiSettings?: readonly { readonly key: string; readonly file: string; readonly line: number }[];
  /**
   * The config deploys nothing by itself (a wrangler config with no `main`, assets or site: one the wrangler CLI reads
   * for `wrangler d1 migrations apply` and the like): no runtime, no deploy command.
   */
  readonly notDeployed?: true;
  readonly file: string;
  readonly line: number;
}

/** `functions: ${file(./functions.js)}`: what the include holds is unknown, so no "none" may be said about it. */
export interface InfraUnreadInclude {
  readonly key: string;
  /** The included file as resolved from the config's folder. */
  readonly file: string;
  /** Where the include is written. */
  readonly from: string;
  readonly line: number;
  /** False when the file is not in the repository (generated, or outside it). */
  readonly exists: boolean;
}

export interface InfraFunctionData {
  readonly tool: InfraTool;
  readonly name: string;
  /** Handler as written (`src/handlers/users.get`, `packages/functions/src/x.handler`). */
  readonly handler?: string;
  /** The source file the handler resolves to, only when it exists in the repository. */
  readonly handlerFile?: string;
  /**
   * The code folder (SAM `CodeUri`) when it is a folder of the repository but the handler names a build output
   * (`bundle.handler` written by webpack): its code still runs in the Lambda.
   */
  readonly codeDir?: string;
  /** Code deployed from S3 or written inline in the template (no handler file to resolve). */
  readonly codeSource?: InfraCodeSource;
  /** When `handlerFile` is the source of a build output the function deploys: the build script entry. */
  readonly builtBy?: InfraBuiltBy;
  readonly runtime?: string;
  /** Environment variable names given to the function (never values). */
  readonly environment: readonly string[];
  /** The Serverless config that declares the function (`file` may be an included file): its environment reaches that service's code. */
  readonly service?: string;
  /** Where each of those is set (`provider.environment` for all functions, or the function's own), when known. */
  readonly environmentAt?: readonly { readonly name: string; readonly file: string; readonly line: number }[];
  /** Triggers in a few words: `http GET /todo`, `sqs`, `schedule rate(5 minutes)`, `stream`. */
  readonly triggers?: readonly string[];
  /** A function deployed once per entry of a map this reader does not expand (`for_each = var.functions`): one row. */
  readonly forEach?: { readonly over: string; readonly calledAt: readonly { readonly file: string; readonly line: number }[] };
  readonly file: string;
  readonly line: number;
}

/** `s3`: the object key when readable, and the one source file named like the zip (`likely`); `inline`: a `ZipFile`. */
export type InfraCodeSource =
  | { readonly kind: 's3'; readonly key?: string; readonly likely?: string }
  | { readonly kind: 'inline'; readonly line: number }
  /** A build output the archive zips (`dist-lambda/handler.mjs`) whose source no build script read here names. */
  | { readonly kind: 'build'; readonly path: string };

/** The build script entry that builds a function's handler file (`esbuild-lambda.js:9`). */
export interface InfraBuiltBy {
  readonly file: string;
  readonly line: number;
}

export interface InfraRouteData {
  readonly tool: InfraTool;
  /** Upper-case method, `ANY` for `*` / any. */
  readonly method: string;
  readonly path: string;
  /** Name of the function (or resource) serving it. */
  readonly target?: string;
  /** What serves it when no function does (templates): `HTTP proxy https://…`, `SQS-SendMessage → Queue`, `mock`. */
  readonly integration?: string;
  readonly handlerFile?: string;
  readonly codeSource?: InfraCodeSource;
  readonly builtBy?: InfraBuiltBy;
  /** The route's authorizer as written (`Cognito user pool`, `aws_iam`, a named authorizer function), when set. */
  readonly authorizer?: string;
  /** The Lambda as written when it is not followed to a file (a module output: `module.lambda.invoke_arns["x"]`). */
  readonly via?: string;
  /**
   * A route resource written with `for_each` whose entries could not be read (the caller passes a variable, or no
   * folder here calls the module): not one route but the routes `over` yields, passed where the module is called.
   */
  readonly forEach?: { readonly over: string; readonly calledAt: readonly { readonly file: string; readonly line: number }[] };
  readonly file: string;
  readonly line: number;
}

export interface InfraTableIndex {
  readonly name: string;
  readonly kind: 'GSI' | 'LSI';
  readonly hashKey?: string;
  readonly rangeKey?: string;
  readonly projection?: string;
}

export interface InfraTableData {
  readonly tool: InfraTool;
  /** Logical name (resource name, construct id). */
  readonly name: string;
  readonly physicalName?: string;
  /** `pk (S)` style: attribute name with its type when declared. */
  readonly hashKey?: string;
  readonly rangeKey?: string;
  readonly indexes: readonly InfraTableIndex[];
  readonly billingMode?: string;
  readonly stream?: string;
  readonly ttl?: string;
  readonly file: string;
  readonly line: number;
}

/** Any other declared resource: `aws_s3_bucket.assets`, `AWS::SQS::Queue`, `sst.aws.StaticSite`. */
export interface InfraResourceData {
  readonly tool: InfraTool;
  readonly type: string;
  readonly name: string;
  /** A few readable settings (`source: ./modules/vpc`, `path: packages/web`). */
  readonly detail?: string;
  /** The deployment environment it is declared for (wrangler `env.production`), when not the top level. */
  readonly stage?: string;
  /** A wrangler setting that may name a binding (`assets`, `ai`) but names none: no `env.<NAME>` comes from it. */
  readonly unbound?: boolean;
  readonly file: string;
  readonly line: number;
}

export type InfraProjectFact = Fact<'infra.project', InfraProjectData>;
export type InfraFunctionFact = Fact<'infra.function', InfraFunctionData>;
export type InfraRouteFact = Fact<'infra.route', InfraRouteData>;
export type InfraTableFact = Fact<'infra.table', InfraTableData>;
export type InfraResourceFact = Fact<'infra.resource', InfraResourceData>;

/** CI declared as infrastructure (a CodeBuild project, a CodePipeline): CI configuration with no CI file. */
const CI_RESOURCE = new Set(['AWS::CodeBuild::Project', 'AWS::CodePipeline::Pipeline', 'aws_codebuild_project', 'aws_codepipeline']);

export function ciResources<T extends InfraResourceData>(resources: readonly T[]): T[] {
  return resources.filter((r) => CI_RESOURCE.has(r.type));
}
