import * as path from 'node:path';
import * as cdk from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { KvFunction } from '../constructs/kv-function';

export interface AuthStackProps extends cdk.StackProps {
  stage: string;
  usersTable: dynamodb.ITable;
  retainData: boolean;
}

/** Cognito user pool for dashboard accounts (email + password, SRP). */
export class AuthStack extends cdk.Stack {
  public readonly userPool: cognito.UserPool;
  public readonly userPoolClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);

    const postConfirmationFn = new KvFunction(this, 'PostConfirmationFn', {
      entry: path.join(__dirname, '../../../api/src/triggers/post-confirmation.ts'),
      description: 'Creates the Users row after sign-up confirmation',
      environment: { USERS_TABLE_NAME: props.usersTable.tableName },
    });
    props.usersTable.grantWriteData(postConfirmationFn);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `kv-${props.stage}-users`,
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        plan: new cognito.StringAttribute({ minLen: 3, maxLen: 8, mutable: true }),
      },
      passwordPolicy: {
        minLength: 10,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: false,
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      userVerification: {
        emailSubject: 'Verify your KV Store account',
        emailBody: 'Your KV Store verification code is {####}',
        emailStyle: cognito.VerificationEmailStyle.CODE,
      },
      lambdaTriggers: { postConfirmation: postConfirmationFn.function },
      removalPolicy: props.retainData ? cdk.RemovalPolicy.RETAIN : cdk.RemovalPolicy.DESTROY,
    });

    this.userPoolClient = new cognito.UserPoolClient(this, 'DashboardClient', {
      userPool: this.userPool,
      userPoolClientName: `kv-${props.stage}-dashboard`,
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      accessTokenValidity: cdk.Duration.hours(1),
      idTokenValidity: cdk.Duration.hours(1),
      refreshTokenValidity: cdk.Duration.days(30),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes('plan'),
      // `custom:plan` is written only by the billing webhook (AdminUpdateUserAttributes).
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    });

    new cdk.CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new cdk.CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
  }
}
