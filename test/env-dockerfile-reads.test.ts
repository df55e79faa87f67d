/**
 * A Dockerfile's command reads variables the container gets from compose (jason-greenberg/trpc-express-prisma-react-
 * vite-docker-starter: `CMD if [ "$ENVIRONMENT" = "development" ]; then npx prisma migrate deploy; fi`).
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { dockerfileReads } from '../src/detectors/env/reads-dockerfile.js';
import { dockerfileSetReaches } from '../src/model/dockerfile-stages.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('Dockerfile shell commands', () => {
  it("a stage built FROM another keeps its ENV, not its ARG (r25, fullstack-template: `node ${APP_PATH}/server.js`)", () => {
    const reads = dockerfileReads([
      'FROM node:22-alpine AS base',
      'ENV APP_PATH=apps/admin',
      'ARG BUILD_ONLY=1',
      'FROM base AS builder',
      'RUN echo $APP_PATH $BUILD_ONLY',
      'FROM --platform=linux/amd64 base AS runner',
      'CMD node ${APP_PATH}/server.js $BUILD_ONLY',
      'FROM node:22-alpine',
      'CMD node ${APP_PATH}/server.js',
      '',
    ].join('\n'));
    expect(reads.map((r) => [r.name, r.line, r.fallback])).toEqual([
      ['APP_PATH', 5, true],
      ['APP_PATH', 7, true],
      ['BUILD_ONLY', 7, false],
      ['APP_PATH', 9, false],
    ]);
  });

  it('CMD/ENTRYPOINT shell form read the runtime environment; RUN reads only what the Dockerfile declares', () => {
    const reads = dockerfileReads([
      'FROM node:20 AS build',
      'ARG NODE_FLAGS',
      'ARG MODE=prod',
      "RUN echo $HOME $NODE_FLAGS ${MODE} '$QUOTED' && export LOCAL_X=1 && echo $LOCAL_X $UNDECLARED",
      'FROM node:20',
      'ENV PORT=3000',
      'CMD if [ "$ENVIRONMENT" = "development" ]; then \\',
      '      npx prisma migrate deploy --url "$MIGRATE_URL"; \\',
      '    fi && node server.js --port $PORT --level ${LOG_LEVEL:-info} --key ${API_KEY:?missing} $NODE_FLAGS',
      'ENTRYPOINT ["sh", "-c", "exec node main.js $EXEC_ARG"]',
      'ENTRYPOINT ["node", "$NOT_EXPANDED"]',
      '',
    ].join('\n'));
    const got = reads.map((r) => [r.name, r.line, r.fallback, r.required ?? null]);
    expect(got).toEqual([
      ['NODE_FLAGS', 4, false, null],
      ['MODE', 4, true, null],
      ['ENVIRONMENT', 7, true, null],
      ['MIGRATE_URL', 8, false, null],
      ['PORT', 9, true, null],
      ['LOG_LEVEL', 9, true, null],
      ['API_KEY', 9, false, 'guard'],
      ['NODE_FLAGS', 9, false, null],
      ['EXEC_ARG', 10, false, null],
    ]);
  });

  it('a variable only the container command uses is read there, not "set but not read"', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, workspaces: ['packages/*'] }),
      'packages/server/package.json': JSON.stringify({ name: 'server', private: true }),
      'packages/server/src/main.ts': 'export const port = Number(process.env.SERVER_PORT) || 3001;\n',
      'packages/server/Dockerfile.server': 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD if [ "$ENVIRONMENT" = "development" ]; then \\\n  npx prisma migrate deploy; \\\nfi && npx tsx ./src/main.ts\n',
      'docker-compose.yaml': 'services:\n  server:\n    build:\n      context: ./packages/server\n      dockerfile: Dockerfile.server\n    env_file:\n      - .env\n',
      '.env.example': 'ENVIRONMENT=development\nSERVER_PORT=3001\nUNUSED_THING=1\n',
    });
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    expect(env.get('ENVIRONMENT')!.reads.map((r) => [r.file, r.lines])).toEqual([['packages/server/Dockerfile.server', [4]]]);
    const md = (await section(configurationStep, root)).markdown;
    const notRead = md.split('not read by the code')[1] ?? '';
    expect(notRead).not.toContain('`ENVIRONMENT`');
    expect(notRead).toContain('`UNUSED_THING`');
    expect(md).toContain('`/packages/server/Dockerfile.server:4`');
  });

  it("the Dockerfile's own ENV, in a stage the CMD's stage is built from, sets what the CMD reads (r25, fullstack-template)", async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*'] }),
      'package-lock.json': '{}',
      'apps/admin/package.json': JSON.stringify({ name: '@repo/admin', private: true, scripts: { start: 'next start' } }),
      'apps/admin/src/page.ts': 'export const x = 1;\n',
      'apps/admin/Dockerfile': [
        'FROM node:22-alpine AS base',
        'ENV SCOPE=@repo/admin',
        'ENV APP_PATH=apps/admin',
        'FROM base AS builder',
        'WORKDIR /app',
        'COPY . .',
        'RUN npx turbo prune --scope=${SCOPE} --docker',
        'FROM node:22-alpine AS other',
        'ENV OTHER=1',
        'FROM base AS runner',
        'WORKDIR /app',
        'COPY --from=builder /app/${APP_PATH}/.next/standalone ./',
        'CMD node ${APP_PATH}/server.js $OTHER',
        '',
      ].join('\n'),
    });
    const md = (await section(configurationStep, root)).markdown;
    const row = (name: string) => md.split('\n').find((l) => l.startsWith(`| \`${name}\``)) ?? '';
    expect(row('APP_PATH')).toContain('Dockerfile `ENV` `/apps/admin/Dockerfile:3`');
    expect(row('OTHER')).not.toContain('`/apps/admin/Dockerfile:9`');
  });

  it('an ENV reaches its stage and the stages built from it; an ARG only the build steps of its stage', () => {
    const text = ['FROM node AS base', 'ENV A=1', 'ARG B=1', 'RUN echo $B', 'FROM base AS runner', 'RUN echo $B', 'CMD echo $A $B', 'FROM node', 'CMD echo $A'].join('\n');
    expect(dockerfileSetReaches(text, 2, 7, 'dockerfile')).toBe(true);
    expect(dockerfileSetReaches(text, 2, 9, 'dockerfile')).toBe(false);
    expect(dockerfileSetReaches(text, 3, 4, 'dockerfile-arg')).toBe(true);
    expect(dockerfileSetReaches(text, 3, 6, 'dockerfile-arg')).toBe(false);
    expect(dockerfileSetReaches(text, 3, 7, 'dockerfile-arg')).toBe(false);
  });
});
