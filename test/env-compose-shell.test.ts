/**
 * Compose's `$$X` is an escaped dollar: the container gets `$X`, which a shell there expands (a healthcheck's
 * `CMD-SHELL`, a `sh -c` command). That is a use of X by the container, not compose interpolation; an exec-form
 * command hands `$X` to the program as literal text.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const compose = [
  'services:',
  '  db:',
  '    image: mysql:8.4',
  '    environment:',
  '      MYSQL_ROOT_PASSWORD: example',
  '    healthcheck:',
  '      test: ["CMD-SHELL", \'mysqladmin ping -p"$$MYSQL_ROOT_PASSWORD" || exit 1\']',
  '  worker:',
  '    image: alpine',
  '    environment:',
  '      - QUEUE_NAME=jobs',
  '      - LITERAL_ARG=x',
  '    command: ["sh", "-c", "echo $${QUEUE_NAME}"]',
  '    entrypoint: ["/app/run", "$$LITERAL_ARG"]',
  '  probe:',
  '    image: alpine',
  '    healthcheck:',
  '      test: test -n "$$HOSTNAME_ONLY"',
  '',
].join('\n');

describe('compose $$ escapes', () => {
  it('cites $$X in shell-run healthchecks and commands as a use by the container', async () => {
    const root = tempRepo({ 'compose.yml': compose });
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    const used = (name: string) => env.get(name)?.consumers.map((c) => [c.tool, c.at.file, c.at.line]) ?? [];
    expect(used('MYSQL_ROOT_PASSWORD')).toEqual([['compose healthcheck', 'compose.yml', 7]]);
    expect(used('QUEUE_NAME')).toEqual([['compose command', 'compose.yml', 13]]);
    // Exec form: no shell expands it.
    expect(used('LITERAL_ARG')).toEqual([]);
    expect(used('HOSTNAME_ONLY')).toEqual([['compose healthcheck', 'compose.yml', 18]]);
    const md = (await section(configurationStep, root)).markdown;
    expect(md).toContain('compose healthcheck `/compose.yml:7`');
    // Not compose interpolation: the container's shell expands it.
    expect(md).not.toMatch(/Interpolated in compose files[\s\S]*HOSTNAME_ONLY/);
  });
});
