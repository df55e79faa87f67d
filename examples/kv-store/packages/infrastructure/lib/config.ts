import type { App, Environment } from 'aws-cdk-lib';

export interface StageConfig {
  stage: string;
  env: Environment;
  /** Apex domain for the landing site; dashboard is `app.<domain>`, API is `api.<domain>`. */
  domainName?: string;
  /** us-east-1 ACM certificate for CloudFront (apex + wildcard). */
  certificateArn?: string;
  /** Regional ACM certificate for the API Gateway custom domain. */
  apiCertificateArn?: string;
  enableUsageApi: boolean;
  alarmEmail?: string;
  retainData: boolean;
  throttling: { rateLimit: number; burstLimit: number };
  allowedOrigins: string[];
  paddle: {
    apiUrl: string;
    apiKey: string;
    webhookSecret: string;
    pricePro: string;
    priceTeam: string;
  };
}

type StageSettings = Omit<StageConfig, 'stage' | 'env' | 'certificateArn' | 'apiCertificateArn' | 'paddle'> & {
  paddleEnv: 'sandbox' | 'production';
};

const stageSettings: Record<'dev' | 'staging' | 'prod', (domain: string) => StageSettings> = {
  dev: () => ({
    enableUsageApi: true,
    retainData: false,
    throttling: { rateLimit: 20, burstLimit: 40 },
    allowedOrigins: ['http://localhost:5173', 'http://localhost:4321'],
    paddleEnv: 'sandbox',
  }),
  staging: (domain) => ({
    domainName: `staging.${domain}`,
    enableUsageApi: true,
    retainData: false,
    throttling: { rateLimit: 50, burstLimit: 100 },
    allowedOrigins: [`https://app.staging.${domain}`],
    paddleEnv: 'sandbox',
  }),
  prod: (domain) => ({
    domainName: domain,
    enableUsageApi: true,
    retainData: true,
    throttling: { rateLimit: 1000, burstLimit: 2000 },
    allowedOrigins: [`https://app.${domain}`],
    paddleEnv: 'production',
  }),
};

/**
 * Resolves per-stage settings. Personal stages (`dev-alice`) use the `dev` settings.
 * Secrets come from the environment at synth time (CI injects them from GitHub secrets).
 */
export function getStageConfig(app: App, stage: string): StageConfig {
  const base = stage === 'prod' || stage === 'staging' ? stage : 'dev';
  const domain: string = app.node.tryGetContext('kv:domainName') ?? 'kvstore.dev';
  const { paddleEnv, ...settings } = stageSettings[base](domain);
  const usageFlag = app.node.tryGetContext('kv:enableUsageApi');

  return {
    ...settings,
    stage,
    env: {
      account: process.env.CDK_DEFAULT_ACCOUNT,
      region: process.env.CDK_DEFAULT_REGION ?? process.env.AWS_REGION ?? 'eu-central-1',
    },
    enableUsageApi: usageFlag === undefined ? settings.enableUsageApi : usageFlag === true || usageFlag === 'true',
    certificateArn: settings.domainName ? app.node.tryGetContext('kv:certificateArn') : undefined,
    apiCertificateArn:
      settings.domainName && app.node.tryGetContext('kv:enableApiDomain')
        ? app.node.tryGetContext('kv:apiCertificateArn')
        : undefined,
    alarmEmail: base === 'prod' ? app.node.tryGetContext('kv:alarmEmail') : undefined,
    paddle: {
      apiUrl: paddleEnv === 'production' ? 'https://api.paddle.com' : 'https://sandbox-api.paddle.com',
      apiKey: process.env.PADDLE_API_KEY ?? '',
      webhookSecret: process.env.PADDLE_WEBHOOK_SECRET ?? '',
      pricePro: process.env.PADDLE_PRICE_PRO ?? 'pri_pro_placeholder',
      priceTeam: process.env.PADDLE_PRICE_TEAM ?? 'pri_team_placeholder',
    },
  };
}
