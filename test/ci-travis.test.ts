import { describe, expect, it } from 'vitest';
import { ciDetector, type CiWorkflowFact } from '../src/detectors/ci/index.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

// ci-travis: .travis.yml runs `npm test` on main, deploys to npm on tags (top-level `deploy:`), and a `jobs.include`
// entry builds the docs and deploys them with the `pages` provider.
describe('Travis CI', () => {
  it('reads the default job, include entries and deploy providers with their conditions', async () => {
    const [w] = (await detect(ciDetector, 'ci-travis')) as CiWorkflowFact[];
    const jobs = w.data.jobs.map((j) => ({ id: j.id, needs: j.needs, condition: j.condition, deploy: j.deploy, runs: j.steps.map((s) => s.run ?? s.uses) }));
    expect(jobs).toEqual([
      { id: 'test', needs: [], condition: undefined, deploy: undefined, runs: ['cp .env.example .env', 'npm test'] },
      { id: 'docs site', needs: [], condition: undefined, deploy: ['pages'], runs: ['npm run docs', 'Travis deploy provider pages'] },
      { id: 'deploy', needs: ['test'], condition: 'branch main, tags', deploy: ['npm'], runs: ['Travis deploy provider npm'] },
    ]);
    expect(w.data.triggers).toEqual([{ event: 'push', detail: 'branches: main' }, { event: 'if', detail: 'tag IS present' }]);
    expect(w.data.env.map((e) => e.name)).toEqual(['NODE_ENV']);
  });

  it('step 9 maps the Travis deploy instead of saying there is none', async () => {
    const md = (await section(workflowsStep, 'ci-travis')).markdown;
    const deployment = md.slice(md.indexOf('### Deployment'), md.indexOf('### CI workflows'));
    expect(deployment).not.toMatch(/No deploy/);
    expect(deployment).toContain('`/.travis.yml`');
    expect(deployment).toContain('`deploy` (only on `branch main, tags`): uses `Travis deploy provider npm`');
    expect(missingCitations(md, await indexOf('ci-travis'))).toEqual([]);
  });
});
