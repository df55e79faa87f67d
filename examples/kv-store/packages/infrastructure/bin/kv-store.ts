#!/usr/bin/env node
import 'source-map-support/register';
import * as cdk from 'aws-cdk-lib';
import { getStageConfig } from '../lib/config';
import { ApiStack } from '../lib/stacks/api-stack';
import { AuthStack } from '../lib/stacks/auth-stack';
import { DatabaseStack } from '../lib/stacks/database-stack';
import { FrontendStack } from '../lib/stacks/frontend-stack';
import { MonitoringStack } from '../lib/stacks/monitoring-stack';

const app = new cdk.App();

// `cdk deploy -c stage=prod` wins over $STAGE, then the cdk.json default.
const stage: string = app.node.tryGetContext('stage') ?? process.env.STAGE ?? app.node.tryGetContext('kv:stage') ?? 'dev';
const config = getStageConfig(app, stage);
const env = config.env;

const database = new DatabaseStack(app, `KvDatabase-${stage}`, {
  env,
  stage,
  retainData: config.retainData,
  description: `KV Store DynamoDB tables (${stage})`,
});

const auth = new AuthStack(app, `KvAuth-${stage}`, {
  env,
  stage,
  usersTable: database.usersTable,
  retainData: config.retainData,
  description: `KV Store Cognito user pool (${stage})`,
});

const api = new ApiStack(app, `KvApi-${stage}`, {
  env,
  stage,
  kvTable: database.kvTable,
  usersTable: database.usersTable,
  apiKeysTable: database.apiKeysTable,
  usageTable: database.usageTable,
  userPool: auth.userPool,
  userPoolClient: auth.userPoolClient,
  enableUsageApi: config.enableUsageApi,
  allowedOrigins: config.allowedOrigins,
  throttling: config.throttling,
  paddle: config.paddle,
  apiDomainName: config.domainName ? `api.${config.domainName}` : undefined,
  apiCertificateArn: config.apiCertificateArn,
  description: `KV Store REST API and Lambda handlers (${stage})`,
});

new FrontendStack(app, `KvFrontend-${stage}`, {
  env,
  stage,
  api: api.api,
  domainName: config.domainName,
  certificateArn: config.certificateArn,
  retainData: config.retainData,
  description: `KV Store landing + dashboard hosting (${stage})`,
});

new MonitoringStack(app, `KvMonitoring-${stage}`, {
  env,
  stage,
  api: api.api,
  functions: api.functions,
  alarmEmail: config.alarmEmail,
  description: `KV Store alarms and dashboard (${stage})`,
});

cdk.Tags.of(app).add('project', 'kv-store');
cdk.Tags.of(app).add('stage', stage);
