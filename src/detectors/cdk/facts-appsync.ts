/**
 * AppSync facts of the CDK detector: `cdk.graphqlApi` (one per GraphQL API: its schema and data sources) and
 * `cdk.graphqlResolver` (one per `Type.field`: what resolves it and where it is wired). Step 3 reads them.
 */
import type { Citation, Fact } from '../../facts.js';
import type { CdkConstructData, CdkText } from './facts.js';

/** A file the code points at: resolved to a repository path, or kept as written. */
export interface CdkCodeRef {
  /** Repo-relative file or folder, when it exists. */
  readonly file?: string;
  /** As written, when it did not resolve to a file (or is inline / built in). */
  readonly asWritten?: string;
  /** `asset` (a file or folder), `inline` (code or template written in the CDK code), `builtin` (`MappingTemplate.dynamoDbGetItem`). */
  readonly source: 'asset' | 'inline' | 'builtin' | 'unknown';
  /** The file named is a build output that is not in the repository; `file` is the source it is built from. */
  readonly fromSource?: boolean;
}

export interface CdkGraphqlSchema {
  /** `file`: an SDL file (`Definition.fromFile`, `SchemaFile.fromAsset`, `CfnGraphQLSchema`), `code-first`, `merged` (source APIs). */
  readonly kind: 'file' | 'code-first' | 'merged' | 'inline' | 'unknown';
  readonly ref?: CdkCodeRef;
  readonly at: Citation;
}

export type CdkGraphqlDataSourceKind = 'lambda' | 'dynamodb' | 'http' | 'none' | 'opensearch' | 'rds' | 'eventbridge' | 'other';

export interface CdkGraphqlDataSource {
  /** Construct id (`CarsDataSource`), or the `name` of an L1 data source referred to by name. */
  readonly name: string;
  readonly kind: CdkGraphqlDataSourceKind;
  /** The `cdk.lambda` fact id of a Lambda data source, and that function's code file. */
  readonly lambda?: string;
  readonly entry?: string;
  /** The `cdk.table` fact id of a DynamoDB data source. */
  readonly table?: string;
  /** What it points at, as written, when it is not a construct of the app (an endpoint URL, an imported function). */
  readonly target?: string;
  /** For `kind: 'other'`: the L1 `type` or class as written. */
  readonly type?: string;
  readonly at: Citation;
}

export interface CdkGraphqlApiData extends CdkConstructData {
  /** `GraphqlApi` or `CfnGraphQLApi`. */
  readonly kind: string;
  readonly name?: CdkText;
  readonly schema?: CdkGraphqlSchema;
  /** Authorization types: the default first (`API_KEY`, `USER_POOL`, `IAM`, `OIDC`, `LAMBDA`). */
  readonly authModes: readonly string[];
  readonly dataSources: readonly CdkGraphqlDataSource[];
  /** `GraphqlApi.fromGraphqlApiAttributes(...)`: an API of another app that this one adds to. */
  readonly imported?: boolean;
}
export type CdkGraphqlApiFact = Fact<'cdk.graphqlApi', CdkGraphqlApiData>;

export interface CdkGraphqlFunction {
  readonly name: string;
  readonly dataSource?: CdkGraphqlDataSource;
  readonly code?: CdkCodeRef;
  readonly at: Citation;
}

export interface CdkGraphqlResolverData {
  /** The `cdk.graphqlApi` fact id, when the API is known. */
  readonly api?: string;
  readonly typeName: string;
  readonly fieldName: string;
  /** False when the type or field is computed (`${fieldName}` from a schema read at synth time): shown as written. */
  readonly fieldResolved: boolean;
  readonly kind: 'unit' | 'pipeline';
  readonly dataSource?: CdkGraphqlDataSource;
  /** Pipeline functions, in order. */
  readonly functions: readonly CdkGraphqlFunction[];
  /** JS resolver code (`Code.fromAsset`), or the request mapping template. */
  readonly code?: CdkCodeRef;
  readonly responseTemplate?: CdkCodeRef;
  readonly runtime?: string;
  readonly conditions?: readonly string[];
  /** Created in a loop whose iterations are not known (over a schema's fields, an array built at synth time). */
  readonly inLoop?: Citation;
  /** `call` (a resolver construct or `createResolver`), `table` (a row of a literal array), `code-first` (`addQuery`…). */
  readonly source: 'call' | 'table' | 'code-first';
  /** The call in stack code that reaches the helper that wires it, when that is not a plain wrapper. */
  readonly via?: Citation;
}
export type CdkGraphqlResolverFact = Fact<'cdk.graphqlResolver', CdkGraphqlResolverData>;
