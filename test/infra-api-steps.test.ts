import { describe, expect, it } from 'vitest';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';

describe('steps 3 and 4 for APIs and tables defined with Serverless Framework, SST, SAM/CloudFormation or Terraform', () => {
  it.each([
    ['be-serverless', 'Serverless Framework — 3 endpoints, 4 functions', '| `POST /users` | `createUser` | `/services/users/src/handlers/users.ts` | none | `/services/users/serverless.yml:26` |'],
    ['be-sst', 'SST — 9 endpoints, 2 functions', '| `GET /notes` | `packages/functions/src/notes.list` | `/packages/functions/src/notes.ts` | none | `/infra/api.ts:5` |'],
    ['be-terraform', 'Terraform — 3 endpoints, 1 function', '| `GET /orders/{id}` | `api` | `/src/api/index.js` | `/infra/api.tf:18` |'],
    ['infra-sam', 'AWS SAM — 4 endpoints, 4 functions; CloudFormation — 1 endpoint, 1 function', '| `GET /orders/{id}` | `GetOrderFunction` | `/src/handlers/get-order.ts` | `/template.yaml:40` |'],
  ])('%s: step 3 maps the endpoints to their handler files instead of saying there is no API', async (fixture, counts, row) => {
    const md = (await section(backendApiStep, fixture)).markdown;
    expect(md).toContain(`No AWS CDK app in this repository; the API is defined with ${counts}.`);
    expect(md).not.toContain('there is no backend API to map');
    expect(md).toContain(row);
    expect(missingCitations(md, await indexOf(fixture))).toEqual([]);
  });

  it.each([
    ['be-serverless', '2 DynamoDB tables defined with Serverless Framework in `/services/users/resources/dynamodb.yml`, `/services/users/serverless.yml`.'],
    ['be-terraform', '1 DynamoDB table defined with Terraform in `/infra/dynamodb.tf`.'],
    ['infra-sam', '2 DynamoDB tables defined with AWS SAM in `/template.yaml`.'],
  ])('%s: step 4 shows the tables the tool declares', async (fixture, intro) => {
    const md = (await section(databaseSchemaStep, fixture)).markdown;
    expect(md).toContain(intro);
    expect(md).toMatch(/### DynamoDB tables \((Serverless Framework|Terraform|AWS SAM)\)\n\n\| Table \| Partition key \| Sort key \|/);
    expect(md).not.toContain('No table definitions were found');
    expect(missingCitations(md, await indexOf(fixture))).toEqual([]);
  });
});

describe('Terraform modules whose routes and environments come from the calling root', () => {
  it('steps 3, 8 and 10 count the routes the caller passes, their authorizers, and where each variable is set', async () => {
    const { configurationStep } = await import('../src/steps/08-configuration.js');
    const { integrationsStep } = await import('../src/steps/10-integrations.js');
    const index = await indexOf('be-terraform-modules');
    const api = (await section(backendApiStep, 'be-terraform-modules')).markdown;
    expect(api).toContain('the API is defined with Terraform — 5 endpoints, 3 functions, routes from `for_each = var.routes` (`/infra/modules/legacy_api/main.tf:1`), not counted.');
    expect(api).toContain('| `POST /items/{id}/rsvp` | `module.fn.invoke_arns["authz"]` | not followed to a file | CUSTOM (mixed) | `/infra/envs/prod/main.tf:45` |');
    expect(api).toContain('| `authz` | `handler.lambda_handler` | `python3.12` | `ADMIN_GROUP_NAME`, `ITEMS_TABLE` | — | `/infra/envs/prod/main.tf:4` |');
    expect(api).toContain('| `list-items` | `handler.lambda_handler` | `python3.12` | `ITEMS_TABLE` | — | `/infra/envs/prod/main.tf:3` |');
    const config = (await section(configurationStep, 'be-terraform-modules')).markdown;
    expect(config).toContain('| `ADMIN_GROUP_NAME` | `/lambdas/authz/handler.py:5` | Terraform function env of `authz` `/infra/envs/prod/main.tf:21` |');
    const aws = (await section(integrationsStep, 'be-terraform-modules')).markdown;
    expect(aws).toContain('API Gateway is configured with Terraform: 5 routes (step 3 lists them), 4 with an authorizer; more routes come from `for_each = var.routes`');
    expect(aws).not.toContain('none with an authorizer');
    for (const md of [api, config, aws]) expect(missingCitations(md, index)).toEqual([]);
  });
});

describe('Lambda@Edge functions', () => {
  it('are invoked by the CloudFront behaviours that run them, and no "0 endpoints" is claimed', async () => {
    const md = (await section(backendApiStep, 'cdk-edge')).markdown;
    expect(md).toContain('2 Lambda functions, read from the AWS CDK code.');
    expect(md).not.toContain('0 endpoints');
    expect(md).toContain('| `UploadFn` | `/functions/upload.ts` | — | — | — | `STAGE_NAME` and what `...props.settings` holds | — |');
    expect(md).toContain('| `RedirectFn` | `/edge/redirect.js` | `NODEJS_20_X` | — | — | — | CloudFront `SiteDistribution` (default, VIEWER_REQUEST) | `/lib/site-stack.ts:21` |');
  });

  it('a Lambda environment spreading an unknown object keeps its function\'s variables from "set nowhere"', async () => {
    const md = (await section(workflowsStep, 'cdk-edge')).markdown;
    expect(md).toContain('`UPLOAD_BUCKET` — read without a fallback in `/functions/upload.ts:1` — the code sets variables by a computed name at `/lib/site-stack.ts:18`, which may include it');
    expect(md).not.toContain('set nowhere');
  });
});

describe('stack ids the interpreter cannot know', () => {
  it('are shown as written at the `new`, never as `undefined`', async () => {
    const { infrastructureStep } = await import('../src/steps/06-infrastructure.js');
    const md = (await section(infrastructureStep, 'cdk-edge')).markdown;
    expect(md).toContain('- Instantiated as `stackName` at `/bin/site.ts:21`');
    expect(md).not.toContain('`undefined`');
  });
});

describe('CI jobs and the CDK CLI', () => {
  it('a job that only synthesises is not a job that deploys', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { infrastructureStep } = await import('../src/steps/06-infrastructure.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'infra', private: true, dependencies: { 'aws-cdk-lib': '^2.0.0', constructs: '^10.0.0' } }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'bin/app.ts': "import * as cdk from 'aws-cdk-lib';\nconst app = new cdk.App();\nnew cdk.Stack(app, 'Main');\n",
      '.github/workflows/main.yml': [
        'on: [push]',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: |',
        '          npm ci',
        '          npx cdk synth',
        '  release:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: npx cdk deploy --all --require-approval never',
      ].join('\n'),
    });
    const md = (await section(infrastructureStep, root)).markdown;
    expect(md).toContain('CI jobs that deploy:\n\n- `/.github/workflows/main.yml:12` — job `release`, on push: `npx cdk deploy --all --require-approval never`');
    // `new cdk.Stack(app, 'Main')` has no class of its own: never "Class `Main` extends …".
    expect(md).not.toContain('Class `Main`');
    expect(md).toMatch(/A `(cdk\.)?Stack` created directly \(no class of its own\)/);
    expect(md).toContain('CI jobs that run the CDK CLI without deploying (synth or diff):\n\n- `/.github/workflows/main.yml:6` — job `test`, on push: `npx cdk synth`');
  });
});
