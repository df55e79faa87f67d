/**
 * A variable read in a shared package (a library the apps depend on) is set by the apps that run it: their dotenv
 * files and the Dockerfiles that build them; a dotenv file loaded by an explicit path serves the loading package.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { indexOf, section } from './helpers/fixture.js';

const modelOf = async () => RepoModel.of(new Analysis(await indexOf('env-shared-lib'))).env();
const setFiles = async (name: string, files: string[]) => {
  const env = await modelOf();
  return env.setsFor(env.get(name)!, files).map((s) => `${s.kind} ${s.at.file}:${s.at.line}`);
};

describe('env sets of a shared package', () => {
  it("takes the dotenv files and Dockerfiles of the apps that depend on a library for its reads' set sites", async () => {
    expect(await setFiles('API_SECRET', ['packages/env/src/index.ts'])).toEqual(['example apps/api/.env.example:1']);
    // `docker build -f docker/Dockerfile.api … .` from the root: the image holds apps/api, which runs @x/env.
    expect(await setFiles('COMMIT_HASH', ['packages/env/src/index.ts'])).toEqual(['dockerfile docker/Dockerfile.api:6', 'dockerfile-arg docker/Dockerfile.api:5']);
    const md = (await section(configurationStep, 'env-shared-lib')).markdown;
    expect(md).toMatch(/\| `API_SECRET` \| `\/packages\/env\/src\/index\.ts:6`[^|]*\| `\/apps\/api\/\.env\.example:1` \|/);
  });

  it('takes a dotenv file loaded by an explicit path for the loading package', async () => {
    expect(await setFiles('DATABASE_URL', ['packages/db/drizzle.config.ts'])).toEqual(['dotenv apps/api/.env:1']);
  });

  it("does not take an app's dotenv for another app it depends on (a started package is no library)", async () => {
    expect(await setFiles('API_PORT', ['apps/api/src/main.ts'])).toEqual([]);
  });

  it('follows a schema member that is a constant (`NODE_ENV: nodeEnv`, imported) to its default: not required', async () => {
    const env = await modelOf();
    expect(env.get('NODE_ENV')!.reads.map((r) => [r.file, r.hasFallback])).toEqual([['packages/env/src/index.ts', true]]);
    const step8 = (await section(configurationStep, 'env-shared-lib')).markdown;
    expect(step8).toContain('| `NODE_ENV` | `/packages/env/src/index.ts:5` | default in the schema `/packages/env/src/node-env.ts:3` | — |');
    const step9 = (await section(workflowsStep, 'env-shared-lib')).markdown;
    expect(step9).toContain('- `API_SECRET` — required: startup fails if unset');
    expect(step9).not.toContain('- `NODE_ENV` — required');
  });
});
