import { describe, expect, it } from 'vitest';
import { ciDetector, type CiWorkflowData } from '../src/detectors/ci/index.js';
import { detect } from './helpers/fixture.js';
import { references } from '../src/detectors/ci/github.js';

const workflows = async () => {
  const facts = await detect(ciDetector, 'cfg-ci');
  return new Map(facts.map((f) => [f.id, f.data as CiWorkflowData]));
};

describe('ci detector', () => {
  it('does not count secrets named only in YAML comments (a commented-out job), but does inside a run block', async () => {
    const ci = (await workflows()).get('.github/workflows/ci.yml')!;
    expect(ci.secrets.map((s) => s.name)).toEqual(['NPM_TOKEN']);
    const text = [
      'jobs:',
      '  a:',
      '    steps:',
      "      - run: | # the block's own comment: ${{ secrets.HEADER }}",
      '          # interpolated by the runner before the shell sees it: ${{ secrets.IN_SCRIPT }}',
      '          echo "#not a comment ${{ secrets.QUOTED }}"',
      '        env:',
      "          A: '# ${{ secrets.SINGLE }}' # trailing ${{ secrets.TRAILING }}",
      '          B: x#${{ secrets.GLUED }}',
      '    #  C: ${{ secrets.INDENTED_COMMENT }}',
      '# ${{ vars.COMMENTED_VAR }}',
    ].join('\n');
    expect(references(text)).toEqual({
      secrets: [
        { name: 'GLUED', line: 9 },
        { name: 'IN_SCRIPT', line: 5 },
        { name: 'QUOTED', line: 6 },
        { name: 'SINGLE', line: 8 },
      ],
      vars: [],
    });
  });

  // turborepo-fullstack-starter: `${{ steps.set-vars.outputs.url }}` was read as a configuration variable `outputs`
  // (the `vars.` inside the step id `set-vars`). Only `vars`/`secrets` as a context count, not the end of a longer name.
  it('reads vars.X and secrets.X only as contexts, not inside a step id or a property path', () => {
    const text = [
      'jobs:',
      '  a:',
      '    steps:',
      '      - id: set-vars',
      '        run: echo "url=x" >> "$GITHUB_OUTPUT"',
      '      - run: echo ${{ steps.set-vars.outputs.url }} ${{ steps.get-secrets.outputs.token }} ${{ github.event.vars.X }}',
      "        if: ${{ !vars.SKIP && (vars.REGION != '') }}",
      '        env:',
      '          A: ${{vars.A_NAME}}',
      "          B: ${{ format('{0}', secrets.B_KEY) }}",
    ].join('\n');
    expect(references(text)).toEqual({
      secrets: [{ name: 'B_KEY', line: 10 }],
      vars: [
        { name: 'A_NAME', line: 9 },
        { name: 'REGION', line: 7 },
        { name: 'SKIP', line: 7 },
      ],
    });
  });

  it('reads GitHub Actions triggers, jobs in order, matrix, step commands and env sources', async () => {
    const ci = (await workflows()).get('.github/workflows/ci.yml')!;
    expect(ci.provider).toBe('github-actions');
    expect(ci.triggers.map((t) => t.event)).toEqual(['push', 'pull_request']);
    const build = ci.jobs[0];
    expect(build).toMatchObject({ id: 'build', name: 'Build and test', matrix: ['os', 'node'], line: 8 });
    expect(build.steps.map((s) => s.uses ?? s.run)).toEqual(['actions/checkout@v4', './.github/actions/setup', 'npm run build\n# a comment line\nnpm test -- --coverage']);
    expect(build.steps[2].env).toEqual([
      { name: 'NPM_TOKEN', line: 24, source: 'secret', ref: 'NPM_TOKEN' },
      { name: 'CI_LABEL', line: 25, source: 'literal' },
    ]);
    expect(ci.secrets).toEqual([{ name: 'NPM_TOKEN', line: 24 }]);
  });

  it('keeps needs, environments, conditions, reusable calls, schedules and vars', async () => {
    const release = (await workflows()).get('.github/workflows/release.yml')!;
    expect(release.triggers).toEqual([
      { event: 'push', detail: 'tags: v*' },
      { event: 'schedule', detail: 'cron 0 3 * * 1' },
      { event: 'workflow_dispatch', detail: 'inputs: dry-run' },
    ]);
    const [test, publish, deploy] = release.jobs;
    expect(test.calls).toBe('./.github/workflows/ci.yml');
    expect(publish.needs).toEqual(['test']);
    expect(publish.env.map((e) => [e.name, e.source, e.ref])).toEqual([
      ['NODE_AUTH_TOKEN', 'secret', 'NPM_TOKEN'],
      ['REGISTRY', 'var', 'REGISTRY_URL'],
    ]);
    expect(deploy).toMatchObject({ needs: ['test', 'publish'], environment: 'production', condition: "github.ref_type == 'tag'" });
    expect(release.secrets.map((s) => s.name)).toEqual(['DEPLOY_KEY', 'NPM_TOKEN']);
    expect(release.vars.map((s) => s.name)).toEqual(['REGISTRY_URL']);
  });

  it('reads composite actions, GitLab CI (stages, anchors, needs, rules) and CircleCI (requires)', async () => {
    const all = await workflows();
    expect(all.get('.github/actions/setup/action.yml')!.jobs[0].steps.map((s) => s.uses ?? s.run)).toEqual(['actions/setup-node@v4', 'npm ci']);
    const gitlab = all.get('.gitlab-ci.yml')!;
    expect(gitlab.stages).toEqual(['install', 'test', 'deploy']);
    const deploy = gitlab.jobs.find((j) => j.id === 'deploy-prod')!;
    expect(deploy).toMatchObject({ stage: 'deploy', needs: ['unit'], environment: 'production', condition: '$CI_COMMIT_BRANCH == "main"' });
    expect(deploy.steps.map((s) => s.run)).toEqual(['npm ci', 'npm run build', 'npx cdk deploy --all']);
    expect(gitlab.jobs.map((j) => j.id)).toEqual(['unit', 'deploy-prod']);
    const circle = all.get('.circleci/config.yml')!;
    expect(circle.jobs.map((j) => [j.id, j.needs])).toEqual([['test', []], ['deploy', ['test']]]);
    expect(circle.jobs[0].steps.map((s) => s.run ?? s.uses)).toEqual(['checkout', 'npm ci', 'npm test']);
  });
});
