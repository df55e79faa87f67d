/**
 * Dependencies loaded by name at run time (round 16: pino-pretty as a pino transport in three repositories, ts-node
 * preloaded by nodemon.json in express-typescript-skeleton) were listed "not imported in source".
 */
import { describe, expect, it } from 'vitest';
import { preloadedPackages } from '../src/detectors/integrations/runtime-refs.js';
import { STEPS } from '../src/steps/registry.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const rowOf = (markdown: string, name: string) => markdown.split('\n').find((l) => l.startsWith(`| \`${name}\``)) ?? '';

describe('dependencies loaded by name at run time', () => {
  const root = tempRepo({
    'package.json': JSON.stringify({
      name: 'api',
      private: true,
      scripts: { start: 'node --import tsx/esm src/index.ts', 'start:debug': 'cross-env NODE_ENV=dev node -r dotenv/config dist/index.js', deploy: 'cdk deploy --require-approval never' },
      dependencies: { pino: '^9.0.0', 'pino-pretty': '^11.0.0', tsx: '^4.0.0', dotenv: '^16.0.0', 'left-pad': '1.3.0' },
      devDependencies: { 'ts-node': '^10.0.0', 'tsconfig-paths': '^4.0.0' },
    }),
    'nodemon.json': JSON.stringify({ exec: 'node --inspect=0.0.0.0:9229 -r ts-node/register -r tsconfig-paths/register ./src/index.ts' }),
    'src/logger.ts': "import pino from 'pino';\n\nexport const logger = pino({\n  transport: {\n    target: 'pino-pretty',\n  },\n});\n",
    'src/index.ts': "import { logger } from './logger';\nlogger.info('up');\n",
  });

  it('says where each is loaded instead of "not imported in source"', async () => {
    const { markdown } = await section(STEPS[9]!.definition, root);
    expect(rowOf(markdown, 'pino-pretty')).toContain('used in `/src/logger.ts`');
    expect(rowOf(markdown, 'tsx')).toContain('used in `/package.json`');
    expect(rowOf(markdown, 'dotenv')).toContain('used in `/package.json`');
    expect(rowOf(markdown, 'left-pad')).toContain('not imported in source');
    expect(missingCitations(markdown, await indexOf(root))).toEqual([]);
  });

  it('reads preloads only after a Node runner, never from another tool\'s flags', () => {
    expect(preloadedPackages('node --inspect -r ts-node/register -r tsconfig-paths/register ./src/index.ts')).toEqual(['ts-node', 'tsconfig-paths']);
    expect(preloadedPackages('NODE_ENV=test mocha --require @babel/register test/')).toEqual(['@babel/register']);
    expect(preloadedPackages('npm run build && node --loader=ts-node/esm src/a.ts')).toEqual(['ts-node']);
    expect(preloadedPackages('cdk deploy --require-approval never')).toEqual([]);
    expect(preloadedPackages("jq -r '.recommendations[]' x.json")).toEqual([]);
    expect(preloadedPackages('node -r ./setup.js index.js')).toEqual([]);
  });
});
