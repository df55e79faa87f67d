import { describe, expect, it } from 'vitest';
import { composeDetector, type ComposeServiceFact } from '../src/detectors/compose/index.js';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

// The shape of a CI overlay that only adds a BuildKit layer cache to the base file's services.
const BASE = [
  'services:',
  '  db:',
  '    image: postgres:16',
  '  server:',
  '    build:',
  '      context: .',
  '      dockerfile: Dockerfile',
  '    ports:',
  '      - "3000:3000"',
  '  web:',
  '    build:',
  '      context: .',
  '      dockerfile: Dockerfile.web',
  '',
].join('\n');
const CACHE = [
  '# Applied in CI via EXTRA_COMPOSE_FILES=docker-compose.ci-cache.yml',
  'services:',
  '  server:',
  '    build:',
  '      cache_from:',
  '        - type=gha,scope=server',
  '      cache_to:',
  '        - type=gha,scope=server,mode=max',
  '  web:',
  '    build:',
  '      cache_from:',
  '        - type=gha,scope=web',
  '',
].join('\n');
const files = { 'package.json': JSON.stringify({ name: 'kit', private: true }), 'docker-compose.yml': BASE, 'docker-compose.ci-cache.yml': CACHE, Dockerfile: 'FROM node:22\n', 'Dockerfile.web': 'FROM node:22\n' };

describe('a compose file that only adds build settings to the services of another file of its folder', () => {
  it('is an overlay: its services have no build of their own', async () => {
    const root = tempRepo(files);
    const facts = (await composeDetector.detect(await indexOf(root))) as ComposeServiceFact[];
    const web = facts.find((f) => f.id === 'docker-compose.ci-cache.yml#web')!.data;
    expect(web.build).toBeUndefined();
    expect(web.buildSettings).toBe(true);
    expect(facts.find((f) => f.id === 'docker-compose.yml#web')!.data.build?.dockerfile).toBe('Dockerfile.web');
  });

  it('step 6 shows it as adjusting the base services, never as services that build /Dockerfile, and counts each service once', async () => {
    const root = tempRepo(files);
    const md = (await section(infrastructureStep, root)).markdown;
    expect(md).not.toMatch(/\| `web` \|[^\n]*`\/docker-compose\.ci-cache\.yml:\d+`/);
    expect(md).toContain('`/docker-compose.yml`: 3 services.');
    expect(md).toContain('Docker Compose (3 services)');
    expect(md).toContain('`/docker-compose.ci-cache.yml` adjusts `server` (build settings), `web` (build settings) when combined with `/docker-compose.yml`');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });

  it('step 9 never offers it alone', async () => {
    const root = tempRepo(files);
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toContain('docker compose -f docker-compose.ci-cache.yml up');
    expect(md).toContain('`docker compose -f docker-compose.yml -f docker-compose.ci-cache.yml up`: `/docker-compose.ci-cache.yml` is an overlay of `/docker-compose.yml`; it changes the build settings of `server`, `web`.');
  });

  it('a file of complete services with cache settings, or one whose services no other file defines, is read as it is', async () => {
    const own = CACHE.replace('      cache_from:\n        - type=gha,scope=server', '      context: ./server\n      cache_from:\n        - type=gha,scope=server');
    const alone = tempRepo({ 'package.json': '{}', 'docker-compose.ci-cache.yml': CACHE, Dockerfile: 'FROM node:22\n' });
    const mixed = tempRepo({ ...files, 'docker-compose.ci-cache.yml': own, 'server/Dockerfile': 'FROM node:22\n' });
    for (const root of [alone, mixed]) {
      const facts = (await composeDetector.detect(await indexOf(root))) as ComposeServiceFact[];
      expect(facts.filter((f) => f.data.buildSettings)).toEqual([]);
    }
  });
});

describe('step 6 counts compose services the same way in its summary and its table line', () => {
  it('a name defined in two files is one service with two definitions', async () => {
    const root = tempRepo({
      'package.json': '{}',
      'docker-compose.dev.yml': 'services:\n  api:\n    image: node:22\n  db:\n    image: postgres:16\n',
      'docker-compose.prod.yml': 'services:\n  api:\n    image: node:22\n',
    });
    const md = (await section(infrastructureStep, root)).markdown;
    expect(md).toContain('Docker Compose (2 services)');
    expect(md).toContain(': 2 services in 3 definitions (a name defined in more than one file is one service).');
  });
});
