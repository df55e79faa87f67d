import { describe, expect, it } from 'vitest';
import { cdkDetector } from '../src/detectors/cdk/index.js';
import { packagesDetector, type PackageData } from '../src/detectors/packages/index.js';
import type { CdkDistributionData } from '../src/detectors/cdk/facts.js';
import { integrationsStep } from '../src/steps/10-integrations.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const pkg = JSON.stringify({ name: 'site', private: true, dependencies: { 'aws-cdk-lib': '^2.150.0', constructs: '^10.0.0' } });

/** A site stack whose distribution gets its domain only when the (runtime) config has one. */
function siteRepo(spread: string): string {
  return tempRepo({
    'package.json': pkg,
    'cdk.json': '{ "app": "npx ts-node bin/app.ts" }',
    'bin/config.ts': "import { readFileSync } from 'fs';\nexport function getConfig() { return JSON.parse(readFileSync('config.json', 'utf8')); }\n",
    'bin/app.ts': [
      "import * as cdk from 'aws-cdk-lib';",
      "import { SiteStack } from '../lib/site-stack';",
      "import { getConfig } from './config';",
      'const app = new cdk.App();',
      "new SiteStack(app, 'Site', { config: getConfig() });",
    ].join('\n'),
    'lib/site-stack.ts': [
      "import * as cdk from 'aws-cdk-lib';",
      "import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';",
      "import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      "import * as acm from 'aws-cdk-lib/aws-certificatemanager';",
      "import { Construct } from 'constructs';",
      'export interface SiteProps extends cdk.StackProps { readonly config: { domain?: string; certificate?: string } }',
      'export class SiteStack extends cdk.Stack {',
      '  constructor(scope: Construct, id: string, props: SiteProps) {',
      '    super(scope, id, props);',
      "    const bucket = new s3.Bucket(this, 'SiteBucket');",
      "    new cloudfront.Distribution(this, 'SiteDistribution', {",
      `      ${spread},`,
      '      defaultBehavior: { origin: new origins.S3Origin(bucket) },',
      '    });',
      '  }',
      '}',
    ].join('\n'),
  });
}

describe('CDK props set inside a conditional spread', () => {
  it.each([
    ['&&', "...(props.config.certificate && props.config.domain && { certificate: acm.Certificate.fromCertificateArn(this, 'Acm', props.config.certificate), domainNames: [props.config.domain] })"],
    ['ternary', '...(props.config.domain ? { domainNames: [props.config.domain] } : {})'],
    ['ternary, domain in the false branch', '...(!props.config.domain ? {} : { domainNames: [props.config.domain] })'],
  ])('reads a distribution\'s domainNames from a spread with %s', async (_, spread) => {
    const root = siteRepo(spread);
    const dist = (await detect(cdkDetector, root)).find((f) => f.kind === 'cdk.distribution')!.data as CdkDistributionData;
    expect(dist.domainNames).toEqual(['props.config.domain']);
    const md = (await section(integrationsStep, root)).markdown;
    expect(md).toContain('- domains `props.config.domain`');
    expect(md).not.toContain('no custom domain');
  });

  it('does not say "no custom domain" when the props spread something unknown', async () => {
    const root = siteRepo('...props.config.distributionProps');
    const md = (await section(integrationsStep, root)).markdown;
    expect(md).not.toContain('no custom domain');
    expect(md).toContain('custom domains not read');
  });
});

describe('the entry point of a CDK app', () => {
  it('is the file that creates the App, not a config module beside it in bin/', async () => {
    const root = siteRepo('...(props.config.domain ? { domainNames: [props.config.domain] } : {})');
    const pkg = (await detect(packagesDetector, root)).find((f) => f.kind === 'packages.package')!.data as PackageData;
    const files = pkg.entryPoints.map((e) => e.file);
    expect(files).toContain('bin/app.ts');
    expect(files).not.toContain('bin/config.ts');
  });
});
