import { describe, expect, it } from 'vitest';
import { hclValue, objectKeys, parseHcl } from '../src/detectors/other-infra/hcl.js';

const summary = (text: string) => parseHcl(text).map((b) => `${b.type} ${b.labels.join('.')}:${b.line}`);

describe('HCL reader', () => {
  it('keeps every later block after a `}` inside a string inside `${…}`', () => {
    const tf = [
      'resource "aws_lambda_function" "api" {',
      '  function_name = "${replace(var.name, "}", "")}-api"',
      '  handler       = "${var.prefix != "" ? "${var.prefix}-" : ""}index.handler"',
      '}',
      '',
      'resource "aws_dynamodb_table" "orders" {',
      '  name = "orders"',
      '}',
    ].join('\n');
    expect(summary(tf)).toEqual(['resource aws_lambda_function.api:1', 'resource aws_dynamodb_table.orders:6']);
    const [fn] = parseHcl(tf);
    expect(fn.attributes.get('function_name')).toEqual({ raw: '"${replace(var.name, "}", "")}-api"', line: 2 });
    expect(fn.attributes.get('handler')?.line).toBe(3);
  });

  it('skips heredocs (<<EOF and indented <<-EOF) whatever braces and quotes they hold', () => {
    const tf = [
      'resource "aws_iam_role" "lambda" {',
      '  assume_role_policy = <<EOF',
      '{ "Statement": [ { "Effect": "Allow" } } } "',
      'EOF',
      '  policy = <<-POLICY',
      '    { "a": "${jsonencode({ b = "}" })}" ',
      '    POLICY',
      '  name = "role"',
      '}',
      'resource "aws_sqs_queue" "jobs" {}',
    ].join('\n');
    expect(summary(tf)).toEqual(['resource aws_iam_role.lambda:1', 'resource aws_sqs_queue.jobs:10']);
    expect(hclValue(parseHcl(tf)[0].attributes.get('name'))).toBe('role');
    expect(parseHcl(tf)[0].attributes.get('name')?.line).toBe(8);
  });

  it('skips #, // and /* */ comments holding braces and quotes', () => {
    const tf = [
      '# resource "x" "y" { "',
      'resource "aws_s3_bucket" "a" { // } "',
      '  /* a { block',
      '     } comment " */',
      '  bucket = "a" # trailing }',
      '}',
      '// }',
      'resource "aws_s3_bucket" "b" {',
      '  bucket = "b"',
      '}',
    ].join('\n');
    expect(summary(tf)).toEqual(['resource aws_s3_bucket.a:2', 'resource aws_s3_bucket.b:8']);
    expect(hclValue(parseHcl(tf)[0].attributes.get('bucket'))).toBe('a');
  });

  it('reads strings with escapes and literal $${…}', () => {
    const tf = [
      'locals {',
      '  quote  = "say \\"}\\" and \\\\"',
      '  dollar = "$${not.interpolated} }"',
      '  after  = "ok"',
      '}',
      'output "x" { value = local.after }',
    ].join('\n');
    const [locals, output] = parseHcl(tf);
    expect([...locals.attributes.keys()]).toEqual(['quote', 'dollar', 'after']);
    expect(hclValue(locals.attributes.get('after'))).toBe('ok');
    expect(output).toMatchObject({ type: 'output', labels: ['x'], line: 6 });
  });

  it('an unclosed string ends at its line instead of swallowing the rest of the file', () => {
    const tf = ['resource "aws_sqs_queue" "a" {', '  name = "broken', '}', 'resource "aws_sqs_queue" "b" {}'].join('\n');
    expect(summary(tf)).toEqual(['resource aws_sqs_queue.a:1', 'resource aws_sqs_queue.b:4']);
  });

  it('reads object keys for environment names', () => {
    expect(objectKeys('{\n  TABLE = aws_dynamodb_table.t.name\n  "URL" = "${var.x}}"\n}')).toEqual(['TABLE', 'URL']);
  });
});

describe('Terraform routes from route keys', () => {
  it('shows a route key given as an expression as written, with no guessed method', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { buildIndex } = await import('../src/scan/repo-index.js');
    const { otherInfraDetector } = await import('../src/detectors/other-infra/index.js');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-tf-'));
    try {
      writeFileSync(
        path.join(dir, 'main.tf'),
        [
          'resource "aws_apigatewayv2_route" "module_input" { route_key = var.route_key }',
          'resource "aws_apigatewayv2_route" "catch_all" { route_key = "$default" }',
          'resource "aws_apigatewayv2_route" "connect" { route_key = "$connect" }',
          'resource "aws_apigatewayv2_route" "get" { route_key = "GET /items/{id}" }',
        ].join('\n'),
      );
      const facts = otherInfraDetector.detect(await buildIndex(dir));
      const routes = facts.filter((f) => f.kind === 'infra.route').map((f) => `${(f.data as { method: string }).method} ${(f.data as { path: string }).path}`);
      expect(routes).toEqual(['? var.route_key', 'ANY $default', 'WS $connect', 'GET /items/{id}']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
