import { describe, expect, it } from 'vitest';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const pkg = (name: string, deps: Record<string, string> = {}) => JSON.stringify({ name, version: '0.0.0', dependencies: deps });

// react-nestjs-prisma-monorepo: ui-utils and ui-components depend on each other; the order put one before the other.
describe('build order with packages that depend on each other', () => {
  it('puts a cycle on one line, says so, and orders the rest around it', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
      'package-lock.json': '{}',
      'packages/tokens/package.json': pkg('tokens'),
      'packages/utils/package.json': pkg('utils', { components: '*', tokens: '*' }),
      'packages/components/package.json': pkg('components', { utils: '*' }),
      'packages/app/package.json': pkg('app', { components: '*' }),
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain(['1. tokens', '2. components, utils   (needs tokens)', '3. app   (needs components)'].join('\n'));
    expect(md).toContain('`components` and `utils` depend on each other (a cycle in their package.json dependencies): no order builds one before the other, so they share a line.');
  });

  it('keeps an acyclic order as it was', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
      'package-lock.json': '{}',
      'packages/a/package.json': pkg('a'),
      'packages/b/package.json': pkg('b', { a: '*' }),
      'packages/c/package.json': pkg('c', { a: '*', b: '*' }),
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain(['1. a', '2. b   (needs a)', '3. c   (needs a, b)'].join('\n'));
    expect(md).not.toContain('depend on each other');
  });
});
