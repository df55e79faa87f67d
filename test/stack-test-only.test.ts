/**
 * A Frontend/Backend library that the code imports only from tests (cdk-serverless-space-finder's `aws-amplify`, used by
 * a Cognito sign-in script under test/) is listed under Testing & tooling, not as the product's frontend stack.
 */
import { describe, expect, it } from 'vitest';
import { stackDetector, type TechFact } from '../src/detectors/stack/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const groups = async (files: Record<string, string>) =>
  new Map((await detect(stackDetector, tempRepo(files))).filter((f): f is TechFact => f.kind === 'stack.tech').map((f) => [f.data.label, f.data.group]));

const manifest = JSON.stringify({ name: 'app', dependencies: { 'aws-amplify': '^6.14.4', 'aws-cdk-lib': '^2.196.1', express: '^4.0.0' } }, null, 2);

describe('a library imported only by tests', () => {
  it('is grouped with testing and tooling', async () => {
    const g = await groups({
      'package.json': manifest,
      'src/infra/app.ts': "import { App } from 'aws-cdk-lib';\nnew App();\n",
      'src/server.ts': "import express from 'express';\nexpress().listen(3000);\n",
      'test/auth/AuthService.ts': "import { Amplify } from 'aws-amplify';\nAmplify.configure({});\n",
      'test/server.test.ts': "import express from 'express';\nexpress();\n",
    });
    expect(g.get('AWS Amplify')).toBe('Testing & tooling');
    // Imported by the product too: it stays where the catalogue puts it.
    expect(g.get('Express')).toBe('Backend');
  });

  it('keeps its group when the product imports it, or when nothing imports it (silence proves nothing)', async () => {
    const used = await groups({ 'package.json': manifest, 'src/auth.ts': "import { Amplify } from 'aws-amplify';\nAmplify.configure({});\n" });
    expect(used.get('AWS Amplify')).toBe('Frontend');
    const unused = await groups({ 'package.json': manifest, 'src/index.ts': 'export const x = 1;\n' });
    expect(unused.get('AWS Amplify')).toBe('Frontend');
  });
});
