/**
 * The facts the AWS CDK detector (`cdkDetector` from `src/detectors/cdk/index.ts`, id `cdk`) emits. Steps 3, 4, 6 (Backend, Database, Infrastructure), 8 (environment variables)
 * and 10 (integrations: Cognito, CloudFront, API Gateway) read them with `facts.of<CdkTableFact>('cdk.table')`.
 *
 * Conventions shared by every construct fact:
 * - `id` is `<scope>/<constructId>` (scope = the enclosing stack or construct class, or helper function), made unique
 *   with `@file:line` when the same scope creates the same id twice; other facts refer to constructs by this id.
 * - Expressions that could not be read statically are kept as written in the code (`text`) with `resolved: false`.
 * - `at[0]` is where the construct is created (`new X(...)`), file and line.
 * - Values of props are one-line expression text, truncated; string literals are not redacted here: steps print
 *   them through `generateSection`, which redacts secrets, and env var *values* should not be printed at all.
 */
import type { Citation, Fact } from '../../facts.js';

/** A string read from the code: the value when resolved, else the expression as written. */
export interface CdkText {
  readonly text: string;
  readonly resolved: boolean;
}

/** Common to every fact about one construct (`new X(scope, id, props)`). */
export interface CdkConstructData {
  /** Construct id as written (`'KvTable'`), resolved when it was a literal or a resolvable constant. */
  readonly constructId: string;
  readonly idResolved: boolean;
  /** Class constructed, last name only: `Table`, `NodejsFunction`, or a project wrapper class. */
  readonly className: string;
  /** Module the class was imported from: `aws-cdk-lib/aws-dynamodb`, `@aws-cdk/aws-dynamodb` (v1), or a local path. */
  readonly module: string;
  /** Where the construct is kept: `this.table`, `table`, `props.table`; absent when not assigned. */
  readonly variable?: string;
  /** Enclosing class (stack or construct) or function that creates it. */
  readonly scope: string;
  /** The stack class the construct ends up in (through construct classes instantiated by a stack), when known. */
  readonly stack?: string;
  /** Top-level props as written, name → one-line expression text (truncated). */
  readonly props: Readonly<Record<string, string>>;
  /** When the construct is created inside `if (...)` blocks: their conditions, outermost first. */
  readonly conditions?: readonly string[];
  /**
   * The fact stands for more than one construct (made in a loop whose passes are not known, or again at the same line
   * under an id not known statically): a count of such facts is a lower bound.
   */
  readonly repeated?: true;
}

// ---------------------------------------------------------------------------------------------------------- app

export interface CdkAppData {
  /** The cdk.json file (repo-relative); absent when the app was found by its `new App()` alone. */
  readonly cdkJson?: string;
  /** The CDK app's working folder (where cdk.json is, else the entry's package): relative entries resolve here. */
  readonly dir: string;
  /** cdk.json `app` command as written, e.g. `npx ts-node --prefer-ts-exts bin/app.ts`. */
  readonly command?: string;
  /** The entry file the command runs (repo-relative), when it names one that exists. */
  readonly entry?: string;
  /** Top-level keys of cdk.json `context` (values are not kept). */
  readonly contextKeys: readonly string[];
  /** Top-level keys of `cdk.context.json` in the app's folder, with their lines (values are not kept). */
  readonly contextFileKeys?: readonly { readonly key: string; readonly at: Citation }[];
  /** `node.tryGetContext('stage')` / `getContext` calls in the app's code. */
  readonly contextReads: readonly { readonly key: string; readonly at: Citation }[];
  /** `process.env.X` reads in the CDK app's code (names only). */
  readonly envReads: readonly { readonly name: string; readonly at: Citation }[];
  /** 1 for `@aws-cdk/*` imports, 2 for `aws-cdk-lib`. */
  readonly cdkVersion: 1 | 2;
  /**
   * Stack classes the app does not deploy as stacks: `abstract` classes, `base` classes other stack classes extend, and
   * (when the entry was followed) `unused` classes it never instantiates. Their resources are not listed on their own.
   */
  readonly stackClassesNotDeployed?: readonly { readonly className: string; readonly reason: 'abstract' | 'base' | 'unused'; readonly at: Citation }[];
}
export type CdkAppFact = Fact<'cdk.app', CdkAppData>;

/**
 * Another app: a script in a docs, examples or tests folder that creates its own `App` (an archived v1 app, an
 * example) while a cdk.json app is deployed. It is read on its own and only summarised: its stacks and resources are
 * not the deployed app's, so no other fact counts them.
 */
export interface CdkOtherAppData {
  /** The script that creates the app. */
  readonly entry: string;
  readonly cdkVersion: 1 | 2;
  /** Its stack classes (file + name) with how many times it instantiates each, and how many constructs each creates. */
  readonly stacks: readonly { readonly className: string; readonly instances: number; readonly resources: number; readonly at: Citation }[];
}
export type CdkOtherAppFact = Fact<'cdk.otherApp', CdkOtherAppData>;

// -------------------------------------------------------------------------------------------------------- stacks

export interface CdkStackInstance {
  /** Stack id as passed to the constructor (`'KvApi-dev'`, `` `Kv-${stage}` ``). */
  readonly id: CdkText;
  /** Variable holding the instance (`apiStack`), when assigned. */
  readonly variable?: string;
  /** Props as written, name → expression text. */
  readonly props: Readonly<Record<string, string>>;
  readonly conditions?: readonly string[];
  readonly at: Citation;
}

export interface CdkCrossStackRef {
  /** The stack class whose resource is used (by instance variable resolution). */
  readonly fromStack: string;
  /** Prop of this stack that receives it, e.g. `table`. */
  readonly prop: string;
  /** Expression as written, e.g. `database.kvTable`. */
  readonly expression: string;
  readonly at: Citation;
}

export interface CdkStackData {
  /** The class extending `Stack` (or `cdk.Stack`, or a project base stack). */
  readonly className: string;
  /** Class it extends as written (`Stack`, `cdk.Stack`, `BaseStack`). */
  readonly extends: string;
  /** A `Stack`/`NestedStack` created directly (`new cdk.NestedStack(this, 'Monitoring')`): no class of its own. */
  readonly direct?: boolean;
  /** Where it is instantiated (usually the app entry); empty when never instantiated in the code read. */
  readonly instances: readonly CdkStackInstance[];
  /** Stack classes this one depends on: cross-stack props and `addDependency`. Sorted. */
  readonly dependsOn: readonly string[];
  readonly crossStackRefs: readonly CdkCrossStackRef[];
  /** Construct classes (project classes extending `Construct`) instantiated by the stack, transitively. */
  readonly constructs: readonly string[];
  /**
   * Project base classes the stack class extends, nearest first, and how many of this stack's constructs their
   * constructors (or methods) define: a base's resources are created in every stack that extends it.
   */
  readonly bases?: readonly { readonly className: string; readonly constructs: number; readonly at: Citation }[];
  /**
   * Other stacks the app creates instead of this one: every instantiation of this stack and of each of them sits under
   * conditions that exclude each other (`if (useX) … else …`, `switch` cases).
   */
  readonly alternatives?: readonly string[];
  /**
   * APIs of other stacks (or not of this app) this stack imports (`RestApi.fromRestApiAttributes(this, …)`) and adds
   * resources and methods to: those are constructs of this stack. `atLeast` when some are made in a loop.
   */
  readonly importedApis?: readonly CdkImportedApiUse[];
  /**
   * What the stack's code does that no rule maps to a resource: constructs kept only as routes (`new HttpRoute`) and
   * method calls on constructs no rule reads (`Bucket.addCorsRule`). Said when nothing else is, instead of "nothing".
   */
  readonly unmapped?: readonly { readonly text: string; readonly count: number; readonly at: Citation }[];
}
export interface CdkImportedApiUse {
  /** The API's fact id when it is an API of the app, else the import's construct id. */
  readonly api: string;
  /** The stack defining the API, when it is one of the app's. */
  readonly apiStack?: string;
  /** How it is imported (`RestApi.fromRestApiAttributes`) and where. */
  readonly imports: readonly { readonly factory: string; readonly at: Citation }[];
  readonly methods: number;
  readonly resources: number;
  readonly atLeast?: boolean;
}
export type CdkStackFact = Fact<'cdk.stack', CdkStackData>;

/** A project class extending `Construct` (not a stack): where resources are grouped. */
export interface CdkConstructClassData {
  readonly className: string;
  /** Stack classes that instantiate it (transitively). */
  readonly usedBy: readonly string[];
  /**
   * What it creates, named by AWS service (`AppSync Events API`, `2 × Lambda function`): a construct named like a
   * service (`EventBus`) is described by this, not by its name.
   */
  readonly creates?: readonly string[];
}
export type CdkConstructClassFact = Fact<'cdk.construct', CdkConstructClassData>;

// ------------------------------------------------------------------------------------------------------- lambdas

export interface CdkEnvVar {
  readonly name: string;
  /** Expression as written (`table.tableName`, `'production'`). Names may be printed; literal values should not. */
  readonly value: string;
  /** True when the value is a literal string/number (possibly sensitive); false for references. */
  readonly literal: boolean;
  /** The table fact id whose name it carries (`table.tableName`), when resolved. */
  readonly table?: string;
  readonly at: Citation;
}

export interface CdkGrant {
  /** Method called: `grantReadWriteData`, `grantRead`, `grantInvoke`, `addToRolePolicy`… */
  readonly method: string;
  /** Fact id of the resource granted on (table, bucket…) when resolved, else the expression as written. */
  readonly resource: string;
  readonly resourceResolved: boolean;
  /** Fact id of the grantee lambda when resolved, else the expression as written. */
  readonly grantee: string;
  readonly granteeResolved: boolean;
  readonly at: Citation;
}

export interface CdkLambdaData extends CdkConstructData {
  /** `NodejsFunction`, `Function`, `DockerImageFunction`, `SingletonFunction`, or `wrapper` for a project class/helper. */
  readonly kind: string;
  /** The project wrapper (class or helper function) this function was created through, when any. */
  readonly wrapper?: string;
  /** Handler source file, repo-relative, when it resolved to a file that exists. */
  readonly entry?: string;
  /** The entry as written in the code, always present when the code names one (`` `${dir}/get.ts` ``). */
  readonly entryAsWritten?: string;
  /** True when `entry` names an existing file. */
  readonly entryResolved: boolean;
  /**
   * The code names a build output that is not in the repository (`Code.fromAsset('../api/dist')`, kept in
   * `entryAsWritten`); `entry` is the source file it is built from, found by dropping the build folder (`../api/src/…`).
   */
  readonly entryIsSource?: boolean;
  /**
   * How the entry was found: `entry` prop, default `<file>.<id>.ts`, `Code.fromAsset` + handler, a container image
   * (`entry` is its Dockerfile), a construct library that builds or ships the code (`entryNote` says which)…
   */
  readonly entrySource: 'entry' | 'default-entry' | 'asset-handler' | 'inline' | 'docker' | 'library' | 'unknown';
  /** Line of the entry to cite: a Dockerfile's `CMD` (the handler it runs), when there is one. */
  readonly entryLine?: number;
  /** What the code is when a library builds it from a folder or ships it (`Next.js server, built by OpenNext`). */
  readonly entryNote?: string;
  /** Exported handler name (`handler`) or `file.export` for `Function`. */
  readonly handler?: string;
  /** As written: `NODEJS_20_X`. */
  readonly runtime?: string;
  readonly memoryMb?: string;
  /** Human text, e.g. `10 s` from `Duration.seconds(10)`, else as written. */
  readonly timeout?: string;
  readonly environment: readonly CdkEnvVar[];
  /** The environment also takes variables this code cannot list: a spread of an unknown object, or a non-literal. */
  readonly environmentOpen?: { readonly expression: string; readonly at: Citation };
  readonly grants: readonly CdkGrant[];
  /** Where the wrapper was called, when the function came from a wrapper (the `at` of the fact is this call site). */
  readonly definedAt?: Citation;
  /** What invokes it besides API routes: event sources (`DynamoEventSource`…), Cognito triggers, rule targets. */
  readonly triggers: readonly { readonly kind: string; readonly source: string; readonly detail?: string; readonly at: Citation }[];
}
export type CdkLambdaFact = Fact<'cdk.lambda', CdkLambdaData>;

// --------------------------------------------------------------------------------------------------- API Gateway

export interface CdkApiData extends CdkConstructData {
  /** `RestApi`, `LambdaRestApi`, `SpecRestApi`, `HttpApi`, `WebSocketApi`. */
  readonly kind: string;
  readonly flavour: 'rest' | 'http' | 'websocket';
  /** `restApiName` / `apiName` as written. */
  readonly name?: CdkText;
  /** Stage names: `deployOptions.stageName`, `new Stage`, `addStage`. */
  readonly stages: readonly string[];
  /** The stage the construct creates when the code names none: `prod` (RestApi), `$default` (HttpApi). */
  readonly defaultStage?: string;
  /** CORS as written: `defaultCorsPreflightOptions` (REST) or `corsPreflight` (HTTP). */
  readonly cors?: {
    readonly origins?: string;
    readonly methods?: string;
    readonly headers?: string;
    readonly credentials?: string;
  };
  /** `deployOptions.throttlingRateLimit` / `throttlingBurstLimit`, usage plans. */
  readonly throttling?: { readonly rateLimit?: string; readonly burstLimit?: string };
  /** Custom domains: `domainName` prop, `new DomainName`, `addDomainName`, base path mappings. */
  readonly domains: readonly { readonly domainName: string; readonly certificate?: string; readonly at: Citation }[];
  /** Fact id of the default authorizer (`defaultMethodOptions.authorizer` / `defaultAuthorizer`), when set. */
  readonly defaultAuthorizer?: string;
  /** For `LambdaRestApi`: the proxy handler lambda fact id. */
  readonly handler?: string;
  readonly usagePlans: readonly { readonly name: string; readonly props: Readonly<Record<string, string>>; readonly at: Citation }[];
  readonly apiKeyRequired?: boolean;
}
export type CdkApiFact = Fact<'cdk.api', CdkApiData>;

export interface CdkAuthorizerData extends CdkConstructData {
  /** `CognitoUserPoolsAuthorizer`, `TokenAuthorizer`, `RequestAuthorizer`, `HttpJwtAuthorizer`, `HttpUserPoolAuthorizer`, `HttpLambdaAuthorizer`, `HttpIamAuthorizer`. */
  readonly kind: string;
  readonly type: 'cognito' | 'lambda-token' | 'lambda-request' | 'jwt' | 'iam';
  /** `authorizerName` (L2) / `name` (CfnAuthorizer) when a literal: the name API Gateway shows, unlike the construct id. */
  readonly name?: string;
  /** User pool fact ids (Cognito) or expressions as written. */
  readonly userPools: readonly string[];
  /** Authorizer lambda fact id when resolved, else expression as written. */
  readonly lambda?: string;
  readonly identitySource?: string;
  readonly resultsCacheTtl?: string;
}
export type CdkAuthorizerFact = Fact<'cdk.authorizer', CdkAuthorizerData>;

export interface CdkRouteData {
  /** `GET`, `POST`, …, `ANY`. */
  readonly method: string;
  /** Full resource path, `/v1/kv/{key}`; segments that could not be read are `{?expr}` and `pathResolved` is false. */
  readonly path: string;
  readonly pathResolved: boolean;
  /** API fact id. */
  readonly api?: string;
  /** Lambda fact id of the integration, when resolved. */
  readonly lambda?: string;
  /** Handler file (from the lambda), repo-relative. */
  readonly entry?: string;
  /** Integration as written when it is not a resolvable lambda (`new HttpIntegration(...)`, a mock…). */
  readonly integration?: string;
  /** Authorizer fact id, or `NONE`/`IAM`/`COGNITO`/`CUSTOM` as written, or the API's default authorizer. */
  readonly authorizer?: string;
  readonly authorizationType?: string;
  readonly apiKeyRequired?: boolean;
  /** `if` conditions the route is wired under, outermost first. */
  readonly conditions?: readonly string[];
  /** How it was declared. */
  readonly source: 'rest' | 'http' | 'proxy' | 'table';
  /** When the wiring happens inside a project helper (`addCrud(resource, fn)`): the call in stack code that leads there. */
  readonly via?: Citation;
  /** The stack that imports the API and adds this method, when not the API's own: the method is a construct of it. */
  readonly addedBy?: string;
}
/** `at[0]` is where the route is wired (`addMethod` / `addRoutes` / the table row). */
export type CdkRouteFact = Fact<'cdk.route', CdkRouteData>;

// ------------------------------------------------------------------------------------------------------ DynamoDB

export interface CdkKey {
  readonly name: string;
  /** `STRING` / `NUMBER` / `BINARY` (CfnTable: `S`/`N`/`B`). */
  readonly type: string;
}

export interface CdkTableIndex {
  readonly name: CdkText;
  readonly partitionKey?: CdkKey;
  readonly sortKey?: CdkKey;
  /** `ALL` / `KEYS_ONLY` / `INCLUDE`, as written; absent means the CDK default (ALL). */
  readonly projection?: string;
  readonly nonKeyAttributes?: readonly string[];
  readonly at: Citation;
}

export interface CdkTableData extends CdkConstructData {
  /** `Table`, `TableV2`, `CfnTable`. */
  readonly kind: string;
  /** `tableName` prop (physical name expression). */
  readonly tableName?: CdkText;
  readonly partitionKey?: CdkKey;
  readonly sortKey?: CdkKey;
  readonly gsis: readonly CdkTableIndex[];
  readonly lsis: readonly CdkTableIndex[];
  readonly ttlAttribute?: string;
  /** As written: `PAY_PER_REQUEST`, `PROVISIONED`, `Billing.onDemand()`. */
  readonly billing?: string;
  /** `NEW_AND_OLD_IMAGES`… or `enabled` (TableV2 `dynamoStream`). */
  readonly stream?: string;
  readonly pointInTimeRecovery?: string;
  readonly removalPolicy?: string;
  /** Grants on this table (`table.grantReadWriteData(fn)`), grantee lambda ids resolved when possible. */
  readonly grants: readonly CdkGrant[];
  /**
   * Env vars whose value is this table's name: how handler code finds it. Sorted by name. `lambda` is the function's
   * fact id, or for a container (`addContainer`, `taskImageOptions`, `ContainerDefinition`) `<construct id>/<container>`.
   */
  readonly envVars: readonly { readonly name: string; readonly lambda: string }[];
  /** Lambdas consuming the table's stream (`DynamoEventSource`). */
  readonly streamConsumers: readonly string[];
  /**
   * Imports of this table by another stack (`Table.fromTableName(this, 'Users', core.usersTable.tableName)`): the
   * import stands for this table, so it is no fact of its own. Sorted by place.
   */
  readonly importedBy?: readonly { readonly stack?: string; readonly constructId?: string; readonly factory: string; readonly at: Citation }[];
}
export type CdkTableFact = Fact<'cdk.table', CdkTableData>;

// ----------------------------------------------------------------------------------- other databases and caches

/** An RDS/Aurora cluster or instance, Aurora DSQL, ElastiCache, OpenSearch, DocumentDB, Neptune, MemoryDB, Redshift. */
export interface CdkDatabaseData extends CdkConstructData {
  /** The CDK class: `DatabaseCluster`, `CfnCluster`, `Domain`… */
  readonly kind: string;
  /** Service from the module name: `rds`, `dsql`, `elasticache`, `opensearchservice`… */
  readonly service: string;
  /** The engine in words: `Aurora PostgreSQL`, `PostgreSQL`, `Aurora DSQL`, `Redis`, `OpenSearch`… */
  readonly engine: string;
  /** The engine version as written (`VER_15_4`, `'8.0.35'`), when set. */
  readonly version?: string;
  /** Aurora Serverless: `v1` (`ServerlessCluster`) or `v2` (serverless v2 capacity or writer). */
  readonly serverless?: 'v1' | 'v2';
  /** The engine expression as written, when it could not be named. */
  readonly engineAsWritten?: string;
  /** `defaultDatabaseName` / `databaseName` as written. */
  readonly databaseName?: CdkText;
}
export type CdkDatabaseFact = Fact<'cdk.database', CdkDatabaseData>;

// ------------------------------------------------------------------------------------------------------- Cognito

export interface CdkUserPoolData extends CdkConstructData {
  readonly userPoolName?: CdkText;
  readonly selfSignUp?: string;
  /** `email`, `username`, `phone` from `signInAliases`. */
  readonly signInAliases: readonly string[];
  readonly autoVerify: readonly string[];
  readonly standardAttributes: readonly string[];
  readonly customAttributes: readonly string[];
  /** `(pool.node.defaultChild as CfnUserPool).schema = […]`: attributes set on the L1 resource (literal names above). */
  readonly schemaOverride?: Citation;
  readonly mfa?: string;
  /** `lambdaTriggers` and `addTrigger`: trigger name (`postConfirmation`) → lambda fact id or expression. */
  readonly triggers: readonly { readonly trigger: string; readonly lambda: string; readonly at: Citation }[];
  /** `addDomain` / `new UserPoolDomain`: prefix or custom domain as written. */
  readonly domains: readonly { readonly domain: string; readonly at: Citation }[];
  readonly groups: readonly { readonly name: string; readonly at: Citation }[];
  /** Identity providers attached (Google, Facebook, OIDC, SAML): class names. */
  readonly identityProviders: readonly { readonly kind: string; readonly at: Citation }[];
}
export type CdkUserPoolFact = Fact<'cdk.userPool', CdkUserPoolData>;

export interface CdkUserPoolClientData extends CdkConstructData {
  /** User pool fact id when resolved, else the expression as written. */
  readonly userPool?: string;
  readonly authFlows: readonly string[];
  /** The client's props or its `authFlows` / `oAuth` are computed in a way not read statically. */
  readonly authFlowsUnread?: boolean;
  readonly oauthUnread?: boolean;
  readonly generateSecret?: string;
  readonly oauthFlows: readonly string[];
  readonly oauthScopes: readonly string[];
  readonly callbackUrls?: string;
  readonly logoutUrls?: string;
  readonly supportedIdentityProviders: readonly string[];
}
export type CdkUserPoolClientFact = Fact<'cdk.userPoolClient', CdkUserPoolClientData>;

// --------------------------------------------------------------------------------------------- S3 and CloudFront

export interface CdkBucketData extends CdkConstructData {
  readonly bucketName?: CdkText;
  readonly websiteIndexDocument?: string;
  readonly publicReadAccess?: string;
  readonly versioned?: string;
  readonly cors?: string;
  /** `BucketDeployment`s into this bucket: sources as written. */
  readonly deployments: readonly { readonly sources: string; readonly at: Citation }[];
}
export type CdkBucketFact = Fact<'cdk.bucket', CdkBucketData>;

export interface CdkBehaviour {
  /** `*` for the default behaviour. */
  readonly pathPattern: string;
  /** Origin as written (`new S3Origin(bucket)`, `new HttpOrigin(api.domain)`), with the bucket fact id when known. */
  readonly origin: string;
  readonly bucket?: string;
  readonly viewerProtocolPolicy?: string;
  readonly cachePolicy?: string;
  readonly allowedMethods?: string;
  /** CloudFront Functions / Lambda@Edge associated: expression or fact id, with the event type. */
  readonly functions: readonly { readonly function: string; readonly eventType?: string }[];
  readonly at: Citation;
}

export interface CdkDistributionData extends CdkConstructData {
  /** `Distribution` or `CloudFrontWebDistribution`. */
  readonly kind: string;
  readonly domainNames: readonly string[];
  /** No `domainNames` read, but the props spread something not known statically: the domains may be set there. */
  readonly domainNamesUnread?: boolean;
  readonly certificate?: string;
  readonly defaultRootObject?: string;
  readonly behaviours: readonly CdkBehaviour[];
  readonly errorResponses?: string;
  readonly priceClass?: string;
}
export type CdkDistributionFact = Fact<'cdk.distribution', CdkDistributionData>;

/** `new cloudfront.Function` (CloudFront Functions): code source as written / resolved file. */
export interface CdkEdgeFunctionData extends CdkConstructData {
  readonly kind: 'cloudfront-function' | 'lambda-edge';
  readonly code?: string;
  readonly codeFile?: string;
}
export type CdkEdgeFunctionFact = Fact<'cdk.edgeFunction', CdkEdgeFunctionData>;

// --------------------------------------------------------------------------------------------- other resources

export interface CdkAlarmData extends CdkConstructData {
  /** Metric as written (`fn.metricErrors()`), `threshold`, `evaluationPeriods`. */
  readonly metric?: string;
  readonly threshold?: string;
  readonly evaluationPeriods?: string;
}
export type CdkAlarmFact = Fact<'cdk.alarm', CdkAlarmData>;

export interface CdkOutputData extends CdkConstructData {
  readonly value: string;
  readonly exportName?: CdkText;
  readonly description?: string;
}
export type CdkOutputFact = Fact<'cdk.output', CdkOutputData>;

/** Any other construct from an AWS CDK module worth listing (queues, topics, secrets, event rules, state machines…). */
export interface CdkResourceData extends CdkConstructData {
  /** Service from the module name: `sqs`, `sns`, `events`, `secretsmanager`… */
  readonly service: string;
  /**
   * For a construct of a well-known library (`CloudFrontToS3`): what it is, and the ids of the facts of the resources it
   * creates (a `cdk.distribution`, a `cdk.bucket`…), with their AWS CDK classes.
   */
  readonly library?: { readonly summary: string; readonly creates: readonly { readonly id: string; readonly className: string }[] };
}
export type CdkResourceFact = Fact<'cdk.resource', CdkResourceData>;

export type CdkFact =
  | CdkAppFact
  | CdkStackFact
  | CdkConstructClassFact
  | CdkLambdaFact
  | CdkApiFact
  | CdkAuthorizerFact
  | CdkRouteFact
  | CdkTableFact
  | CdkDatabaseFact
  | CdkUserPoolFact
  | CdkUserPoolClientFact
  | CdkBucketFact
  | CdkDistributionFact
  | CdkEdgeFunctionFact
  | CdkAlarmFact
  | CdkOutputFact
  | CdkResourceFact;
