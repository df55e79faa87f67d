/**
 * Hand-check round 17 (el-ground/serverless-fullstack-starter): a dotenv template named `dot-env-template` declares
 * the variables the server reads, and a Dockerfile reads `$HOME` in `WORKDIR $HOME/app`.
 */
import { describe, expect, it } from 'vitest';
import { envDetector, type EnvDeclaredData } from '../src/detectors/env/index.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { dockerfileReads } from '../src/detectors/env/reads-dockerfile.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('dotenv templates named without `.env`', () => {
  it('reads `dot-env-template`, `dotenv.example` and `.env-sample` when every line is NAME=value', async () => {
    const root = tempRepo({
      'src/keys.ts': 'export const keys = [process.env.VAPID_KEY_PUBLIC, process.env.AUTH_KEY, process.env.MAIL_FROM, process.env.LOG_LEVEL];\n',
      'dot-env-template': '# fill environment variables!\nVAPID_KEY_PUBLIC=\nAUTH_KEY=\n',
      'config/dotenv.example': 'export MAIL_FROM=a@b.c\n',
      'web/.env-sample': 'LOG_LEVEL=info\n',
      // Named like a template but prose: not a dotenv file.
      'docs/env-template': 'Copy this file and set VAPID_KEY_PUBLIC to your key.\n',
    });
    const declared = (await detect(envDetector, root)).filter((f) => f.kind === 'env.declared').map((f) => f.data as EnvDeclaredData);
    expect(declared.map((d) => `${d.name} ${d.file}:${d.line} ${d.source}`).sort()).toEqual([
      'AUTH_KEY dot-env-template:3 example',
      'LOG_LEVEL web/.env-sample:1 example',
      'MAIL_FROM config/dotenv.example:1 example',
      'VAPID_KEY_PUBLIC dot-env-template:2 example',
    ]);
    const md = (await section(configurationStep, root)).markdown;
    expect(md).toContain('`/dot-env-template:2`');
    expect(md).not.toContain('set nowhere');
  });
});

describe('Dockerfile instructions the builder expands', () => {
  it('WORKDIR, COPY, USER, EXPOSE and VOLUME read what the Dockerfile declares (only that, as RUN does)', () => {
    const reads = dockerfileReads([
      'FROM node:20-slim',
      'ARG USERNAME=app',
      'ENV HOME /user/$USERNAME',
      'ARG PORT=8080',
      'WORKDIR $HOME/app',
      'COPY --chown=${USERNAME} . ${HOME}/src',
      'USER $USERNAME',
      'EXPOSE $PORT',
      'VOLUME ["$HOME/data"]',
      'WORKDIR $UNDECLARED/x',
      '',
    ].join('\n'));
    expect(reads.map((r) => `${r.name}:${r.line}`)).toEqual(['HOME:5', 'USERNAME:6', 'HOME:6', 'USERNAME:7', 'PORT:8', 'HOME:9']);
  });

  it('a variable set by ENV and used in WORKDIR is not "set and not read by name"', async () => {
    const root = tempRepo({
      Dockerfile: 'FROM node:20-slim\nENV HOME /user/app\nWORKDIR $HOME/app\nCOPY . .\nCMD ["node", "index.js"]\n',
    });
    const md = (await section(configurationStep, root)).markdown;
    expect(md).not.toMatch(/\| `HOME` \| Dockerfile `ENV`/);
    expect(md).toContain('`/Dockerfile:3`');
  });
});
