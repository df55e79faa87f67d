import { describe, expect, it } from 'vitest';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const BASE = 'services:\n  db:\n    image: postgres:16\n';
const DEV = 'services:\n  backend:\n    build:\n      context: ../../\n    depends_on:\n      db:\n        condition: service_healthy\n';

describe('step 9: a compose file whose services depend on a service it does not define', () => {
  it('is shown with the repository script that combines it with its base file', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'kit', private: true, scripts: { 'docker:dev:up': 'docker compose -f ./infra/docker/docker-compose.yml -f ./infra/docker/docker-compose.dev.yml up' } }, null, 2),
      'infra/docker/docker-compose.yml': BASE,
      'infra/docker/docker-compose.dev.yml': DEV,
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('- `npm run docker:dev:up` (`/package.json:5`) starts `backend` (`/infra/docker/docker-compose.dev.yml`), with `db` from `/infra/docker/docker-compose.yml`; builds `backend` from source.');
    expect(md).not.toContain('docker compose -f infra/docker/docker-compose.dev.yml up');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });

  it('or with the Make target that combines them', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'kit', private: true }),
      Makefile: 'dev:\n\tdocker compose -f infra/docker/docker-compose.yml -f infra/docker/docker-compose.dev.yml up --build\n',
      'infra/docker/docker-compose.yml': BASE,
      'infra/docker/docker-compose.dev.yml': DEV,
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('- `make dev` (`/Makefile:1`) starts `backend` (`/infra/docker/docker-compose.dev.yml`), with `db` from `/infra/docker/docker-compose.yml`');
  });

  it('without such a script, is shown as -f base -f overlay', async () => {
    const root = tempRepo({ 'package.json': JSON.stringify({ name: 'kit', private: true }), 'infra/docker/docker-compose.yml': BASE, 'infra/docker/docker-compose.dev.yml': DEV });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('- `docker compose -f infra/docker/docker-compose.yml -f infra/docker/docker-compose.dev.yml up` starts `backend` (`/infra/docker/docker-compose.dev.yml`), with `db` from `/infra/docker/docker-compose.yml`');
  });
});

describe('step 9: compose services under profiles', () => {
  it('says a plain up starts only the services without a profile, and how to start the others', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'kit', private: true }),
      'infra/docker/docker-compose.test.yml': 'services:\n  db-test:\n    image: postgres:14\n  app-test:\n    build: ../../\n    depends_on:\n      - db-test\n    profiles:\n      - ci\n',
      'compose.yml': 'services:\n  tools:\n    image: busybox\n    profiles: [tools, debug]\n',
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('- `docker compose -f infra/docker/docker-compose.test.yml up` starts `db-test` (`/infra/docker/docker-compose.test.yml`); `app-test` with `--profile ci`; builds `app-test` from source.');
    expect(md).toContain('- `docker compose up` starts no service without a profile (`/compose.yml`): `tools` with `--profile tools` or `--profile debug`.');
  });
});

describe('step 9: a compose file that adjusts services another compose file defines', () => {
  const SUPA = {
    'package.json': JSON.stringify({ name: 'kit', private: true }),
    // The first compose file by path, which defines none of the adjusted services.
    'docker/mqtt/docker-compose.yml': 'services:\n  broker:\n    image: eclipse-mosquitto\n',
    'docker/supabase/docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n  storage:\n    image: supabase/storage\n',
    // Adds `mail` and `studio` but only adjusts `db`: an overlay of the parent folder's file, not a standalone stack.
    'docker/supabase/dev/docker-compose.dev.yml': 'services:\n  studio:\n    build:\n      context: ..\n  mail:\n    image: inbucket/inbucket\n  db:\n    restart: "no"\n',
    'docker/supabase/docker-compose.rustfs.yml': 'services:\n  rustfs:\n    image: rustfs/rustfs\n  storage:\n    environment:\n      STORAGE_BACKEND: s3\n',
    'docker/supabase/tests/docker-compose.rustfs.test.yml': 'services:\n  rustfs:\n    ports:\n      - "9100:9000"\n',
    'docker/supabase/tests/docker-compose.orphan.test.yml': 'services:\n  nobody:\n    ports:\n      - "9100:9000"\n',
  };

  it('gives the combined -f base -f overlay command, also when the file adds complete services', async () => {
    const root = tempRepo(SUPA);
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain(
      '- `docker compose -f docker/supabase/docker-compose.yml -f docker/supabase/dev/docker-compose.dev.yml up`: `/docker/supabase/dev/docker-compose.dev.yml` is an overlay of `/docker/supabase/docker-compose.yml`; it adjusts `db` and adds `studio`, `mail`; builds `studio` from source.',
    );
    expect(md).toContain('- `docker compose -f docker/supabase/docker-compose.yml -f docker/supabase/docker-compose.rustfs.yml up`: `/docker/supabase/docker-compose.rustfs.yml` is an overlay of');
    expect(md).not.toContain('docker compose -f docker/supabase/dev/docker-compose.dev.yml up');
    expect(md).not.toContain('docker compose -f docker/supabase/docker-compose.rustfs.yml up');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });

  it('puts a test overlay over the files that define what it adjusts, never over an unrelated first file', async () => {
    const root = tempRepo(SUPA);
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain(
      '- `docker compose -f docker/supabase/docker-compose.yml -f docker/supabase/docker-compose.rustfs.yml -f docker/supabase/tests/docker-compose.rustfs.test.yml up`: `/docker/supabase/tests/docker-compose.rustfs.test.yml` is an overlay of `/docker/supabase/docker-compose.yml` + `/docker/supabase/docker-compose.rustfs.yml`; it adjusts `rustfs`.',
    );
    expect(md).not.toContain('-f docker/mqtt/docker-compose.yml -f docker/supabase/tests');
    // No file defines `nobody`: no command that cannot work.
    expect(md).toContain('- `/docker/supabase/tests/docker-compose.orphan.test.yml` adjusts `nobody`: it is used with `-f` after the compose file that defines it.');
  });
});
