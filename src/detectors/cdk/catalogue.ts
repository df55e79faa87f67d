/**
 * Which AWS CDK classes mean what. CDK v1 (`@aws-cdk/aws-dynamodb`), v2 (`aws-cdk-lib/aws-dynamodb`), the v2 root
 * namespace (`cdk.aws_dynamodb.Table`) and `-alpha` modules all normalise to one service name (`dynamodb`).
 */

export type Category =
  | 'app'
  | 'stack'
  | 'stage'
  | 'lambda'
  | 'table'
  | 'api'
  | 'authorizer'
  | 'httpRoute'
  | 'restMethod'
  | 'restResource'
  | 'cfnRoute'
  | 'apiStage'
  | 'apiDomain'
  | 'usagePlan'
  | 'userPool'
  | 'userPoolClient'
  | 'userPoolDomain'
  | 'userPoolGroup'
  | 'identityProvider'
  | 'bucket'
  | 'bucketDeployment'
  | 'distribution'
  | 'edgeFunction'
  | 'alarm'
  | 'output'
  | 'rule'
  | 'schedule'
  | 'topic'
  | 'eventSourceMapping'
  | 'database'
  | 'graphqlApi'
  | 'graphqlDataSource'
  | 'graphqlResolver'
  | 'graphqlFunction'
  | 'graphqlSchema';

const CLASSES: Record<string, Record<string, Category>> = {
  core: { App: 'app', Stack: 'stack', NestedStack: 'stack', Stage: 'stage', CfnOutput: 'output' },
  cloudformation: { NestedStack: 'stack' },
  lambda: { Function: 'lambda', DockerImageFunction: 'lambda', SingletonFunction: 'lambda', EventSourceMapping: 'eventSourceMapping' },
  'lambda-nodejs': { NodejsFunction: 'lambda' },
  'lambda-python': { PythonFunction: 'lambda' },
  'lambda-go': { GoFunction: 'lambda' },
  dynamodb: { Table: 'table', TableV2: 'table', CfnTable: 'table', CfnGlobalTable: 'table' },
  apigateway: {
    RestApi: 'api',
    LambdaRestApi: 'api',
    SpecRestApi: 'api',
    StepFunctionsRestApi: 'api',
    ProxyResource: 'restResource',
    CognitoUserPoolsAuthorizer: 'authorizer',
    TokenAuthorizer: 'authorizer',
    RequestAuthorizer: 'authorizer',
    CfnAuthorizer: 'authorizer',
    Method: 'restMethod',
    Resource: 'restResource',
    Stage: 'apiStage',
    DomainName: 'apiDomain',
    UsagePlan: 'usagePlan',
  },
  apigatewayv2: {
    HttpApi: 'api',
    WebSocketApi: 'api',
    HttpRoute: 'httpRoute',
    CfnApi: 'api',
    CfnRoute: 'cfnRoute',
    HttpStage: 'apiStage',
    WebSocketStage: 'apiStage',
    DomainName: 'apiDomain',
  },
  'apigatewayv2-authorizers': {
    HttpUserPoolAuthorizer: 'authorizer',
    HttpJwtAuthorizer: 'authorizer',
    HttpLambdaAuthorizer: 'authorizer',
    HttpIamAuthorizer: 'authorizer',
    WebSocketLambdaAuthorizer: 'authorizer',
  },
  cognito: {
    UserPool: 'userPool',
    UserPoolClient: 'userPoolClient',
    UserPoolDomain: 'userPoolDomain',
    CfnUserPoolGroup: 'userPoolGroup',
    UserPoolGroup: 'userPoolGroup',
    UserPoolIdentityProviderGoogle: 'identityProvider',
    UserPoolIdentityProviderFacebook: 'identityProvider',
    UserPoolIdentityProviderAmazon: 'identityProvider',
    UserPoolIdentityProviderApple: 'identityProvider',
    UserPoolIdentityProviderOidc: 'identityProvider',
    UserPoolIdentityProviderSaml: 'identityProvider',
  },
  s3: { Bucket: 'bucket' },
  's3-deployment': { BucketDeployment: 'bucketDeployment' },
  cloudfront: {
    Distribution: 'distribution',
    CloudFrontWebDistribution: 'distribution',
    Function: 'edgeFunction',
    EdgeFunction: 'lambda',
  },
  cloudwatch: { Alarm: 'alarm', CompositeAlarm: 'alarm' },
  events: { Rule: 'rule', CfnRule: 'rule' },
  scheduler: { Schedule: 'schedule', CfnSchedule: 'schedule' },
  sns: { Topic: 'topic' },
  rds: {
    DatabaseCluster: 'database',
    DatabaseClusterFromSnapshot: 'database',
    ServerlessCluster: 'database',
    ServerlessClusterFromSnapshot: 'database',
    DatabaseInstance: 'database',
    DatabaseInstanceFromSnapshot: 'database',
    DatabaseInstanceReadReplica: 'database',
    CfnDBCluster: 'database',
    CfnDBInstance: 'database',
  },
  dsql: { CfnCluster: 'database' },
  elasticache: { CfnCacheCluster: 'database', CfnReplicationGroup: 'database', CfnServerlessCache: 'database' },
  opensearchservice: { Domain: 'database', CfnDomain: 'database' },
  elasticsearch: { Domain: 'database', CfnDomain: 'database' },
  opensearchserverless: { CfnCollection: 'database' },
  docdb: { DatabaseCluster: 'database', CfnDBCluster: 'database' },
  neptune: { DatabaseCluster: 'database', CfnDBCluster: 'database' },
  memorydb: { CfnCluster: 'database' },
  redshift: { Cluster: 'database', CfnCluster: 'database' },
  appsync: {
    GraphqlApi: 'graphqlApi',
    CfnGraphQLApi: 'graphqlApi',
    LambdaDataSource: 'graphqlDataSource',
    DynamoDbDataSource: 'graphqlDataSource',
    HttpDataSource: 'graphqlDataSource',
    NoneDataSource: 'graphqlDataSource',
    OpenSearchDataSource: 'graphqlDataSource',
    ElasticsearchDataSource: 'graphqlDataSource',
    RdsDataSource: 'graphqlDataSource',
    EventBridgeDataSource: 'graphqlDataSource',
    CfnDataSource: 'graphqlDataSource',
    Resolver: 'graphqlResolver',
    CfnResolver: 'graphqlResolver',
    AppsyncFunction: 'graphqlFunction',
    CfnFunctionConfiguration: 'graphqlFunction',
    CfnGraphQLSchema: 'graphqlSchema',
  },
};

/** Authorizers of the HTTP/WebSocket API modules take `(id, target, props)`, not `(scope, id, props)`. */
export const ID_FIRST = new Set([
  'HttpUserPoolAuthorizer',
  'HttpJwtAuthorizer',
  'HttpLambdaAuthorizer',
  'HttpIamAuthorizer',
  'WebSocketLambdaAuthorizer',
]);

/** Integrations: where the Lambda sits among the constructor arguments (`props.handler` for the v1 alpha proxy). */
export const INTEGRATIONS: Record<string, number | 'handler'> = {
  LambdaIntegration: 0,
  HttpLambdaIntegration: 1,
  WebSocketLambdaIntegration: 1,
  LambdaProxyIntegration: 'handler',
  LambdaWebSocketIntegration: 'handler',
};

/** Event sources and rule targets that invoke a Lambda: class → what kind of trigger it is. */
export const EVENT_SOURCES: Record<string, string> = {
  DynamoEventSource: 'DynamoDB stream',
  SqsEventSource: 'SQS',
  SnsEventSource: 'SNS',
  S3EventSource: 'S3',
  KinesisEventSource: 'Kinesis',
  ManagedKafkaEventSource: 'Kafka',
};

/** `aws-cdk-lib/aws-dynamodb` → `dynamodb`, `@aws-cdk/core` → `core`, `aws-cdk-lib` → `core`; undefined if not CDK. */
export function serviceOf(module: string): string | undefined {
  let m: string;
  if (module === 'aws-cdk-lib' || module === '@aws-cdk/core' || module === 'monocdk') return 'core';
  if (module.startsWith('aws-cdk-lib/')) m = module.slice('aws-cdk-lib/'.length);
  else if (module.startsWith('monocdk/')) m = module.slice('monocdk/'.length);
  else if (module.startsWith('@aws-cdk/')) m = module.slice('@aws-cdk/'.length);
  else return undefined;
  return m.replace(/^aws-/, '').replace(/-alpha$/, '');
}

/** Any package that provides constructs: the CDK itself and construct libraries (`cdk-nag`, `@aws-solutions-constructs/*`). */
export function isConstructModule(module: string): boolean {
  return (
    serviceOf(module) !== undefined ||
    module === 'constructs' ||
    /(^|[/@-])cdk([/-]|$)/.test(module) ||
    module.startsWith('@aws-solutions-constructs/')
  );
}

/** The v2 root namespace `cdk.aws_dynamodb.Table` → module `aws-cdk-lib/aws-dynamodb`, path `Table`. */
export function normaliseExt(module: string, path: readonly string[]): { module: string; path: readonly string[] } {
  if ((module === 'aws-cdk-lib' || module === 'monocdk') && path.length > 0 && /^(aws_|pipelines$|custom_resources$)/.test(path[0])) {
    return { module: `${module}/${path[0].replace(/_/g, '-')}`, path: path.slice(1) };
  }
  return { module, path };
}

export function categoryOf(module: string, path: readonly string[]): Category | undefined {
  const service = serviceOf(module);
  if (service === undefined || path.length === 0) return undefined;
  const name = path[path.length - 1];
  const inService = CLASSES[service]?.[name];
  if (inService) return inService;
  // The integrations/authorizers modules were renamed over time; match them by class name.
  if (service.startsWith('apigatewayv2')) return CLASSES['apigatewayv2-authorizers'][name] ?? CLASSES.apigatewayv2[name];
  return undefined;
}

/** True for `Stack`/`NestedStack`/`Construct`/`Stage` base classes a project class may extend. */
export function baseKindOf(module: string, name: string): 'stack' | 'stage' | 'construct' | 'app' | undefined {
  const service = serviceOf(module);
  if (service === 'core' || service === 'cloudformation') {
    if (name === 'Stack' || name === 'NestedStack') return 'stack';
    if (name === 'Stage') return 'stage';
    if (name === 'Construct') return 'construct';
    if (name === 'App') return 'app';
  }
  if (module === 'constructs' && name === 'Construct') return 'construct';
  return undefined;
}
