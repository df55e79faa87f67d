import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface KvFunctionProps {
  /** Absolute path to the handler file in packages/api. */
  entry: string;
  /** Exported handler name. @default 'handler' */
  handler?: string;
  environment?: Record<string, string>;
  /** @default Duration.seconds(10) */
  timeout?: Duration;
  /** @default 256 */
  memorySize?: number;
  description?: string;
}

/**
 * Project-standard Lambda: Node 20, esbuild bundling with source maps, X-Ray
 * tracing, JSON logs with one-month retention. Grantable, so tables can
 * `grantReadData(fn)` directly.
 */
export class KvFunction extends Construct implements iam.IGrantable {
  public readonly function: nodejs.NodejsFunction;
  public readonly grantPrincipal: iam.IPrincipal;

  constructor(scope: Construct, id: string, props: KvFunctionProps) {
    super(scope, id);

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: props.handler ?? 'handler',
      runtime: lambda.Runtime.NODEJS_20_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      description: props.description,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      depsLockFilePath: path.join(__dirname, '../../../../package-lock.json'),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        LOG_LEVEL: 'info',
        ...props.environment,
      },
      bundling: {
        minify: true,
        sourceMap: true,
        target: 'node20',
        format: nodejs.OutputFormat.ESM,
        mainFields: ['module', 'main'],
        externalModules: ['@aws-sdk/*'],
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      },
    });

    this.grantPrincipal = this.function.grantPrincipal;
  }
}
