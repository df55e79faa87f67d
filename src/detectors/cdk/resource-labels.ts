/**
 * What a construct is, in the words of the AWS service it creates (`AppSync Events API`, `Aurora DSQL cluster`):
 * how a project construct named like a service (`EventBus`) is described by what it really creates. Only resources
 * a reader looks for are named; IAM roles, log groups and parameters are left out.
 */
import type { Rec } from './records.js';

const BY_CATEGORY: Readonly<Record<string, string>> = {
  lambda: 'Lambda function',
  table: 'DynamoDB table',
  api: 'API Gateway API',
  userPool: 'Cognito user pool',
  bucket: 'S3 bucket',
  distribution: 'CloudFront distribution',
  graphqlApi: 'AppSync GraphQL API',
  rule: 'EventBridge rule',
  schedule: 'EventBridge Scheduler schedule',
  topic: 'SNS topic',
};

const BY_CLASS: Readonly<Record<string, string>> = {
  EventApi: 'AppSync Events API',
  Queue: 'SQS queue',
  EventBus: 'EventBridge event bus',
  StateMachine: 'Step Functions state machine',
  Stream: 'Kinesis stream',
  Secret: 'Secrets Manager secret',
  Vpc: 'VPC',
  Cluster: 'ECS cluster',
  FargateService: 'ECS Fargate service',
  ApplicationLoadBalancedFargateService: 'ECS Fargate service behind a load balancer',
  ApplicationLoadBalancer: 'application load balancer',
  HostedZone: 'Route 53 hosted zone',
  Certificate: 'ACM certificate',
  WebSocketApi: 'API Gateway WebSocket API',
};

/** The service-level name of a record, or undefined when it is not one a reader looks for. */
export function resourceLabel(rec: Rec, database?: (rec: Rec) => string | undefined): string | undefined {
  if (rec.imported) return undefined;
  const engine = database?.(rec);
  if (engine) return engine;
  if (rec.category === 'api' && (rec.cdkClass ?? rec.className) === 'HttpApi') return 'API Gateway HTTP API';
  if (rec.category && BY_CATEGORY[rec.category]) return BY_CATEGORY[rec.category];
  if (!rec.category && !rec.decl && BY_CLASS[rec.className]) {
    // `Cluster` and `Stream` are ECS's and Kinesis's only in those modules.
    if (rec.className === 'Cluster' && !/ecs/.test(rec.module)) return undefined;
    if (rec.className === 'Stream' && !/kinesis/.test(rec.module)) return undefined;
    if (rec.className === 'EventBus' && !/events/.test(rec.module)) return undefined;
    return BY_CLASS[rec.className];
  }
  return undefined;
}
