/** `"AWS_EXECUTION_ENV" in os.environ` tells Lambda from local runs: a read of the variable, counted as one. */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { pythonEnv } from '../src/detectors/env/reads-text.js';
import { RepoModel } from '../src/model/repo-model.js';
import { indexOf } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('Python membership tests on os.environ', () => {
  it('reads X in `"X" in os.environ` and `"X" not in environ`', async () => {
    const text = [
      'import os',
      'from os import environ',
      'def on_lambda():',
      '    return "AWS_EXECUTION_ENV" in os.environ',
      "if 'LOCAL_DEV' not in environ:",
      '    pass',
      '# "COMMENTED" in os.environ',
      'x = "a" in names',
    ].join('\n');
    expect(pythonEnv(text).reads.map((r) => `${r.name}:${r.line}`)).toEqual(['AWS_EXECUTION_ENV:4', 'LOCAL_DEV:5']);
    const root = tempRepo({ 'backend/app/utils.py': `${text}\n` });
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    expect(env.get('AWS_EXECUTION_ENV')?.reads.map((r) => [r.file, r.lines[0]])).toEqual([['backend/app/utils.py', 4]]);
  });
});
