import { describe, expect, it } from 'vitest';
import { configurationStep } from '../src/steps/08-configuration.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const json = (x: unknown) => JSON.stringify(x, null, 2);
const app = (name: string) => json({ name, private: true, scripts: { dev: 'nest start --watch' }, dependencies: { '@shared/env': '*' } });

// An app that calls a loader it imports from a shared env package reads the variables of that loader's schema: its
// table says so. A loader given its own object, or declared beside several schemas, ties the app to nothing.
describe('variables an app reads through a shared env package', () => {
  it('are named under the app, from the schema of the loader it calls', async () => {
    const root = tempRepo({
      'package.json': json({ name: 'mono', private: true, workspaces: ['apps/*', 'libs/*'] }),
      'package-lock.json': '{}',
      'libs/env/package.json': json({ name: '@shared/env', private: true, main: './src/index.ts', dependencies: { zod: '^3.0.0' } }),
      'libs/env/src/index.ts': "export * from './gateway';\nexport * from './both';\n",
      'libs/env/src/gateway.ts': "import { z } from 'zod';\nexport const gatewaySchema = z\n  .object({\n    PORT: z.coerce.number().default(3001),\n    JWT_SECRET: z.string(),\n  });\nexport function loadGatewayEnv(env = process.env) {\n  return gatewaySchema.parse(env);\n}\n",
      'libs/env/src/both.ts': "import { z } from 'zod';\nconst a = z.object({ A_URL: z.string() });\nconst b = z.object({ B_URL: z.string() });\nexport const loadBoth = () => [a.parse(process.env), b.parse(process.env)];\n",
      'apps/gateway/package.json': app('@app/gateway'),
      'apps/gateway/src/config.ts': "import { loadGatewayEnv } from '@shared/env';\nexport const config = () => {\n  return loadGatewayEnv();\n};\nexport const url = process.env.DATABASE_URL;\n",
      'apps/other/package.json': app('@app/other'),
      'apps/other/src/config.ts': "import { loadGatewayEnv, loadBoth } from '@shared/env';\nexport const fixed = loadGatewayEnv({ PORT: '1', JWT_SECRET: 'x' });\nexport const both = loadBoth();\n",
    });
    const md = (await section(configurationStep, root)).markdown;
    expect(md).toContain('Also read through `@shared/env`: `JWT_SECRET`, `PORT` — `loadGatewayEnv()`, called at `/apps/gateway/src/config.ts:3`, parses them with the schema in `/libs/env/src/gateway.ts` (their rows are in the `@shared/env` table).');
    expect(md.match(/Also read through/g)).toHaveLength(1);
    expect(md).not.toContain('/apps/other/src/config.ts');
    expect(md).not.toMatch(/Also read through[^\n]*A_URL/);
  });
});
