/**
 * A Lambda started by `run.sh` (`uvicorn --port=$PORT`) and a CI step's inline Python (`os.environ['GITHUB_TOKEN']`)
 * read what the Dockerfile and the workflow set: step 8 must not list them as "not read by the code".
 */
import { describe, expect, it } from 'vitest';
import { scriptReads } from '../src/model/script-reads.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const repo = () =>
  tempRepo({
    'package.json': JSON.stringify({ name: 'app', private: true }),
    'src/index.ts': 'export const region = process.env.APP_REGION;\n',
    'backend/Dockerfile': 'FROM python:3.13\nENV PORT=8000\nENV LOG_DIR=/var/log\nENV APP_HOME=/app\nCMD ["sh", "run.sh"]\n',
    // PORT is read from the environment; APP_HOME is the script's own variable once assigned; '$LOG_DIR' is not expanded.
    'backend/run.sh':
      "#!/bin/bash\n# uses $APP_HOME\nAPP_HOME=/srv\ncd $APP_HOME\necho '$LOG_DIR'\nPATH=$PATH:/opt/bin \\\n  exec python -m uvicorn --port=${PORT:-8000} app.main:app\n",
    '.github/workflows/stats.yml':
      "name: stats\non: push\njobs:\n  stats:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Count\n        env:\n          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n          UNUSED_FLAG: '1'\n        shell: python\n        run: |\n          import os\n          token = os.environ['GITHUB_TOKEN']\n",
  });

describe('env reads in shell scripts and CI steps', () => {
  it('records $NAME and ${NAME:-x} in scripts and os.environ in workflow code, not a name the script assigned first', async () => {
    const index = await indexOf(repo());
    const reads = scriptReads(index);
    expect(reads.get('PORT')).toEqual([{ file: 'backend/run.sh', line: 7 }]);
    expect(reads.get('GITHUB_TOKEN')).toEqual([{ file: '.github/workflows/stats.yml', line: 14 }]);
    expect(reads.has('APP_HOME')).toBe(false);
    expect(reads.has('LOG_DIR')).toBe(false);
  });

  it('step 8 names the script read instead of saying "not read by the code"', async () => {
    const step8 = (await section(configurationStep, repo())).markdown;
    const unread = step8.split('#### Set or declared, but not read by the code')[1]?.split(/\n#{2,4} /)[0] ?? '';
    expect(unread).not.toContain('`PORT`');
    expect(unread).not.toContain('`GITHUB_TOKEN`');
    // Set and read by nothing: still said.
    expect(unread).toContain('`UNUSED_FLAG`');
    expect(unread).toContain('`LOG_DIR`');
    expect(step8).toContain('read by a shell script `/backend/run.sh:7`');
    expect(step8).toContain('read by code in a CI workflow step `/.github/workflows/stats.yml:14`');
  });

  it('step 5 says a frontend variable read only by a deploy script is read there, not "read by a computed name"', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, scripts: { build: 'vite build' }, dependencies: { react: '^18.0.0', 'react-dom': '^18.0.0' }, devDependencies: { vite: '^5.0.0' } }),
      'index.html': '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>\n',
      'src/main.tsx': "import { createRoot } from 'react-dom/client';\nconst api = import.meta.env.VITE_API_URL;\ncreateRoot(document.getElementById('root')!).render(<a href={api}>x</a>);\n",
      '.env.example': 'VITE_API_URL=\nVITE_CDN_BUCKET=\n',
      'scripts/deploy.sh': '#!/bin/sh\naws s3 sync dist "s3://${VITE_CDN_BUCKET}"\n',
    });
    const step5 = (await section(frontendStep, root)).markdown;
    expect(step5).toMatch(/\| `VITE_CDN_BUCKET` \| yes \| read by a shell script `\/scripts\/deploy\.sh:2` \|/);
  });

  it('reads env.X in a workflow `if:` (job or step, one line or a block) as a read by CI, cited at the line; vars.X is a repository setting, not a read', async () => {
    const workflow = [
      'name: build',
      'on: push',
      'env:',
      '  RUN_E2E: ${{ vars.RUN_E2E }}',
      '  NEVER_USED: x',
      'jobs:',
      '  test:',
      '    if: vars.DEPLOY_ENABLED == \'true\'',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: npm test',
      '      - if: ${{ (env.RUN_E2E == \'true\' || github.repository == \'a/b\') && matrix.os == \'linux\' }}',
      '        run: npm run test:e2e',
      '      - name: Slow',
      '        if: >-',
      '          github.event_name == \'push\' &&',
      '          env.SLOW_TESTS',
      '        run: npm run slow',
      '',
    ].join('\n');
    const root = () =>
      tempRepo({
        'package.json': JSON.stringify({ name: 'app', private: true, scripts: { test: 'node t.js' } }),
        'src/index.ts': 'export const region = process.env.APP_REGION;\n',
        '.env.example': 'SLOW_TESTS=\nDEPLOY_ENABLED=\n',
        '.github/workflows/build.yml': workflow,
      });
    const reads = scriptReads(await indexOf(root()));
    expect(reads.get('RUN_E2E')).toEqual([{ file: '.github/workflows/build.yml', line: 12, condition: true }]);
    expect(reads.has('DEPLOY_ENABLED')).toBe(false);
    expect(reads.get('SLOW_TESTS')).toEqual([{ file: '.github/workflows/build.yml', line: 17, condition: true }]);
    expect(reads.has('NEVER_USED')).toBe(false);
    const step8 = (await section(configurationStep, root())).markdown;
    const unread = step8.split('#### Set or declared, but not read by the code')[1]?.split(/\n#{2,4} /)[0] ?? '';
    expect(unread).not.toContain('`RUN_E2E`');
    expect(unread).toContain('`NEVER_USED`');
    expect(step8).toContain('read by a CI workflow condition `/.github/workflows/build.yml:12`');
  });
});
