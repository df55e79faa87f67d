import * as path from 'node:path';
import * as cdk from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Construct } from 'constructs';
import { KvFunction } from '../constructs/kv-function';
import type { StageConfig } from '../config';

export interface ApiStackProps extends cdk.StackProps {
  stage: string;
  kvTable: dynamodb.ITable;
  usersTable: dynamodb.ITable;
  apiKeysTable: dynamodb.ITable;
  usageTable: dynamodb.ITable;
  userPool: cognito.IUserPool;
  userPoolClient: cognito.IUserPoolClient;
  /** Feature flag `kv:enableUsageApi` — deploys GET /account/usage. */
  enableUsageApi: boolean;
  allowedOrigins: string[];
  throttling: StageConfig['throttling'];
  paddle: StageConfig['paddle'];
  apiDomainName?: string;
  apiCertificateArn?: string;
}

const handlersDir = path.join(__dirname, '../../../api/src/handlers');

/** Attaches a Lambda integration; no authorizer means a public route. */
function addRoute(
  resource: apigw.IResource,
  method: string,
  fn: KvFunction,
  authorizer?: apigw.IAuthorizer,
): apigw.Method {
  return resource.addMethod(method, new apigw.LambdaIntegration(fn.function), authorizer ? { authorizer } : {});
}

/**
 * REST API: public data plane under /v1 (API key TokenAuthorizer), dashboard
 * routes under /account (Cognito authorizer) and the Paddle webhook.
 */
export class ApiStack extends cdk.Stack {
  public readonly api: apigw.RestApi;
  /** Every Lambda of the API keyed by construct id — consumed by MonitoringStack. */
  public readonly functions: Record<string, lambda.IFunction>;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    const tableEnv = {
      KV_TABLE_NAME: props.kvTable.tableName,
      USERS_TABLE_NAME: props.usersTable.tableName,
      API_KEYS_TABLE_NAME: props.apiKeysTable.tableName,
      USAGE_TABLE_NAME: props.usageTable.tableName,
    };

    const api = new apigw.RestApi(this, 'KvRestApi', {
      restApiName: `kv-${props.stage}-api`,
      description: 'KV Store public and dashboard API',
      deployOptions: {
        stageName: props.stage,
        throttlingRateLimit: props.throttling.rateLimit,
        throttlingBurstLimit: props.throttling.burstLimit,
        tracingEnabled: true,
        metricsEnabled: true,
      },
      defaultCorsPreflightOptions: {
        allowOrigins: props.allowedOrigins,
        allowMethods: ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type'],
        maxAge: cdk.Duration.hours(1),
      },
    });
    this.api = api;

    // Authorizer errors must carry CORS headers too, or browsers hide the 401.
    for (const type of [apigw.ResponseType.UNAUTHORIZED, apigw.ResponseType.ACCESS_DENIED]) {
      api.addGatewayResponse(`${type.responseType}Response`, {
        type,
        responseHeaders: { 'Access-Control-Allow-Origin': "'*'" },
      });
    }

    // --- Authorizers -------------------------------------------------------
    const cognitoAuthorizer = new apigw.CognitoUserPoolsAuthorizer(this, 'DashboardAuthorizer', {
      cognitoUserPools: [props.userPool],
      authorizerName: `kv-${props.stage}-cognito`,
    });

    const authorizerFn = new KvFunction(this, 'ApiKeyAuthorizerFn', {
      entry: path.join(__dirname, '../../../api/src/authorizers/api-key-authorizer.ts'),
      environment: {
        API_KEYS_TABLE_NAME: props.apiKeysTable.tableName,
        USERS_TABLE_NAME: props.usersTable.tableName,
        USER_POOL_ID: props.userPool.userPoolId,
        USER_POOL_CLIENT_ID: props.userPoolClient.userPoolClientId,
      },
    });
    props.apiKeysTable.grantReadWriteData(authorizerFn);
    props.usersTable.grantReadData(authorizerFn);

    const apiKeyAuthorizer = new apigw.TokenAuthorizer(this, 'ApiKeyAuthorizer', {
      handler: authorizerFn.function,
      authorizerName: `kv-${props.stage}-api-key`,
      identitySource: apigw.IdentitySource.header('Authorization'),
      resultsCacheTtl: cdk.Duration.minutes(5),
    });

    // --- Data plane: /v1/kv ------------------------------------------------
    const v1 = api.root.addResource('v1');
    const kv = v1.addResource('kv');
    const kvNamespace = kv.addResource('{namespace}');
    const kvItem = kvNamespace.addResource('{key}');
    const kvBatch = kvNamespace.addResource('batch');

    const kvGetFn = new KvFunction(this, 'KvGetFn', {
      entry: path.join(__dirname, '../../../api/src/handlers', 'kv/get.ts'),
      environment: { KV_TABLE_NAME: props.kvTable.tableName, USAGE_TABLE_NAME: props.usageTable.tableName },
    });
    props.kvTable.grantReadData(kvGetFn);
    props.usageTable.grantReadWriteData(kvGetFn);
    kvItem.addMethod('GET', new apigw.LambdaIntegration(kvGetFn.function), { authorizer: apiKeyAuthorizer });

    const kvPutFn = new KvFunction(this, 'KvPutFn', {
      entry: path.join(handlersDir, 'kv/put.ts'),
      environment: { ...tableEnv },
    });
    props.kvTable.grantReadWriteData(kvPutFn);
    props.usersTable.grantReadData(kvPutFn);
    props.usageTable.grantReadWriteData(kvPutFn);
    kvItem.addMethod('PUT', new apigw.LambdaIntegration(kvPutFn.function), { authorizer: apiKeyAuthorizer });

    const kvDeleteFn = new KvFunction(this, 'KvDeleteFn', {
      entry: path.join(handlersDir, 'kv/delete.ts'),
      environment: { KV_TABLE_NAME: props.kvTable.tableName, USAGE_TABLE_NAME: props.usageTable.tableName },
    });
    props.kvTable.grantReadWriteData(kvDeleteFn);
    props.usageTable.grantReadWriteData(kvDeleteFn);
    kvItem.addMethod('DELETE', new apigw.LambdaIntegration(kvDeleteFn.function), { authorizer: apiKeyAuthorizer });

    const kvListFn = new KvFunction(this, 'KvListFn', {
      entry: path.join(handlersDir, 'kv/list.ts'),
      environment: { KV_TABLE_NAME: props.kvTable.tableName, USAGE_TABLE_NAME: props.usageTable.tableName },
    });
    props.kvTable.grantReadData(kvListFn);
    props.usageTable.grantReadWriteData(kvListFn);
    kvNamespace.addMethod('GET', new apigw.LambdaIntegration(kvListFn.function), { authorizer: apiKeyAuthorizer });

    const kvBatchFn = new KvFunction(this, 'KvBatchFn', {
      entry: path.join(handlersDir, 'kv/batch.ts'),
      timeout: cdk.Duration.seconds(20),
      environment: { ...tableEnv },
    });
    props.kvTable.grantReadWriteData(kvBatchFn);
    props.usersTable.grantReadData(kvBatchFn);
    props.usageTable.grantReadWriteData(kvBatchFn);
    kvBatch.addMethod('POST', new apigw.LambdaIntegration(kvBatchFn.function), { authorizer: apiKeyAuthorizer });

    // --- Data plane: /v1/namespaces ----------------------------------------
    const namespaces = v1.addResource('namespaces');

    const nsListFn = new KvFunction(this, 'NamespacesListFn', {
      entry: path.join(handlersDir, 'namespaces/list.ts'),
      environment: { USERS_TABLE_NAME: props.usersTable.tableName },
    });
    props.usersTable.grantReadData(nsListFn);
    addRoute(namespaces, 'GET', nsListFn, apiKeyAuthorizer);

    const nsCreateFn = new KvFunction(this, 'NamespacesCreateFn', {
      entry: path.join(handlersDir, 'namespaces/create.ts'),
      environment: { USERS_TABLE_NAME: props.usersTable.tableName },
    });
    props.usersTable.grantReadWriteData(nsCreateFn);
    addRoute(namespaces, 'POST', nsCreateFn, apiKeyAuthorizer);

    // --- Dashboard: /account -----------------------------------------------
    const account = api.root.addResource('account');

    const meFn = new KvFunction(this, 'AccountMeFn', {
      entry: path.join(handlersDir, 'account/me.ts'),
      environment: { USERS_TABLE_NAME: props.usersTable.tableName },
    });
    props.usersTable.grantReadData(meFn);
    addRoute(account.addResource('me'), 'GET', meFn, cognitoAuthorizer);

    const keyRoutes = [
      { method: 'GET', path: 'keys', entry: 'keys/list.ts' },
      { method: 'POST', path: 'keys', entry: 'keys/create.ts' },
      { method: 'DELETE', path: 'keys/{keyId}', entry: 'keys/revoke.ts' },
    ] as const;

    for (const route of keyRoutes) {
      const action = path.basename(route.entry, '.ts');
      const fnId = `Keys${action.charAt(0).toUpperCase()}${action.slice(1)}Fn`;
      const fn = new KvFunction(this, fnId, {
        entry: path.join(handlersDir, route.entry),
        environment: {
          API_KEYS_TABLE_NAME: props.apiKeysTable.tableName,
          USERS_TABLE_NAME: props.usersTable.tableName,
        },
      });
      props.apiKeysTable.grantReadWriteData(fn);
      props.usersTable.grantReadWriteData(fn);
      account
        .resourceForPath(route.path)
        .addMethod(route.method, new apigw.LambdaIntegration(fn.function), { authorizer: cognitoAuthorizer });
    }

    if (props.enableUsageApi) {
      const usageFn = new KvFunction(this, 'UsageGetFn', {
        entry: path.join(handlersDir, 'usage/get.ts'),
        environment: { USAGE_TABLE_NAME: props.usageTable.tableName },
      });
      props.usageTable.grantReadData(usageFn);
      addRoute(account.addResource('usage'), 'GET', usageFn, cognitoAuthorizer);
    }

    // --- Billing: /billing/paddle/webhook (public, signature-verified) -----
    const webhookFn = new KvFunction(this, 'PaddleWebhookFn', {
      entry: path.join(handlersDir, 'billing/paddle-webhook.ts'),
      timeout: cdk.Duration.seconds(30),
      environment: {
        USERS_TABLE_NAME: props.usersTable.tableName,
        USER_POOL_ID: props.userPool.userPoolId,
        PADDLE_API_URL: props.paddle.apiUrl,
        PADDLE_API_KEY: props.paddle.apiKey,
        PADDLE_WEBHOOK_SECRET: props.paddle.webhookSecret,
        PADDLE_PRICE_PRO: props.paddle.pricePro,
        PADDLE_PRICE_TEAM: props.paddle.priceTeam,
      },
    });
    props.usersTable.grantReadWriteData(webhookFn);
    props.userPool.grant(webhookFn, 'cognito-idp:AdminUpdateUserAttributes');
    const billing = api.root.addResource('billing');
    const paddleWebhook = billing.addResource('paddle').addResource('webhook');
    addRoute(paddleWebhook, 'POST', webhookFn);

    // --- KVStore stream → storage usage -----------------------------------
    const usageAggregatorFn = new KvFunction(this, 'UsageAggregatorFn', {
      entry: path.join(handlersDir, 'streams/usage-aggregator.ts'),
      timeout: cdk.Duration.seconds(60),
      environment: { USAGE_TABLE_NAME: props.usageTable.tableName },
    });
    props.usageTable.grantReadWriteData(usageAggregatorFn);
    usageAggregatorFn.function.addEventSource(
      new DynamoEventSource(props.kvTable, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: cdk.Duration.seconds(10),
        bisectBatchOnError: true,
        retryAttempts: 3,
      }),
    );

    if (props.apiDomainName && props.apiCertificateArn) {
      api.addDomainName('ApiDomain', {
        domainName: props.apiDomainName,
        certificate: acm.Certificate.fromCertificateArn(this, 'ApiCertificate', props.apiCertificateArn),
        endpointType: apigw.EndpointType.REGIONAL,
      });
    }

    this.functions = Object.fromEntries(
      this.node
        .findAll()
        .filter((c): c is KvFunction => c instanceof KvFunction)
        .map((c) => [c.node.id, c.function]),
    );

    new cdk.CfnOutput(this, 'ApiUrl', { value: api.url });
    new cdk.CfnOutput(this, 'ApiId', { value: api.restApiId });
  }
}
