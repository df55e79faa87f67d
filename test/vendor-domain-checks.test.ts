/**
 * Facts a hand check of an event-driven AWS sample (a "vendor" business domain under lib/services/vendor/) found
 * wrong, on tiny temp repos.
 */
import { describe, expect, it } from 'vitest';
import { envDetector } from '../src/detectors/env/index.js';
import { dockerfileDetector } from '../src/detectors/dockerfile/index.js';
import { isVendored } from '../src/detectors/shared/source-scope.js';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { overviewStep } from '../src/steps/01-overview.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('a vendor/ folder is vendored code only at the repository root or a package root', () => {
  const root = tempRepo({
    'lib/services/vendor/app/package.json': JSON.stringify({ name: 'node-vendor-service', version: '1.0.0' }),
    'lib/services/vendor/app/index.js': "const url = process.env.VENDOR_QUEUE_URL;\nmodule.exports = { url };\n",
    'lib/services/vendor/app/Dockerfile': 'FROM node:20\nCOPY . .\nCMD ["node", "index.js"]\n',
    'vendor/lib/copied.js': 'module.exports = process.env.COPIED_ROOT;\n',
    'packages/api/package.json': JSON.stringify({ name: 'api', version: '1.0.0' }),
    'packages/api/vendor/dep/index.js': 'module.exports = process.env.COPIED_PACKAGE;\n',
    'packages/api/src/index.js': 'module.exports = process.env.API_OWN;\n',
  });

  it('tells the domain folder from vendored copies', async () => {
    const index = await indexOf(root);
    expect(isVendored(index, 'lib/services/vendor/app/index.js')).toBe(false);
    expect(isVendored(index, 'vendor/lib/copied.js')).toBe(true);
    expect(isVendored(index, 'packages/api/vendor/dep/index.js')).toBe(true);
    expect(isVendored(index, 'packages/api/src/index.js')).toBe(false);
  });

  it('reads the environment and Dockerfiles of the domain package', async () => {
    const names = (await detect(envDetector, root)).filter((f) => f.kind === 'env.read').map((f) => (f.data as { name: string }).name);
    expect(names).toContain('VENDOR_QUEUE_URL');
    expect(names).toContain('API_OWN');
    expect(names).not.toContain('COPIED_ROOT');
    expect(names).not.toContain('COPIED_PACKAGE');
    const dockerfiles = (await detect(dockerfileDetector, root)).map((f) => (f.data as { file: string }).file);
    expect(dockerfiles).toContain('lib/services/vendor/app/Dockerfile');
  });
});

describe('a Dockerfile that sets a variable in two places', () => {
  it('lists each name once', async () => {
    const root = tempRepo({
      'agent/Dockerfile': 'FROM python:3.13-slim\nENV A=1 \\\n    B=1 \\\n    C=1 \\\n    D=1 \\\n    E=1\nRUN pip install uv\nENV E=1\nCMD ["python", "app.py"]\n',
    });
    const md = (await section(infrastructureStep, root)).markdown;
    expect(md).toContain('`A`, `B`, `C`, `D`, `E` |');
    expect(md).not.toContain('(+1 more)');
  });
});

describe('cdk.json feature flags', () => {
  it('counts @aws-cdk-containers/ keys as feature flags, not context keys', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'claims', version: '1.0.0', dependencies: { 'aws-cdk-lib': '2.150.0', constructs: '10.0.0' } }),
      'cdk.json': JSON.stringify({
        app: 'npx ts-node bin/app.ts',
        context: { '@aws-cdk-containers/ecs-service-extensions:enableDefaultLogDriver': true, '@aws-cdk/core:checkSecretUsage': true, userPoolId: 'x' },
      }),
      'bin/app.ts': "import { App, Stack } from 'aws-cdk-lib';\nconst app = new App();\nnew Stack(app, 'Main');\n",
    });
    const md = (await section(configurationStep, root)).markdown;
    expect(md).toContain('context keys: userPoolId; 2 CDK feature flags');
  });
});

describe('the root test script', () => {
  it('is said to run all packages only when it runs every workspace', async () => {
    const pkg = (name: string, test: string, extra = {}) => JSON.stringify({ name, version: '1.0.0', scripts: { test }, ...extra });
    const files = {
      'jest.config.js': "module.exports = { roots: ['<rootDir>/lib'] };\n",
      'lib/a.test.ts': "test('a', () => expect(1).toBe(1));\n",
      'catalog/package.json': pkg('catalog', 'echo "Error: no test specified" && exit 1'),
      'web/package.json': pkg('web', 'react-scripts test', { dependencies: { react: '18.0.0', 'react-scripts': '5.0.0' } }),
      'web/src/App.test.js': "test('b', () => expect(1).toBe(1));\n",
    };
    const own = tempRepo({ ...files, 'package.json': pkg('root', 'jest', { devDependencies: { jest: '29.0.0' } }) });
    const ownMd = (await section(workflowsStep, own)).markdown;
    expect(ownMd).not.toContain('All packages');
    expect(ownMd).toContain('At the root: `npm test` runs `jest`.');
    const every = tempRepo({ ...files, 'package.json': pkg('root', 'npm test --workspaces', { workspaces: ['catalog', 'web'] }) });
    expect((await section(workflowsStep, every)).markdown).toContain('All packages: `npm test` runs');
  });

  it('names a test-* script by its name, never as `npm test`', async () => {
    // icasu-cdk-serverless-api-sample: the root has only `test-unit`, which runs one workspace's tests.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], scripts: { 'test-unit': 'npm run test -w packages/server' } }),
      'packages/server/package.json': JSON.stringify({ name: 'server', version: '1.0.0', scripts: { test: 'vitest run' }, devDependencies: { vitest: '2.0.0' } }),
      'packages/server/src/a.test.ts': "import { it } from 'vitest';\nit('a', () => {});\n",
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('At the root: `npm run test-unit` runs `npm run test -w packages/server`.');
    expect(md).not.toContain('`npm test` runs `npm run test -w');
  });
});

describe('an auth library loaded with import()', () => {
  it('counts the files that load it lazily among its importers', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'claims-ui', version: '1.0.0', dependencies: { react: '18.2.0', 'react-dom': '18.2.0', 'react-scripts': '5.0.1', 'aws-amplify': '5.3.0' } }),
      'public/index.html': '<div id="root"></div>\n',
      'src/index.js': "import React from 'react';\nimport ReactDOM from 'react-dom/client';\nimport App from './App';\nReactDOM.createRoot(document.getElementById('root')).render(<App />);\n",
      'src/App.js': "import { Auth } from 'aws-amplify';\nimport { token } from './utils';\nexport default function App() {\n  return <button onClick={() => Auth.signOut()}>{String(token)}</button>;\n}\n",
      'src/utils.js': "export async function token() {\n  const { Auth } = await import('aws-amplify');\n  return (await Auth.currentSession()).getIdToken();\n}\n",
    });
    const md = (await section(frontendStep, root)).markdown;
    expect(md).toContain('`aws-amplify` (`/src/App.js:1`, 2 files)');
  });
});

describe('a project class that extends an AWS construct', () => {
  it('counts each instance as that resource', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'claims', version: '1.0.0', dependencies: { 'aws-cdk-lib': '2.150.0', constructs: '10.0.0' } }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'bin/app.ts': "import { App } from 'aws-cdk-lib';\nimport { ClaimsStack } from '../lib/stack';\nconst app = new App();\nnew ClaimsStack(app, 'Claims');\n",
      'lib/update-claims.ts': [
        "import { DefinitionBody, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';",
        "import { Construct } from 'constructs';",
        'export class UpdateClaims extends StateMachine {',
        '  constructor(scope: Construct, id: string) {',
        "    super(scope, id, { definitionBody: DefinitionBody.fromChainable(new Pass(scope, 'Start')) });",
        '  }',
        '}',
        '',
      ].join('\n'),
      'lib/stack.ts': [
        "import { Stack } from 'aws-cdk-lib';",
        "import * as sfn from 'aws-cdk-lib/aws-stepfunctions';",
        "import { Construct } from 'constructs';",
        "import { UpdateClaims } from './update-claims';",
        'export class ClaimsStack extends Stack {',
        '  constructor(scope: Construct, id: string) {',
        '    super(scope, id);',
        "    new sfn.StateMachine(this, 'Documents', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(this, 'Go')) });",
        "    new UpdateClaims(this, 'UpdateClaimsFlow');",
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    const md = (await section(infrastructureStep, root)).markdown;
    expect(md).toMatch(/\| `StateMachine` \| `Documents`, `UpdateClaimsFlow` \|/);
    expect((await section(overviewStep, root)).markdown).toContain('2× StateMachine');
  });
});

describe('a Kubernetes manifest in CDK code', () => {
  it('sets the env of its containers', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'claims', version: '1.0.0', dependencies: { 'aws-cdk-lib': '2.150.0', constructs: '10.0.0' } }),
      'lib/vendor-service.ts': [
        "import * as eks from 'aws-cdk-lib/aws-eks';",
        'export function deploy(cluster: eks.Cluster, url: string) {',
        "  cluster.addManifest('Deployment', {",
        "    spec: { template: { spec: { containers: [{ name: 'vendor-service', image: 'x', env: [{ name: 'VENDOR_QUEUE_URL', value: url }] }] } } },",
        '  });',
        '}',
        '',
      ].join('\n'),
    });
    const sets = (await detect(envDetector, root)).filter((f) => f.kind === 'env.set').map((f) => f.data as { name: string; owner?: string; line: number });
    expect(sets).toContainEqual(expect.objectContaining({ name: 'VENDOR_QUEUE_URL', owner: "container 'vendor-service'", line: 4 }));
  });
});

describe('Spring Boot property placeholders', () => {
  it('are environment reads, with a fallback when they have a default', async () => {
    const root = tempRepo({
      'settlement/app/pom.xml': '<project></project>\n',
      'settlement/app/src/main/resources/application.properties': '# ${NOT_A_READ}\nsqs.endpoint.uri=${SQS_ENDPOINT_URL}\ndynamodb.table.name=${DYNAMODB_TABLE_NAME:settlements}\n',
      'settlement/app/src/main/resources/application-prod.yml': 'eventbus:\n  name: ${EVENTBUS_NAME}\n',
    });
    const reads = (await detect(envDetector, root)).filter((f) => f.kind === 'env.read').map((f) => f.data as { name: string; file: string; lines: number[]; fallback?: boolean });
    expect(reads.map((r) => r.name).sort()).toEqual(['DYNAMODB_TABLE_NAME', 'EVENTBUS_NAME', 'SQS_ENDPOINT_URL']);
    expect(reads.find((r) => r.name === 'SQS_ENDPOINT_URL')).toMatchObject({ file: 'settlement/app/src/main/resources/application.properties', lines: [2] });
  });
});
