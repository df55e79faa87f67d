/**
 * Settings read through a framework's accessor (`this.env.get(EnvKey.X)`, `get` from a package): step 8 said
 * "7 variables read by the code" and step 9 "step 8 lists every variable" on a real app that reads four more this way.
 */
import { describe, expect, it } from 'vitest';
import { configurationStep } from '../src/steps/08-configuration.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

function repo(): string {
  return tempRepo({
    'package.json': JSON.stringify({ name: 'api', dependencies: { '@acme/koa-framework': '1.0.0' } }),
    'src/start.ts': "if (process.env.NODE_ENV === 'production') console.log('prod');\nexport const port = process.env.PORT;\n",
    'src/env/appEnv.provider.ts': [
      "import { AbstractEnv } from '@acme/koa-framework';",
      "export enum AppEnvKey { CORE_SYSTEM_ID = 'CORE_SYSTEM_ID' }",
      'export class AppEnv extends AbstractEnv {}',
    ].join('\n'),
    'src/app.service.ts': [
      "import { EnvKey } from '@acme/koa-framework/common';",
      "import { AppEnvKey } from './env/appEnv.provider';",
      'export class AppService {',
      '  constructor(private env: { get(k: string): string }) {}',
      '  id() {',
      '    return this.env.get(',
      '      AppEnvKey.CORE_SYSTEM_ID',
      '    ) + this.env.get(EnvKey.MONGODB_CORE_DBNAME);',
      '  }',
      '}',
    ].join('\n'),
  });
}

describe('settings read through a framework accessor', () => {
  it('step 8 lists the accessor calls and counts only names read by name', async () => {
    const root = repo();
    const md = (await section(configurationStep, root)).markdown;
    expect(md).toContain('2 variables read by name in the code in 1 package; the code also reads settings through an accessor the map does not follow (2 calls, listed below)');
    expect(md).toContain('**Read through a settings accessor**');
    expect(md).toContain('`this.env.get(AppEnvKey.CORE_SYSTEM_ID)` — `/src/app.service.ts:7`');
    expect(md).toContain('`this.env.get(EnvKey.MONGODB_CORE_DBNAME)` — `/src/app.service.ts:8`');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });

  it('step 9 does not say step 8 lists every variable', async () => {
    const md = (await section(workflowsStep, repo())).markdown;
    expect(md).not.toContain('step 8 lists every variable with where it is read and set');
    expect(md).toContain('step 8 lists every variable read by name, with where it is read and set, and the reads it could not name');
  });
});
