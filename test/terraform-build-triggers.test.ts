import { describe, expect, it } from 'vitest';
import { otherInfraDetector, type InfraFunctionData, type InfraRouteData } from '../src/detectors/other-infra/index.js';
import { FactSet } from '../src/facts.js';
import { otherInfraPart } from '../src/steps/parts/other-infra.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const lambdaTf = (name: string, handler: string, archive: string, extra = '') => `
data "archive_file" "${name}_zip" {
  type        = "zip"
  source_file = "\${path.module}/../dist-lambda/${archive}"
  output_path = "\${path.module}/files/${name}.zip"
}

resource "aws_s3_object" "${name}_code" {
  bucket = "code"
  key    = data.archive_file.${name}_zip.output_md5
  source = data.archive_file.${name}_zip.output_path
}

resource "aws_lambda_function" "${name}" {
  function_name = "${name}"
  handler       = "${handler}"
  s3_key        = resource.aws_s3_object.${name}_code.key
  runtime       = "nodejs22.x"
}
${extra}`;

function repo(files: Record<string, string> = {}): string {
  return tempRepo({
    'package.json': JSON.stringify({ name: 'app', type: 'module', devDependencies: { esbuild: '^0.25.0' } }),
    'src/lambda/handler.ts': 'export const handler = async () => ({ statusCode: 200 });\n',
    'src/lambda/asyncTaskHandler.ts': 'export const handler = async () => undefined;\n',
    'terraform/main.tf': 'provider "aws" {\n  region = "eu-west-2"\n}\n',
    'terraform/lambda_api.tf': lambdaTf('api_lambda', 'handler.handler', 'handler.mjs'),
    ...files,
  });
}

const ESBUILD = [
  "import esbuild from 'esbuild';",
  "import path from 'path';",
  'const outDir = `dist-lambda`;',
  "const functionsDir = 'src/lambda';",
  'esbuild.build({',
  "  entryPoints: ['src/lambda/handler.ts', 'src/lambda/asyncTaskHandler.ts'],",
  '  bundle: true,',
  "  outdir: path.join('.', outDir),",
  '  outbase: functionsDir,',
  "  outExtension: { '.js': '.mjs' },",
  '});',
].join('\n');

async function functions(dir: string) {
  const facts = await detect(otherInfraDetector, dir);
  return { facts, fns: facts.filter((f) => f.kind === 'infra.function').map((f) => f.data as InfraFunctionData) };
}

describe('Terraform Lambda built from a build script', () => {
  it('traces a zipped dist file to the esbuild entry point that builds it', async () => {
    const dir = repo({ 'esbuild-lambda.js': ESBUILD });
    const { facts, fns } = await functions(dir);
    const api = fns.find((f) => f.name === 'api_lambda')!;
    expect(api.handlerFile).toBe('src/lambda/handler.ts');
    expect(api.builtBy).toEqual({ file: 'esbuild-lambda.js', line: 6 });
    const md = otherInfraPart(new FactSet(facts));
    expect(md).toContain('`handler.handler` → `/src/lambda/handler.ts` (built by `/esbuild-lambda.js:6`)');
  });

  it('without a build script it names the build output, never "not found in the repository"', async () => {
    const dir = repo({
      'terraform/api.tf': [
        'resource "aws_api_gateway_rest_api" "api" {\n  name = "api"\n}',
        'resource "aws_api_gateway_resource" "proxy" {\n  parent_id = aws_api_gateway_rest_api.api.root_resource_id\n  path_part = "{proxy+}"\n}',
        'resource "aws_api_gateway_method" "proxy" {\n  resource_id   = aws_api_gateway_resource.proxy.id\n  http_method   = "ANY"\n}',
        'resource "aws_api_gateway_integration" "proxy" {\n  resource_id = aws_api_gateway_resource.proxy.id\n  http_method = aws_api_gateway_method.proxy.http_method\n  uri         = aws_lambda_function.api_lambda.invoke_arn\n}',
      ].join('\n'),
    });
    const { facts, fns } = await functions(dir);
    expect(fns.find((f) => f.name === 'api_lambda')!.codeSource).toEqual({ kind: 'build', path: 'dist-lambda/handler.mjs' });
    const route = facts.filter((f) => f.kind === 'infra.route').map((f) => f.data as InfraRouteData)[0];
    expect(route.codeSource).toEqual({ kind: 'build', path: 'dist-lambda/handler.mjs' });
    const md = otherInfraPart(new FactSet(facts));
    expect(md).not.toContain('not found in the repository');
    expect(md).toContain('built into `dist-lambda/handler.mjs` (its source not traced)');
  });
});

describe('Terraform Lambda triggers declared beside the function', () => {
  it('links event source mappings, service permissions, SNS subscriptions, event targets and S3 notifications', async () => {
    const dir = repo({
      'terraform/async_queue.tf':
        lambdaTf('async_task_lambda', 'asyncTaskHandler.handler', 'asyncTaskHandler.mjs') +
        `
resource "aws_sqs_queue" "async_task_queue" {
  name = "async"
}
resource "aws_lambda_event_source_mapping" "async_task_event_source_mapping" {
  event_source_arn = aws_sqs_queue.async_task_queue.arn
  enabled          = true
  function_name    = aws_lambda_function.async_task_lambda.arn
}
resource "aws_sns_topic" "errors" {
  name = "errors"
}
resource "aws_sns_topic_subscription" "errors_to_lambda" {
  topic_arn = aws_sns_topic.errors.arn
  protocol  = "lambda"
  endpoint  = aws_lambda_function.async_task_lambda.arn
}
resource "aws_lambda_permission" "sns" {
  function_name = aws_lambda_function.async_task_lambda.function_name
  principal     = "sns.amazonaws.com"
}
resource "aws_cloudwatch_event_rule" "nightly" {
  schedule_expression = "cron(0 3 * * ? *)"
}
resource "aws_cloudwatch_event_target" "nightly" {
  rule = aws_cloudwatch_event_rule.nightly.name
  arn  = aws_lambda_function.async_task_lambda.arn
}
resource "aws_lambda_permission" "api_gateway_lambda_permission" {
  function_name = "api_lambda"
  principal     = "apigateway.amazonaws.com"
}
`,
    });
    const { fns } = await functions(dir);
    expect(fns.find((f) => f.name === 'async_task_lambda')!.triggers).toEqual(['sqs async_task_queue', 'sns errors', 'schedule cron(0 3 * * ? *) (rule nightly)']);
    expect(fns.find((f) => f.name === 'api_lambda')!.triggers).toEqual(['API Gateway']);
  });
});
