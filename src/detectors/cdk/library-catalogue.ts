/**
 * Well-known construct libraries and the AWS resources their constructs create, so a `new CloudFrontToS3(...)` or a
 * `new Nextjs(...)` shows its CloudFront distribution, bucket and functions like hand-written CDK code would. Each
 * entry names, per created resource, the attribute the library exposes it as (`apiGateway`), the AWS CDK class it is,
 * the library props that configure it (`apiGatewayProps`) or pass an existing one instead (`existingLambdaObj`), and
 * what invokes the functions it creates. Read from the libraries' documentation; nothing of theirs is loaded.
 */

/** Where a created resource's props come from besides the library props: other parts, by attribute name. */
export type Wire =
  /** The part itself (`handler: 'lambdaFunction'`). */
  | { readonly part: string }
  /** A library prop as written (`websiteFolder`). */
  | { readonly prop: string }
  /** A CDK class or factory applied to a wire (`S3BucketOrigin(bucket)` as a distribution's origin). */
  | { readonly ext: string; readonly module: string; readonly arg: Wire }
  /** A plain object of wires (`defaultBehavior: { origin: … }`). */
  | { readonly obj: Readonly<Record<string, Wire>> }
  /** A list of wires (`cognitoUserPools: [userPool]`). */
  | { readonly list: readonly Wire[] }
  /** A literal string (an enum member as written, `COGNITO`) or boolean. */
  | { readonly str: string }
  | { readonly bool: boolean };

export interface LibraryPart {
  /** Attribute of the library construct that holds it (`apiGateway`); also its construct id when `id` is absent. */
  readonly field: string;
  readonly id?: string;
  /** The AWS CDK service module (`apigateway`, `lambda`, `cloudfront`…) and class (`LambdaRestApi`). */
  readonly service: string;
  readonly className: string;
  /** Library props merged into its props, in order (`apiGatewayProps`). */
  readonly props?: readonly string[];
  /** Library prop that passes an existing resource instead: then nothing is created and the attribute is that one. */
  readonly existing?: readonly string[];
  /** Props the library sets itself, from its other parts. */
  readonly wire?: Readonly<Record<string, Wire>>;
  /** For functions: the library prop naming the folder of the code (`nextjsPath`), and what the code is. */
  readonly code?: { readonly prop: string; readonly note: string };
  /** For functions the library ships itself (an image optimizer): what it is; the repository holds no code for it. */
  readonly libraryCode?: string;
}

/** What invokes a function part: `kind` as the Lambda table says it (`SQS`), the part that invokes it, the function. */
export interface LibraryTrigger {
  readonly kind: string;
  readonly from: string;
  readonly to: string;
  /** A prop of the `from` part shown as detail (a rule's `schedule`). */
  readonly detail?: string;
}

/** An environment variable the library sets on a function part, holding a part's attribute (`DDB_TABLE_NAME`). */
export interface LibraryEnv {
  readonly lambda: string;
  /** Library prop that renames it, and its default name. */
  readonly nameProp?: string;
  readonly name: string;
  readonly part: string;
  readonly attribute: string;
}

export interface LibraryConstruct {
  /** What the construct is, in a few words (`CloudFront + S3 static site`). */
  readonly summary: string;
  readonly parts: readonly LibraryPart[];
  readonly triggers?: readonly LibraryTrigger[];
  readonly env?: readonly LibraryEnv[];
  /** Grants the library gives: `grantReadWriteData` of part `dynamoTable` to part `lambdaFunction`. */
  readonly grants?: readonly { readonly method: string; readonly resource: string; readonly grantee: string }[];
  /** Methods that create more parts, returning an object of them (`createSiteWithCloudfront`). */
  readonly methods?: Readonly<Record<string, readonly LibraryPart[]>>;
  /** Methods that return Lambda container code built from a Dockerfile (`toLambdaDockerImageCode`). */
  readonly imageCode?: { readonly methods: readonly string[]; readonly directory: string; readonly file?: string };
}

const fn = (field = 'lambdaFunction', props = 'lambdaFunctionProps', existing = 'existingLambdaObj'): LibraryPart => ({
  field,
  service: 'lambda',
  className: 'Function',
  props: [props],
  existing: [existing],
});
const table: LibraryPart = { field: 'dynamoTable', service: 'dynamodb', className: 'Table', props: ['dynamoTableProps'], existing: ['existingTableObj', 'existingTableInterface'] };
const bucket: LibraryPart = { field: 's3Bucket', service: 's3', className: 'Bucket', props: ['bucketProps'], existing: ['existingBucketObj', 'existingBucketInterface'] };
const queue: LibraryPart = { field: 'sqsQueue', service: 'sqs', className: 'Queue', props: ['queueProps'], existing: ['existingQueueObj'] };
const topic: LibraryPart = { field: 'snsTopic', service: 'sns', className: 'Topic', props: ['topicProps'], existing: ['existingTopicObj'] };
const stream: LibraryPart = { field: 'kinesisStream', service: 'kinesis', className: 'Stream', props: ['kinesisStreamProps'], existing: ['existingStreamObj'] };
const rule: LibraryPart = { field: 'eventsRule', service: 'events', className: 'Rule', props: ['eventRuleProps'] };
const api = (className: 'LambdaRestApi' | 'RestApi', extra: Readonly<Record<string, Wire>> = {}): LibraryPart => ({
  field: 'apiGateway',
  service: 'apigateway',
  className,
  props: ['apiGatewayProps'],
  existing: ['existingApiGatewayObj'],
  wire: className === 'LambdaRestApi' ? { handler: { part: 'lambdaFunction' }, ...extra } : extra,
});
const distribution = (origin: Wire): LibraryPart => ({
  field: 'cloudFrontWebDistribution',
  service: 'cloudfront',
  className: 'Distribution',
  props: ['cloudFrontDistributionProps'],
  wire: { defaultBehavior: { obj: { origin } } },
});
const origin = (ext: string, part: string): Wire => ({ ext, module: 'aws-cdk-lib/aws-cloudfront-origins', arg: { part } });
const invokes = (kind: string, from: string, to = 'lambdaFunction', detail?: string): LibraryTrigger => ({ kind, from, to, ...(detail ? { detail } : {}) });

/** AWS Solutions Constructs (`@aws-solutions-constructs/aws-<a>-<b>`), by class name. */
const SOLUTIONS: Readonly<Record<string, LibraryConstruct>> = {
  ApiGatewayToLambda: { summary: 'API Gateway REST API proxying to a Lambda function', parts: [fn(), api('LambdaRestApi')] },
  ApiGatewayToDynamoDB: { summary: 'API Gateway REST API over a DynamoDB table', parts: [table, api('RestApi')] },
  ApiGatewayToSqs: { summary: 'API Gateway REST API sending to an SQS queue', parts: [queue, api('RestApi')] },
  ApiGatewayToKinesisStreams: { summary: 'API Gateway REST API writing to a Kinesis stream', parts: [stream, api('RestApi')] },
  CognitoToApiGatewayToLambda: {
    summary: 'API Gateway REST API behind a Cognito user pool, proxying to a Lambda function',
    parts: [
      fn(),
      { field: 'userPool', id: 'CognitoUserPool', service: 'cognito', className: 'UserPool', props: ['cognitoUserPoolProps'] },
      { field: 'userPoolClient', id: 'CognitoUserPoolClient', service: 'cognito', className: 'UserPoolClient', props: ['cognitoUserPoolClientProps'], wire: { userPool: { part: 'userPool' } } },
      { field: 'authorizer', id: 'CognitoAuthorizer', service: 'apigateway', className: 'CognitoUserPoolsAuthorizer', wire: { cognitoUserPools: { list: [{ part: 'userPool' }] } } },
      api('LambdaRestApi', { defaultMethodOptions: { obj: { authorizer: { part: 'authorizer' }, authorizationType: { str: 'COGNITO' } } } }),
    ],
  },
  CloudFrontToS3: { summary: 'CloudFront distribution serving an S3 bucket', parts: [bucket, distribution(origin('S3BucketOrigin', 's3Bucket'))] },
  CloudFrontToOaiToS3: { summary: 'CloudFront distribution serving an S3 bucket', parts: [bucket, distribution(origin('S3Origin', 's3Bucket'))] },
  CloudFrontToApiGateway: {
    summary: 'CloudFront distribution in front of an API Gateway REST API',
    parts: [{ field: 'apiGateway', service: 'apigateway', className: 'RestApi', existing: ['existingApiGatewayObj'] }, distribution(origin('RestApiOrigin', 'apiGateway'))],
  },
  CloudFrontToApiGatewayToLambda: {
    summary: 'CloudFront distribution in front of an API Gateway REST API proxying to a Lambda function',
    parts: [fn(), api('LambdaRestApi'), distribution(origin('RestApiOrigin', 'apiGateway'))],
  },
  LambdaToDynamoDB: {
    summary: 'Lambda function with a DynamoDB table',
    parts: [fn(), table],
    env: [{ lambda: 'lambdaFunction', nameProp: 'tableEnvironmentVariableName', name: 'DDB_TABLE_NAME', part: 'dynamoTable', attribute: 'tableName' }],
    grants: [{ method: 'grantReadWriteData', resource: 'dynamoTable', grantee: 'lambdaFunction' }],
  },
  LambdaToS3: {
    summary: 'Lambda function with an S3 bucket',
    parts: [fn(), bucket],
    env: [{ lambda: 'lambdaFunction', nameProp: 'bucketEnvironmentVariableName', name: 'S3_BUCKET_NAME', part: 's3Bucket', attribute: 'bucketName' }],
    grants: [{ method: 'grantReadWrite', resource: 's3Bucket', grantee: 'lambdaFunction' }],
  },
  LambdaToSqs: {
    summary: 'Lambda function sending to an SQS queue',
    parts: [fn(), queue],
    env: [{ lambda: 'lambdaFunction', nameProp: 'queueEnvironmentVariableName', name: 'SQS_QUEUE_URL', part: 'sqsQueue', attribute: 'queueUrl' }],
    grants: [{ method: 'grantSendMessages', resource: 'sqsQueue', grantee: 'lambdaFunction' }],
  },
  LambdaToSns: {
    summary: 'Lambda function publishing to an SNS topic',
    parts: [fn(), topic],
    env: [{ lambda: 'lambdaFunction', nameProp: 'topicArnEnvironmentVariableName', name: 'SNS_TOPIC_ARN', part: 'snsTopic', attribute: 'topicArn' }],
    grants: [{ method: 'grantPublish', resource: 'snsTopic', grantee: 'lambdaFunction' }],
  },
  LambdaToSqsToLambda: {
    summary: 'Lambda function sending to an SQS queue consumed by another Lambda function',
    parts: [fn('producerLambdaFunction', 'producerLambdaFunctionProps', 'existingProducerLambdaObj'), queue, fn('consumerLambdaFunction', 'consumerLambdaFunctionProps', 'existingConsumerLambdaObj')],
    env: [{ lambda: 'producerLambdaFunction', nameProp: 'queueEnvironmentVariableName', name: 'SQS_QUEUE_URL', part: 'sqsQueue', attribute: 'queueUrl' }],
    triggers: [invokes('SQS', 'sqsQueue', 'consumerLambdaFunction')],
  },
  SqsToLambda: { summary: 'SQS queue consumed by a Lambda function', parts: [queue, fn()], triggers: [invokes('SQS', 'sqsQueue')] },
  SnsToLambda: { summary: 'SNS topic invoking a Lambda function', parts: [topic, fn()], triggers: [invokes('SNS', 'snsTopic')] },
  S3ToLambda: { summary: 'S3 bucket notifying a Lambda function', parts: [bucket, fn()], triggers: [invokes('S3', 's3Bucket')] },
  DynamoDBStreamsToLambda: { summary: 'DynamoDB table stream consumed by a Lambda function', parts: [table, fn()], triggers: [invokes('DynamoDB stream', 'dynamoTable')] },
  KinesisStreamsToLambda: { summary: 'Kinesis stream consumed by a Lambda function', parts: [stream, fn()], triggers: [invokes('Kinesis', 'kinesisStream')] },
  EventbridgeToLambda: { summary: 'EventBridge rule invoking a Lambda function', parts: [rule, fn()], triggers: [invokes('EventBridge rule', 'eventsRule', 'lambdaFunction', 'schedule')] },
  EventbridgeToSqs: { summary: 'EventBridge rule sending to an SQS queue', parts: [rule, queue] },
  EventbridgeToSns: { summary: 'EventBridge rule publishing to an SNS topic', parts: [rule, topic] },
  KinesisStreamsToKinesisFirehoseToS3: { summary: 'Kinesis stream delivered by Firehose to an S3 bucket', parts: [stream, { ...bucket, existing: ['existingBucketObj'] }] },
  KinesisFirehoseToS3: { summary: 'Firehose delivery stream to an S3 bucket', parts: [bucket] },
};

/** Other libraries, by module then class. */
const OTHERS: Readonly<Record<string, Readonly<Record<string, LibraryConstruct>>>> = {
  'cdk-nextjs-standalone': {
    Nextjs: {
      summary: 'Next.js app on Lambda behind CloudFront (OpenNext build)',
      parts: [
        { field: 'staticAssets', id: 'StaticAssets', service: 's3', className: 'Bucket' },
        { field: 'serverFunction', id: 'Server', service: 'lambda', className: 'Function', code: { prop: 'nextjsPath', note: 'Next.js server, built from the app by OpenNext' } },
        { field: 'imageOptimizationFunction', id: 'ImgOptFn', service: 'lambda', className: 'Function', libraryCode: 'image optimization function shipped by cdk-nextjs-standalone' },
        { field: 'distribution', id: 'Distribution', service: 'cloudfront', className: 'Distribution' },
      ],
      triggers: [invokes('CloudFront', 'distribution', 'serverFunction'), invokes('CloudFront', 'distribution', 'imageOptimizationFunction')],
    },
  },
  'cdk-spa-deploy': {
    SPADeploy: {
      summary: 'static single-page site in S3, optionally behind CloudFront',
      parts: [],
      methods: {
        createBasicSite: spaSite().filter((p) => p.service !== 'cloudfront'),
        createSiteWithCloudfront: spaSite(),
        createSiteFromHostedZone: spaSite(),
      },
    },
  },
  '@cloudcomponents/cdk-static-website': {
    StaticWebsite: {
      summary: 'static website in S3 behind CloudFront',
      parts: [
        { field: 'bucket', id: 'WebsiteBucket', service: 's3', className: 'Bucket' },
        { field: 'distribution', id: 'WebsiteDistribution', service: 'cloudfront', className: 'Distribution', wire: { defaultBehavior: { obj: { origin: origin('S3Origin', 'bucket') } } } },
      ],
    },
  },
  '@aws-prototyping-sdk/static-website': { StaticWebsite: pdkStaticWebsite() },
  '@aws/pdk/static-website': { StaticWebsite: pdkStaticWebsite() },
  '@cdklabs/deploy-time-build': {
    ContainerImageBuild: {
      summary: 'container image built at deploy time',
      parts: [],
      imageCode: { methods: ['toLambdaDockerImageCode'], directory: 'directory', file: 'file' },
    },
  },
};

/** cdk-spa-deploy: the site's bucket, the upload of `websiteFolder`, and (with CloudFront) the distribution. */
function spaSite(): LibraryPart[] {
  return [
    { field: 'websiteBucket', id: 'WebsiteBucket', service: 's3', className: 'Bucket' },
    {
      field: 'deployment',
      id: 'BucketDeployment',
      service: 's3-deployment',
      className: 'BucketDeployment',
      wire: { destinationBucket: { part: 'websiteBucket' }, sources: { list: [{ ext: 'Source.asset', module: 'aws-cdk-lib/aws-s3-deployment', arg: { prop: 'websiteFolder' } }] } },
    },
    {
      field: 'distribution',
      id: 'cloudfrontDistribution',
      service: 'cloudfront',
      className: 'CloudFrontWebDistribution',
      wire: { originConfigs: { list: [{ obj: { s3OriginSource: { obj: { s3BucketSource: { part: 'websiteBucket' } } }, behaviors: { list: [{ obj: { isDefaultBehavior: { bool: true } } }] } } }] } },
    },
  ];
}

function pdkStaticWebsite(): LibraryConstruct {
  return {
    summary: 'static website in S3 behind CloudFront',
    parts: [
      { field: 'websiteBucket', id: 'WebsiteBucket', service: 's3', className: 'Bucket' },
      { field: 'cloudFrontDistribution', id: 'CloudfrontDistribution', service: 'cloudfront', className: 'Distribution', props: ['distributionProps'], wire: { defaultBehavior: { obj: { origin: origin('S3Origin', 'websiteBucket') } } } },
    ],
  };
}

/** The catalogue entry for a class imported from `module`, if the library is a known one. */
export function libraryConstruct(module: string, className: string): LibraryConstruct | undefined {
  if (module.startsWith('@aws-solutions-constructs/')) return SOLUTIONS[className];
  return OTHERS[module]?.[className];
}

/** Every module the catalogue knows, for text checks before anything is parsed. */
export const LIBRARY_MODULES: readonly string[] = ['@aws-solutions-constructs/', ...Object.keys(OTHERS)];

/** The AWS services a library construct creates, by CDK service module: what an overview can say it is. */
export function servicesOf(entry: LibraryConstruct): string[] {
  const parts = [...entry.parts, ...Object.values(entry.methods ?? {}).flat()];
  return [...new Set(parts.map((p) => p.service))];
}
