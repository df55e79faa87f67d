/**
 * Hand-check round 16: a project wrapper that reads `process.env[String(key)]` is an env helper whose calls name the
 * variables (mkosir/express-typescript-skeleton), a loop over a literal list of names sets them
 * (icasu-cdk-serverless-api-sample), and a reserved Lambda name is the runtime's wherever a Lambda-deploying
 * repository reads it (rayova/cdk-serverless-nextjs).
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const modelOf = async (root: string) => RepoModel.of(new Analysis(await indexOf(root))).env();

describe('an env wrapper whose key passes through String(…)', () => {
  it('is a helper: each call with a literal name is a read at the call site, with its default as a fallback', async () => {
    const root = tempRepo({
      'src/shared/config/environment.ts': [
        'const getEnvironmentString = (key: string, defaultValue: string): string => {',
        '  return process.env[String(key)] || defaultValue;',
        '};',
        'function getEnvironmentNumber(key: string, defaultValue = 0): number {',
        '  return Number(process.env[key as string] || defaultValue);',
        '}',
        'export const getFlag = (name: string) => process.env[`${name}`] === "true";',
        'export { getEnvironmentNumber, getEnvironmentString };',
        '',
      ].join('\n'),
      'src/shared/config/infrastructure.config.ts': [
        "import { getEnvironmentNumber, getEnvironmentString } from './environment';",
        "import { getFlag } from '@shared/config/environment';",
        'export const config = {',
        "  JWT_SECRET: getEnvironmentString('JWT_SECRET', 'jwtSecretPassphrase'),",
        "  DB_PORT: getEnvironmentNumber('DB_PORT', 5432),",
        "  CACHE_DB: getEnvironmentNumber('CACHE_DB'),",
        "  LOGS: getFlag('LOGS_ENABLED'),",
        '};',
        '',
      ].join('\n'),
    });
    const env = await modelOf(root);
    const at = (name: string) => env.get(name)?.reads.map((r) => [r.file, r.lines, r.hasFallback]);
    const config = 'src/shared/config/infrastructure.config.ts';
    expect(at('JWT_SECRET')).toEqual([[config, [4], true]]);
    expect(at('DB_PORT')).toEqual([[config, [5], true]]);
    // The helper has a default of its own (`defaultValue = 0`).
    expect(at('CACHE_DB')).toEqual([[config, [6], true]]);
    expect(at('LOGS_ENABLED')).toEqual([[config, [7], false]]);
    // The wrapper's own `process.env[…]` is no read by a computed name.
    expect(env.dynamic).toEqual([]);
    const md = (await section(configurationStep, root)).markdown;
    expect(md).toContain('| `JWT_SECRET` | `/src/shared/config/infrastructure.config.ts:4` |');
    expect(md).not.toContain('computed name');
  });
});

describe('process.env[key] = … over a literal list of names', () => {
  it('sets each name of the list (for…of, .map/.forEach), and a list the file does not give stays a computed set', async () => {
    const root = tempRepo({
      'e2e/environment.ts': [
        'import { getParameter } from "@aws-lambda-powertools/parameters/ssm";',
        'const envKeys = ["COGNITO_USER_POOL_ID", "REST_API_ENDPOINT"] as const;',
        'export const setAll = async () => {',
        '  await Promise.all(envKeys.map(async (envKey) => {',
        '    process.env[envKey] = await getParameter(`/e2e/${envKey}`);',
        '  }));',
        '  for (const k of ["TABLE_NAME"]) process.env[k] = "x";',
        '};',
        'export const copy = (keys: string[]) => keys.forEach((k) => { process.env[k] = "1"; });',
        '',
      ].join('\n'),
      'e2e/uses.ts': 'export const ids = [process.env.COGNITO_USER_POOL_ID, process.env.REST_API_ENDPOINT, process.env.TABLE_NAME];\n',
    });
    const env = await modelOf(root);
    const setAt = (name: string) => env.get(name)!.sets.map((s) => [s.kind, s.at.file, s.at.line]);
    expect(setAt('COGNITO_USER_POOL_ID')).toEqual([['code', 'e2e/environment.ts', 5]]);
    expect(setAt('REST_API_ENDPOINT')).toEqual([['code', 'e2e/environment.ts', 5]]);
    expect(setAt('TABLE_NAME')).toEqual([['code', 'e2e/environment.ts', 7]]);
    // `keys` is a parameter: its names are not known here.
    expect(env.dynamicSets.map((d) => d.line)).toEqual([9]);
  });
});

describe('a reserved Lambda variable', () => {
  it('is set by the Lambda runtime for any code of a repository that deploys Lambdas; AWS_REGION stays per file', async () => {
    const files = {
      'package.json': JSON.stringify({ name: 'edge', private: true, dependencies: { 'aws-cdk-lib': '^2.150.0', constructs: '^10.3.0' } }),
      'lib/stack.ts': [
        "import { Stack } from 'aws-cdk-lib';",
        "import * as lambda from 'aws-cdk-lib/aws-lambda';",
        'export class EdgeStack extends Stack {',
        '  constructor(scope: any, id: string, lambdaPath: string) {',
        '    super(scope, id);',
        "    new lambda.Function(this, 'Default', { runtime: lambda.Runtime.NODEJS_18_X, handler: 'index.handler', code: lambda.Code.fromAsset(lambdaPath) });",
        '  }',
        '}',
        '',
      ].join('\n'),
      'site/pages/api.js': 'export default function handler(req, res) {\n  res.json({ fn: process.env.AWS_LAMBDA_FUNCTION_NAME, root: process.env.LAMBDA_TASK_ROOT, region: process.env.AWS_REGION });\n}\n',
    };
    const env = await modelOf(tempRepo(files));
    expect(env.runtimeFor(env.get('AWS_LAMBDA_FUNCTION_NAME')!, ['site/pages/api.js'])).toBe('the AWS Lambda runtime');
    expect(env.runtimeFor(env.get('LAMBDA_TASK_ROOT')!, ['site/pages/api.js'])).toBe('the AWS Lambda runtime');
    // A shell sets AWS_REGION too: only code traced to a Lambda gets it from the runtime.
    expect(env.runtimeFor(env.get('AWS_REGION')!, ['site/pages/api.js'])).toBeUndefined();
    // A repository without Lambdas: nothing says the name is set.
    const plain = await modelOf(tempRepo({ 'site/pages/api.js': files['site/pages/api.js'] }));
    expect(plain.runtimeFor(plain.get('AWS_LAMBDA_FUNCTION_NAME')!, ['site/pages/api.js'])).toBeUndefined();
  });
});
