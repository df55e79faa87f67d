import * as cdk from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface FrontendStackProps extends cdk.StackProps {
  stage: string;
  api: apigw.RestApi;
  /** e.g. `kvstore.dev` → landing on apex/www, dashboard on `app.` */
  domainName?: string;
  /** ACM certificate in us-east-1 covering the domain names above. */
  certificateArn?: string;
  retainData: boolean;
}

/** Astro builds `/pricing/index.html`; S3 REST origins need the explicit file name. */
const landingRewriteCode = `
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) request.uri += 'index.html';
  else if (!uri.includes('.')) request.uri += '/index.html';
  return request;
}`;

/** SPA fallback: every route without a file extension serves index.html. */
const dashboardSpaRewriteCode = `
function handler(event) {
  var request = event.request;
  if (!request.uri.includes('.')) request.uri = '/index.html';
  return request;
}`;

/** `/api/v1/kv/...` on the dashboard domain → `/v1/kv/...` on API Gateway. */
const stripApiPrefixCode = `
function handler(event) {
  var request = event.request;
  request.uri = request.uri.replace(/^\\/api/, '') || '/';
  return request;
}`;

export class FrontendStack extends cdk.Stack {
  public readonly landingBucket: s3.Bucket;
  public readonly dashboardBucket: s3.Bucket;
  public readonly landingDistribution: cloudfront.Distribution;
  public readonly dashboardDistribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: FrontendStackProps) {
    super(scope, id, props);

    const certificate = props.certificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
      : undefined;
    const withDomain = (...names: string[]) =>
      certificate && props.domainName ? { domainNames: names, certificate } : {};

    const bucketProps: s3.BucketProps = {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: props.retainData ? cdk.RemovalPolicy.RETAIN : cdk.RemovalPolicy.DESTROY,
      autoDeleteObjects: !props.retainData,
    };

    // --- Landing (Astro, static) --------------------------------------------
    this.landingBucket = new s3.Bucket(this, 'LandingBucket', bucketProps);

    const landingRewrite = new cloudfront.Function(this, 'LandingRewriteFn', {
      code: cloudfront.FunctionCode.fromInline(landingRewriteCode),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
    });

    this.landingDistribution = new cloudfront.Distribution(this, 'LandingDistribution', {
      comment: `kv-${props.stage} landing`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.landingBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        functionAssociations: [{ function: landingRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      errorResponses: [
        { httpStatus: 403, responseHttpStatus: 404, responsePagePath: '/404.html' },
        { httpStatus: 404, responseHttpStatus: 404, responsePagePath: '/404.html' },
      ],
      ...withDomain(props.domainName ?? '', `www.${props.domainName}`),
    });

    // --- Dashboard (React SPA) + /api/* proxy -------------------------------
    this.dashboardBucket = new s3.Bucket(this, 'DashboardBucket', bucketProps);

    const spaRewrite = new cloudfront.Function(this, 'DashboardSpaRewriteFn', {
      code: cloudfront.FunctionCode.fromInline(dashboardSpaRewriteCode),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
    });
    const stripApiPrefix = new cloudfront.Function(this, 'StripApiPrefixFn', {
      code: cloudfront.FunctionCode.fromInline(stripApiPrefixCode),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
    });

    this.dashboardDistribution = new cloudfront.Distribution(this, 'DashboardDistribution', {
      comment: `kv-${props.stage} dashboard`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.dashboardBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        functionAssociations: [{ function: spaRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.RestApiOrigin(props.api),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          functionAssociations: [
            { function: stripApiPrefix, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
          ],
        },
      },
      ...withDomain(`app.${props.domainName}`),
    });

    new cdk.CfnOutput(this, 'LandingBucketName', { value: this.landingBucket.bucketName });
    new cdk.CfnOutput(this, 'LandingDistributionId', { value: this.landingDistribution.distributionId });
    new cdk.CfnOutput(this, 'LandingUrl', {
      value: props.domainName && certificate ? `https://${props.domainName}` : `https://${this.landingDistribution.distributionDomainName}`,
    });
    new cdk.CfnOutput(this, 'DashboardBucketName', { value: this.dashboardBucket.bucketName });
    new cdk.CfnOutput(this, 'DashboardDistributionId', { value: this.dashboardDistribution.distributionId });
    new cdk.CfnOutput(this, 'DashboardUrl', {
      value: props.domainName && certificate
        ? `https://app.${props.domainName}`
        : `https://${this.dashboardDistribution.distributionDomainName}`,
    });
  }
}
