import { describe, expect, it } from 'vitest';
import { composeDetector, type ComposeServiceData } from '../src/detectors/compose/index.js';
import { dockerfileDetector, readDockerfile, type DockerfileData } from '../src/detectors/dockerfile/index.js';
import { kubernetesDetector, type HelmChartData, type K8sResourceData, type KustomizationData } from '../src/detectors/kubernetes/index.js';
import { invocation, justRecipes, makeTargets, tasksDetector, type TaskData } from '../src/detectors/tasks/index.js';
import { FactSet, type Fact } from '../src/facts.js';
import { deploymentPart } from '../src/steps/parts/cdk-deploy.js';
import { runtimePart } from '../src/steps/parts/runtime.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section, stepModel } from './helpers/fixture.js';

const FIXTURE = 'run-containers';
const data = <T>(facts: readonly Fact[], kind: string) => facts.filter((f) => f.kind === kind).map((f) => f.data as T);
/** Values written in the fixture's compose file: never printed. */
const VALUES = ['not-a-real-password-123', 'hunter2', 'postgres://'];

describe('Docker Compose', () => {
  it('reads services: image or build → Dockerfile, ports, depends_on, environment names, env_file, command', async () => {
    const services = data<ComposeServiceData>(await detect(composeDetector, FIXTURE), 'compose.service');
    const api = services.find((s) => s.file === 'docker-compose.yml' && s.name === 'api')!;
    expect(api).toEqual({
      file: 'docker-compose.yml',
      line: 9,
      name: 'api',
      build: { context: 'api', dockerfile: 'api/Dockerfile' },
      ports: ['${API_PORT:-3000}:3000'],
      dependsOn: ['db'],
      environment: [{ name: 'DATABASE_URL', line: 18 }, { name: 'LOG_LEVEL', line: 19 }],
      envFiles: [{ path: '.env', exists: false }],
      command: 'node dist/server.js',
      profiles: [],
    });
    expect(services.find((s) => s.name === 'db')).toMatchObject({ image: 'postgres:16', environment: [{ name: 'POSTGRES_PASSWORD' }, { name: 'POSTGRES_DB' }] });
    // depends_on in its long form (a map of conditions), build as a bare context string.
    expect(services.find((s) => s.name === 'worker')).toMatchObject({ dependsOn: ['db'], build: { context: 'worker', dockerfile: 'worker/Dockerfile' }, profiles: ['jobs'] });
    expect(JSON.stringify(services)).not.toMatch(new RegExp(VALUES.join('|')));
  });
});

describe('Dockerfiles', () => {
  it('reads stages, EXPOSE, CMD/ENTRYPOINT and ENV/ARG names of the final stage, with continuations', async () => {
    const files = data<DockerfileData>(await detect(dockerfileDetector, FIXTURE), 'docker.dockerfile');
    expect(files.find((d) => d.file === 'api/Dockerfile')).toEqual({
      file: 'api/Dockerfile',
      stages: [{ base: 'node:20-alpine', name: 'build', line: 2 }, { base: 'node:20-alpine', line: 8 }],
      expose: ['3000'],
      cmd: { text: 'node dist/server.js', line: 14 },
      env: [{ name: 'NODE_ENV', line: 10 }, { name: 'PORT', line: 10 }, { name: 'LEGACY_FLAG', line: 12 }],
      args: ['GIT_SHA'],
    });
    expect(files.find((d) => d.file === 'worker/Dockerfile')?.entrypoint).toEqual({ text: 'python -m worker', line: 2 });
  });

  it('keeps a shell-form command as written and never an ENV value', () => {
    const d = readDockerfile('Dockerfile', 'FROM --platform=linux/amd64 alpine\nENV TOKEN="abc def" MODE=x\nCMD ./start.sh --port 80\n');
    expect(d.stages).toEqual([{ base: 'alpine', line: 1 }]);
    expect(d.env.map((e) => e.name)).toEqual(['TOKEN', 'MODE']);
    expect(d.cmd?.text).toBe('./start.sh --port 80');
    expect(JSON.stringify(d)).not.toContain('abc def');
  });
});

describe('Dockerfile stages', () => {
  it('gives the final stage the ENV, CMD and ENTRYPOINT of the named stage it is built from, not those of other stages', () => {
    const d = readDockerfile(
      'Dockerfile',
      'FROM node:20 AS base\nENV NODE_ENV production\nCMD ["node", "base.js"]\nFROM base AS build\nENV BUILD_ONLY=1\nFROM base\nENV PORT=3000\n',
    );
    expect(d.env).toEqual([{ name: 'NODE_ENV', line: 2 }, { name: 'PORT', line: 7 }]);
    expect(d.cmd).toEqual({ text: 'node base.js', line: 3 });
    expect(d.stageEnv).toEqual([{ stage: 'build', name: 'BUILD_ONLY', line: 5 }]);
  });

  it('lists in the runtime part the ENV an earlier stage sets while it builds, by stage, beside the final stage\'s', () => {
    const d = readDockerfile(
      'docker/Dockerfile.web',
      'FROM node:20-alpine AS deps\nRUN pnpm install\nFROM deps AS build\nARG NEXT_PUBLIC_API_URL=/api\nENV NEXT_PUBLIC_API_URL=$NEXT_PUBLIC_API_URL\nENV API_GATEWAY_URL=http://gw:3001\nRUN pnpm build\nFROM node:20-alpine AS runner\nENV NODE_ENV=production\nCMD ["pnpm", "start"]\n',
    );
    const md = runtimePart(new FactSet([{ kind: 'docker.dockerfile', id: d.file, data: d, at: [{ file: d.file }] }]));
    expect(md).toContain('| `pnpm start` | `NODE_ENV` (final stage); stage `build`: `NEXT_PUBLIC_API_URL`, `API_GATEWAY_URL` |');
  });
});

describe('the runtime part', () => {
  it('names the image a stage chain starts from and says a digest pin instead of printing it', () => {
    const d = readDockerfile('Dockerfile', `FROM python:3.12-slim@sha256:${'a'.repeat(64)} AS base\nFROM base AS deps\nFROM deps\nCMD ["python", "app.py"]\n`);
    const md = runtimePart(new FactSet([{ kind: 'docker.dockerfile', id: 'Dockerfile', data: d, at: [{ file: 'Dockerfile' }] }]));
    expect(md).toContain('| `/Dockerfile` | `python:3.12-slim` (pinned by digest, 3 stages, via stage `deps`) | — | `python app.py` | — |');
  });
});

describe('Kubernetes, kustomize and Helm', () => {
  it('reads every document: workloads with images, ports, env names and config refs; services; ingress; cron', async () => {
    const facts = await detect(kubernetesDetector, FIXTURE);
    const resources = data<K8sResourceData>(facts, 'k8s.resource');
    expect(resources.map((r) => `${r.kind}/${r.name}:${r.line}`)).toEqual(['Deployment/api:1', 'Service/api:26', 'Ingress/api:36', 'CronJob/nightly-report:50', 'ConfigMap/orders-config:65']);
    expect(resources[0]).toMatchObject({
      namespace: 'orders',
      containers: [{ name: 'api', image: 'ghcr.io/acme/orders-api:1.4.0', ports: ['3000'], env: ['DATABASE_URL', 'LOG_LEVEL'], configMaps: ['orders-config'], secrets: ['orders-db'] }],
    });
    expect(resources[1]).toMatchObject({ serviceType: 'ClusterIP', ports: ['80→3000'] });
    expect(resources[2].routes).toEqual(['orders.example.com/api → api']);
    expect(resources[3]).toMatchObject({ schedule: '0 3 * * *', containers: [{ image: 'ghcr.io/acme/orders-report:1.4.0', command: '--since 24h' }] });
    expect(data<KustomizationData>(facts, 'k8s.kustomization')).toEqual([{ file: 'k8s/kustomization.yaml', resources: ['app.yaml'], images: ['ghcr.io/acme/orders-api:1.4.1'] }]);
    // The chart's templates are Go templates: counted with the chart, never parsed as manifests.
    expect(data<HelmChartData>(facts, 'k8s.helmChart')).toEqual([
      { file: 'chart/Chart.yaml', name: 'orders', version: '0.3.0', description: 'Orders API chart', image: 'ghcr.io/acme/orders-api:1.4.0', templates: 1 },
    ]);
    expect(facts.some((f) => f.kind === 'parse.problem')).toBe(false);
  });
});

describe('Make, just and Procfile', () => {
  it('reads targets with their first command, prerequisites and ## help, skipping special and pattern rules', async () => {
    const tasks = data<TaskData>(await detect(tasksDetector, FIXTURE), 'tasks.task');
    expect(tasks.map((t) => [t.tool, t.name, t.command ?? null, t.needs.join(' '), t.help ?? null, t.line])).toEqual([
      ['make', 'all', null, 'build test', null, 3],
      ['make', 'dev', 'docker compose up --build', '', 'Start the stack locally', 5],
      ['make', 'build', 'npm run build', '', null, 8],
      ['make', 'test', 'npm test', '', null, 11],
      ['make', 'deploy', 'kubectl apply -k k8s', 'build', 'Ship to the cluster', 14],
      ['procfile', 'web', 'node api/dist/server.js', '', null, 1],
      ['procfile', 'worker', 'python -m worker', '', null, 2],
      ['just', 'seed', 'node scripts/seed.js', '', 'Seed the local database', 4],
      ['just', 'lint', 'eslint {{target}}', '', null, 7],
    ]);
  });

  it('a target whose recipe runs the CDK CLI is a CDK deployment (not "no script runs cdk deploy")', async () => {
    const tasks = makeTargets('Makefile', 'deploy:\n\tnpm ci\n\tnpx cdk deploy --all \\\n\t  --require-approval never\n');
    expect(tasks[0].commands).toEqual(['npm ci', 'npx cdk deploy --all --require-approval never']);
    const md = deploymentPart(stepModel(await indexOf('run-containers'), tasks.map((t) => ({ kind: 'tasks.task', id: t.name, data: t, at: [{ file: t.file, line: t.line }] }))));
    expect(md).toBe('Make and just targets that run the CDK CLI:\n\n- `make deploy` — `npx cdk deploy --all --require-approval never` (`/Makefile:1`)');
  });

  it('shows how to run a target from the root, and the command that does something rather than an echo', () => {
    const [deploy] = makeTargets('backend/Makefile', 'deploy:\n\t@echo "Deploying..."\n\t@sam deploy --stack-name x\n');
    expect(deploy.command).toBe('sam deploy --stack-name x');
    expect(invocation(deploy)).toBe('make -C backend deploy');
    expect(invocation(justRecipes('tools/justfile', 'seed:\n  node seed.js\n')[0])).toBe('just -f tools/justfile seed');
    expect(invocation(makeTargets('Makefile', 'up:\n\tdocker compose up\n')[0])).toBe('make up');
  });

  it('does not take variable assignments for targets', () => {
    expect(makeTargets('Makefile', 'X := 1\nY ?= 2\nZ::=3\nrun: ; echo\n\techo hi\n').map((t) => t.name)).toEqual(['run']);
    // A plain comment after the prerequisites is not help, and does not hide the target.
    expect(makeTargets('Makefile', 'deploy: build # s3 bucket still needed\n\tsam deploy\n')).toMatchObject([{ name: 'deploy', needs: ['build'], command: 'sam deploy' }]);
    expect(makeTargets('Makefile', 'deploy: build # s3 bucket still needed\n\tsam deploy\n')[0].help).toBeUndefined();
    expect(justRecipes('justfile', 'version := "1"\nalias b := build\nbuild:\n  cargo build\n').map((t) => t.name)).toEqual(['build']);
  });
});

describe('steps 6, 8 and 9 with containers, manifests and task runners', () => {
  it('step 6 maps them when there is no CDK, without env values', async () => {
    const md = (await section(infrastructureStep, FIXTURE)).markdown;
    expect(md).not.toContain('No infrastructure code found');
    expect(md).toContain('### Containers, manifests and task runners');
    expect(md).toContain('| `api` | build `/api` → `/api/Dockerfile`; runs `node dist/server.js` | `${API_PORT:-3000}:3000` | `db` | `DATABASE_URL`, `LOG_LEVEL`; env_file `.env` (not committed) | `/docker-compose.yml:9` |');
    expect(md).toContain('| `/api/Dockerfile` | `node:20-alpine` (2 stages) | `3000` | `node dist/server.js` | `NODE_ENV`, `PORT`, `LEGACY_FLAG` |');
    expect(md).toContain('| Deployment `api` | `ghcr.io/acme/orders-api:1.4.0` | `3000` | `DATABASE_URL`, `LOG_LEVEL`; ConfigMap `orders-config`; Secret `orders-db` | `/k8s/app.yaml:1` |');
    expect(md).toContain('| `make deploy` | `kubectl apply -k k8s` — Ship to the cluster | `/Makefile:14` |');
    // An override file adjusts services of the base file: said once, not as a row of dashes.
    expect(md).toContain('- `/docker-compose.override.yml` adjusts `api` (command `npm run dev`) when combined with the base file');
    expect(md).not.toMatch(new RegExp(VALUES.join('|')));
    expect(missingCitations(md, await indexOf(FIXTURE))).toEqual([]);
  });

  it('step 9 says how to bring it up locally and that a Make target deploys', async () => {
    const md = (await section(workflowsStep, FIXTURE)).markdown;
    expect(md).toContain('- `docker compose up` starts `db`, `api` (`/docker-compose.yml`); `worker` with `--profile jobs`; builds `api`, `worker` from source; it reads `.env`, which is not committed — create it first.');
    expect(md).toContain('| `make dev` | `docker compose up --build` — Start the stack locally | `/Makefile:5` |');
    expect(md).toMatch(/### Deployment\n\n\*\*Scripts:\*\*\n\n- `make deploy` — `kubectl apply -k k8s`/);
    expect(md).not.toContain('No deploy scripts');
    expect(missingCitations(md, await indexOf(FIXTURE))).toEqual([]);
  });

  it('step 8 lists the names containers set, not their values', async () => {
    const md = (await section(configurationStep, FIXTURE)).markdown;
    // The env model cites each name on its own line (a multi-line `ENV` too) and says which container sets it.
    expect(md).toContain('| `PORT` | `/api/src/server.ts:1` (as `port`) | Dockerfile `ENV` `/api/Dockerfile:11` | — |');
    expect(md).toContain('| `POSTGRES_PASSWORD` | compose service `db` `/docker-compose.yml:7` | **yes** |');
    expect(md).not.toMatch(new RegExp(VALUES.join('|')));
  });

  it('step 6 still says plainly when there is nothing at all', async () => {
    expect((await section(infrastructureStep, 'cdk-none')).markdown).toContain('No infrastructure code found');
  });
});

describe('a detector named twice by one step', () => {
  it('gives its facts once: step 9 lists each compose service once (compose is also an env detector)', async () => {
    const md = (await section(workflowsStep, FIXTURE)).markdown;
    expect(md).toContain('`docker compose up` starts `db`, `api` (`/docker-compose.yml`); `worker` with `--profile jobs`; builds `api`, `worker` from source');
  });
});

describe('make targets with several commands', () => {
  it('show every command in order, not only the first', async () => {
    const { taskCommands } = await import('../src/steps/parts/local-run.js');
    const [build] = makeTargets('frontend/Makefile', 'build:\n\t@echo building\n\tyarn install\n\tyarn fetchConfig\n\tyarn build\n');
    expect(taskCommands(build)).toBe('`yarn install` → `yarn fetchConfig` → `yarn build`');
    const [one] = makeTargets('Makefile', 'test:\n\tpy.test -v\n');
    expect(taskCommands(one)).toBe('`py.test -v`');
  });
});

describe('podman-compose files', () => {
  it('are compose files too', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'docker-compose.yml': 'services:\n  web:\n    image: app:latest\n',
      'podman/podman-compose.yml': 'services:\n  umami:\n    image: app:latest\n  db:\n    image: postgres:16\n',
    });
    const services = (await detect(composeDetector, root)).map((f) => f.data as ComposeServiceData).map((s) => `${s.name} ${s.file}`);
    expect(services).toEqual(['web docker-compose.yml', 'umami podman/podman-compose.yml', 'db podman/podman-compose.yml']);
  });
});

describe('Dockerfiles named with a suffix', () => {
  it('web-crawler-dockerfile is a Dockerfile', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'lib/shared/web-crawler-dockerfile': 'FROM python:3.11\nCMD ["python", "crawl.py"]\n',
      'lib/shared/dockerfile-notes.md': '# not a Dockerfile\n',
      'Dockerfile': 'FROM node:20\n',
    });
    const files = (await detect(dockerfileDetector, root)).map((f) => (f.data as DockerfileData).file).sort();
    expect(files).toEqual(['Dockerfile', 'lib/shared/web-crawler-dockerfile']);
  });
});

describe('the count of compose services in step 6', () => {
  it('counts each service once: not again for an override that adjusts it or a file per environment that redefines it', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    // The shape of N0SAFE/nextjs-nestjs-turborepo-template: one compose file per environment, and overrides.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'docker/compose/docker-compose.dev.yml': 'services:\n  api:\n    build: ../../apps/api\n  db:\n    image: postgres:16\n',
      'docker/compose/docker-compose.prod.yml': 'services:\n  api:\n    image: ghcr.io/acme/api:1.0\n  db:\n    image: postgres:16\n  web:\n    image: ghcr.io/acme/web:1.0\n',
      'docker/compose/docker-compose.dev.override.yml': 'services:\n  api:\n    command: npm run dev\n',
    });
    const md = (await section(infrastructureStep, root)).markdown;
    expect(md).toContain('Found: Docker Compose (3 services).');
  });
});

describe('a compose overlay that also adds services, in step 6', () => {
  it('lists the services it adds, says which it adjusts over which base, and counts each service once', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    // Step 9's rule (compose-layers.ts): `docker-compose.dev.yml` adjusts `api` (no image, no build) and adds `adminer`.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'docker-compose.yml': 'services:\n  api:\n    image: ghcr.io/acme/api:1.0\n  db:\n    image: postgres:16\n',
      'docker-compose.dev.yml': 'services:\n  api:\n    command: npm run dev\n  adminer:\n    image: adminer:4\n',
    });
    const md = (await section(infrastructureStep, root)).markdown;
    expect(md).toContain('Found: Docker Compose (3 services).');
    expect(md).toContain('| `adminer` | `adminer:4` |');
    // The adjusted `api` is not a row of dashes: it is said once, with the file it goes over.
    expect(md).not.toMatch(/\| `api` \| — \|/);
    expect(md).toContain('- `/docker-compose.dev.yml` adjusts `api` (command `npm run dev`) when combined with `/docker-compose.yml`');
  });
});

describe('compose extends', () => {
  it('a service that extends another is complete: its file is no overlay, and a missing base file is said', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    // The shape of minhtungo/nextjs-express-turborepo-starter: the root file pulls its services in with `extends`.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'packages/database/docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n  mailhog:\n    image: mailhog/mailhog\n',
      'docker-compose.yml': 'services:\n  db:\n    extends:\n      file: packages/database/docker-compose.yml\n      service: db\n  mailhog:\n    extends:\n      file: packages/database/docker-compose.yml\n      service: mailhog\n',
      'docker-compose.prod.yml': 'services:\n  app:\n    build:\n      context: .\n      dockerfile: ./apps/app/Dockerfile\n  db:\n    extends:\n      file: docker-compose.base.yml\n      service: db\n',
    });
    const md = (await section(infrastructureStep, root)).markdown;
    expect(md).not.toContain('adjusts');
    expect(md).toContain('| `db` | extends `db` of `/packages/database/docker-compose.yml` |');
    expect(md).toContain('extends `db` of `docker-compose.base.yml` (not in the repository)');
    // A Dockerfile the compose file names but the repository lacks is said, not dropped.
    expect(md).toContain('| `app` | build the repository root → `apps/app/Dockerfile` (not in the repository) |');
    const workflows = (await section(workflowsStep, root)).markdown;
    expect(workflows).toContain('`docker compose up`');
    expect(workflows).not.toMatch(/-f packages\/database\/docker-compose\.yml -f docker-compose\.prod\.yml/);
    expect(workflows).not.toContain('is an overlay');
  });
});

// turborepo-fullstack-starter: apps/api/service.yaml is `apiVersion: serving.knative.dev/v1`, `kind: Service`, the
// Cloud Run service gcloud deploys. It is not a core Kubernetes Service and has no ClusterIP: its container is the
// workload, under spec.template.spec.containers.
describe('a Knative (Cloud Run) service manifest', () => {
  it('is a Knative/Cloud Run service with its container, not a ClusterIP Service', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'apps/api/service.yaml': [
        'apiVersion: serving.knative.dev/v1',
        'kind: Service',
        'metadata:',
        '  name: ${CLOUD_RUN_SERVICE_NAME}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - image: ${CONTAINER_IMAGE}',
        '          ports:',
        '            - containerPort: 8080',
        '          env:',
        '            - name: LOG_FORMAT',
        "              value: '${LOG_FORMAT}'",
      ].join('\n'),
      'k8s/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n      targetPort: 3000\n',
      'apps/api/src/main.ts': 'export const format = process.env.LOG_FORMAT;\n',
    });
    const resources = data<K8sResourceData>(await detect(kubernetesDetector, root), 'k8s.resource');
    expect(resources.find((r) => r.file === 'apps/api/service.yaml')).toMatchObject({ kind: 'Knative Service', containers: [{ image: '${CONTAINER_IMAGE}', ports: ['8080'], env: ['LOG_FORMAT'] }] });
    expect(resources.find((r) => r.file === 'apps/api/service.yaml')?.serviceType).toBeUndefined();
    const md = (await section(infrastructureStep, root)).markdown;
    expect(md).not.toMatch(/CLOUD_RUN_SERVICE_NAME\}` \(ClusterIP/);
    expect(md).toContain('| Knative/Cloud Run service `${CLOUD_RUN_SERVICE_NAME}` | `${CONTAINER_IMAGE}` | `8080` | `LOG_FORMAT` | `/apps/api/service.yaml:1` |');
    expect(md).toContain('- Service `web` (ClusterIP, ports `80→3000`) — `/k8s/svc.yaml:1`');
    expect(md).toContain('Kubernetes (1 manifest resource), Knative/Cloud Run (1 service manifest)');
    expect(md).toContain('#### Kubernetes and Knative');
    // Step 8 says where the variable is set as what it is, not as a Kubernetes workload.
    const step8 = (await section(configurationStep, root)).markdown;
    expect(step8).toContain('Knative/Cloud Run `${CLOUD_RUN_SERVICE_NAME}` `/apps/api/service.yaml:13`');
    expect(step8).not.toContain('Kubernetes `${CLOUD_RUN_SERVICE_NAME}`');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });
});
