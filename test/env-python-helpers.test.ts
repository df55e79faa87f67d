/**
 * A Python module's own env helper (`def _get_required_env(name): value = os.environ.get(name, "")…raise`), called
 * with the variable's name: each call is a read of that variable at the call's line, required when the helper raises
 * on an empty value, with a fallback when it returns a default. Without this a Lambda's variables read "not read".
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { pythonEnv } from '../src/detectors/env/reads-text.js';
import { RepoModel } from '../src/model/repo-model.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const handler = (name: string) =>
  [
    'import os',
    '',
    'def lambda_handler(event, context):',
    `    table = _get_required_env("${name}")`,
    '    return {"statusCode": 200}',
    '',
    '',
    'def _get_required_env(name: str) -> str:',
    '    value = os.environ.get(name, "").strip()',
    '    if not value:',
    '        raise RuntimeError(f"{name} environment variable is required.")',
    '    return value',
    '',
  ].join('\n');

describe('Python module-local env helpers', () => {
  it('reads the literal at each call, required when the helper raises on an empty value', () => {
    const reads = pythonEnv(handler('EVENTS_TABLE_NAME')).reads;
    expect(reads.map((r) => [r.name, r.line, r.fallback, r.required, r.requiredBy])).toEqual([['EVENTS_TABLE_NAME', 4, false, 'check', '_get_required_env']]);
  });

  it('gives a fallback when the helper returns a default or the call passes one; a method and a module-level call', () => {
    const text = [
      'import os, sys',
      'def env_or(key, default=None):',
      '    return os.environ.get(key, default)',
      'def region(name):',
      '    return os.getenv(name) or "eu-west-1"',
      'def soft(name):',
      '    return os.environ.get(name, "")',
      'def must(name):',
      '    return os.environ[name]',
      'class Settings:',
      '    def _env(self, key):',
      '        v = os.environ.get(key)',
      '        if v is None:',
      '            sys.exit(1)',
      '        return v',
      '    def load(self):',
      '        self.url = self._env("DATABASE_URL")',
      'STAGE = env_or("STAGE", "dev")',
      'OPT = soft("OPTIONAL_FLAG")',
      'LOG = env_or("LOG_LEVEL")',
      'AWS = region("AWS_REGION_NAME")',
      'KEY = must("API_KEY")',
      '# must("COMMENTED_OUT")',
      'other.must("NOT_OURS")',
    ].join('\n');
    const reads = pythonEnv(text).reads.map((r) => [r.name, r.line, r.fallback, r.required ?? '-']);
    expect(reads).toEqual([
      ['STAGE', 18, true, '-'],
      ['LOG_LEVEL', 20, false, '-'],
      ['AWS_REGION_NAME', 21, true, '-'],
      ['OPTIONAL_FLAG', 19, true, '-'],
      ['API_KEY', 22, false, 'guard'],
      ['DATABASE_URL', 17, false, 'check'],
    ]);
  });

  it('counts every handler reading through its helper, in step 8 and in step 9', async () => {
    const root = tempRepo({
      'lambdas/create_event/handler.py': handler('EVENTS_TABLE_NAME'),
      'lambdas/rsvp/handler.py': handler('RSVPS_TABLE_NAME'),
      'lambdas/authorizer/handler.py': `${handler('COGNITO_ISSUER')}\nGROUP = os.environ.get("ADMIN_GROUP", "admins")\n`,
    });
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    expect(env.get('EVENTS_TABLE_NAME')?.reads.map((r) => [r.file, r.lines[0]])).toEqual([['lambdas/create_event/handler.py', 4]]);
    expect(env.get('RSVPS_TABLE_NAME')?.reads.map((r) => [r.file, r.lines[0]])).toEqual([['lambdas/rsvp/handler.py', 4]]);
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).toContain('3 production files read variables directly');
  });
});
