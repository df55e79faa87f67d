import { describe, expect, it } from 'vitest';
import { otherInfraDetector, type InfraFunctionData } from '../src/detectors/other-infra/index.js';
import { packageKind } from '../src/detectors/stack/kind.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { integrationsStep } from '../src/steps/10-integrations.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const pkg = JSON.stringify({ name: 'svc', private: true, devDependencies: { serverless: '^3.0.0' } });

/** `provider.environment: ${file(...):environment}`, functions from a file named with a variable, serverless-offline. */
function includedEnvRepo(): string {
  return tempRepo({
    'package.json': pkg,
    'serverless.yml': [
      'service: shop',
      'plugins:',
      '  - serverless-offline',
      'provider:',
      '  name: aws',
      '  runtime: nodejs18.x',
      '  environment: ${file(./sls/provider/environment.yaml):environment}',
      'functions:',
      '  - ${file(./sls/functions/api${self:custom.offline.filePrefix}.function.yaml):functions}',
    ].join('\n'),
    'sls/provider/environment.yaml': ['environment:', '  STAGE: ${sls:stage}', '  QUEUE_NAME: shop-queue'].join('\n'),
    'sls/functions/api.function.yaml': ['functions:', '  api:', '    url: true', '    image:', '      command:', '        - dist/api.handler'].join('\n'),
    'sls/functions/api-offline.function.yaml': ['functions:', '  api:', '    handler: dist/api.handler', '    events:', '      - httpApi: GET /x'].join('\n'),
    'src/config.ts': 'export const stage = process.env.STAGE;\nexport const queue = process.env.QUEUE_NAME;\nexport const offline = process.env.IS_OFFLINE;\n',
  });
}

describe('Serverless Framework includes of environment and functions', () => {
  it('reads provider.environment from ${file(x):environment} and functions from a path built with a variable', async () => {
    const facts = await detect(otherInfraDetector, includedEnvRepo());
    const fns = facts.filter((f) => f.kind === 'infra.function').map((f) => f.data as InfraFunctionData);
    // One function: the plain variant (variables empty) first, the offline variant's copy of the same name not again.
    expect(fns.map((f) => [f.name, f.file, f.handler, f.triggers])).toEqual([['api', 'sls/functions/api.function.yaml', 'dist/api.handler', ['function URL']]]);
    expect(fns[0]!.environmentAt).toEqual([
      { name: 'STAGE', file: 'sls/provider/environment.yaml', line: 2 },
      { name: 'QUEUE_NAME', file: 'sls/provider/environment.yaml', line: 3 },
    ]);
  });

  it('step 8 cites the included file for each variable and shows IS_OFFLINE as set by serverless-offline', async () => {
    const root = includedEnvRepo();
    const s = await section(configurationStep, root);
    expect(s.markdown).toMatch(/\| `STAGE` \|[^\n]*Serverless function env[^\n]*`\/sls\/provider\/environment\.yaml:2`/);
    expect(s.markdown).toMatch(/\| `QUEUE_NAME` \|[^\n]*`\/sls\/provider\/environment\.yaml:3`/);
    expect(s.markdown).toMatch(/\| `IS_OFFLINE` \|[^\n]*set by serverless-offline/);
    expect(missingCitations(s.markdown, await indexOf(root))).toEqual([]);
  });

  it('keeps provider.environment as a set when no function is read', async () => {
    const root = tempRepo({
      'package.json': pkg,
      'serverless.yml': ['service: shop', 'provider:', '  name: aws', '  environment: ${file(env.json):environment}', 'functions: ${file(fns.js)}'].join('\n'),
      'env.json': '{\n  "environment": {\n    "STAGE": "dev"\n  }\n}\n',
      'fns.js': 'module.exports = () => ({});\n',
      'src/config.ts': 'export const stage = process.env.STAGE;\n',
    });
    const s = await section(configurationStep, root);
    expect(s.markdown).toMatch(/\| `STAGE` \|[^\n]*`provider\.environment` `\/env\.json:3`/);
  });

  it('IS_OFFLINE without serverless-offline in the plugins is not said to be set by it', async () => {
    const root = tempRepo({
      'package.json': pkg,
      'serverless.yml': ['service: shop', 'provider:', '  name: aws'].join('\n'),
      'src/config.ts': 'export const offline = process.env.IS_OFFLINE;\n',
    });
    expect((await section(configurationStep, root)).markdown).not.toMatch(/serverless-offline/);
  });
});

describe('Serverless services that are not libraries, and API Gateway settings', () => {
  it('a package whose main is its serverless config is a Serverless service', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['infra'] }),
      'infra/package.json': JSON.stringify({ name: '@todo/infra', private: true, main: 'serverless.ts' }),
      'infra/serverless.ts': "const config = { service: 'infra', provider: { name: 'aws' } };\nexport default config;\n",
    });
    const index = await indexOf(root);
    const infra = index.packages.find((p) => p.name === '@todo/infra')!;
    expect(packageKind(infra, index)).toMatchObject({ id: 'serverless', label: 'Serverless Framework service' });
  });

  it('step 10 lists provider.apiGateway and a custom domain instead of "no API Gateway configuration"', async () => {
    const root = tempRepo({
      'package.json': pkg,
      'serverless.ts': [
        "import { app } from './app';",
        'const config = {',
        "  service: 'api',",
        "  custom: { customDomain: { domainName: 'api.example.com' } },",
        "  provider: { name: 'aws', apiGateway: { apiKeys: ['k'], disableDefaultEndpoint: true }, endpointType: 'edge' },",
        '  functions: app.buildAllServerlessFunctions(),',
        '};',
        'export default config;',
      ].join('\n'),
      'app.ts': 'export const app = { buildAllServerlessFunctions: () => ({}) };\n',
    });
    const s = await section(integrationsStep, root);
    expect(s.markdown).not.toMatch(/no Cognito, CloudFront or API Gateway configuration/);
    expect(s.markdown).toContain('`provider.apiGateway` (`/serverless.ts:5`)');
    expect(s.markdown).toContain('`custom.customDomain` (`/serverless.ts:4`)');
  });
});
