/**
 * A schema parsed against a hand-built object of env reads in another module (hand-check round 20: 0xPocket/pocket,
 * the older create-t3-app `env/schema.mjs` + `env/client.mjs`): `clientSchema.safeParse(clientEnv)` with the object
 * `{ X: process.env.X }` and the schema imported. Each key takes the schema's verdict at the parse.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const SCHEMA = (cjs: boolean) =>
  [
    cjs ? 'const { z } = require("zod");' : 'import { z } from "zod";',
    `${cjs ? '' : 'export '}const clientSchema = z.object({`,
    '  NEXT_PUBLIC_NETWORK: z.enum(["mainnet", "localhost"]),',
    '  NEXT_PUBLIC_APP_URL: z.string().url(),',
    '  NEXT_PUBLIC_DEBUG: z.string().optional(),',
    '  NEXT_PUBLIC_PAGE: z.string().default("10"),',
    '  NEXT_PUBLIC_BETA: z.boolean().optional(),',
    '  NEXT_PUBLIC_RENAMED: z.string(),',
    '});',
    `${cjs ? '' : 'export '}const clientEnv = {`,
    '  NEXT_PUBLIC_NETWORK: process.env.NEXT_PUBLIC_NETWORK,',
    '  NEXT_PUBLIC_APP_URL: process.env.NEXT_PUBLIC_APP_URL,',
    '  NEXT_PUBLIC_DEBUG: process.env.NEXT_PUBLIC_DEBUG,',
    '  NEXT_PUBLIC_PAGE: process.env.NEXT_PUBLIC_PAGE,',
    '  NEXT_PUBLIC_BETA: Boolean(process.env.NEXT_PUBLIC_BETA),',
    '  NEXT_PUBLIC_RENAMED: process.env.PUBLIC_SOURCE_NAME,',
    '};',
    cjs ? 'module.exports = { clientSchema, clientEnv };' : '',
    '',
  ].join('\n');

const CLIENT = (cjs: boolean) =>
  [
    cjs ? 'const { clientEnv, clientSchema } = require("./schema");' : 'import { clientEnv, clientSchema } from "./schema.mjs";',
    '',
    'const _clientEnv = clientSchema.safeParse(clientEnv);',
    'if (!_clientEnv.success) throw new Error("Invalid environment variables");',
    cjs ? 'module.exports = { env: _clientEnv.data };' : 'export const env = _clientEnv.data;',
    '',
  ].join('\n');

async function envOf(files: Record<string, string>) {
  const root = tempRepo({ 'web/package.json': '{"name":"web","dependencies":{"next":"14","zod":"3"}}', ...files });
  const env = RepoModel.of(new Analysis(await indexOf(root))).env();
  const at = (name: string, file: string) => env.get(name)?.reads.find((r) => r.file === file);
  return { root, at };
}

describe('a schema parsed against an imported object of env reads', () => {
  for (const cjs of [true, false]) {
    const ext = cjs ? 'js' : 'mjs';
    it(`reads each key at the parse with the schema's verdict (${cjs ? 'CommonJS require' : 'ES modules, no process.env in the parsing file'})`, async () => {
      const client = `web/env/client.${ext}`;
      const { root, at } = await envOf({ [`web/env/schema.${ext}`]: SCHEMA(cjs), [client]: CLIENT(cjs) });
      expect(at('NEXT_PUBLIC_NETWORK', client)).toMatchObject({ lines: [3], hasFallback: false, required: 'schema', requiredAt: 3 });
      expect(at('NEXT_PUBLIC_APP_URL', client)).toMatchObject({ hasFallback: false, required: 'schema' });
      // The variable is the one read in the value, not the key it is renamed to.
      expect(at('PUBLIC_SOURCE_NAME', client)).toMatchObject({ hasFallback: false, required: 'schema' });
      expect(at('NEXT_PUBLIC_DEBUG', client)).toMatchObject({ hasFallback: true });
      expect(at('NEXT_PUBLIC_DEBUG', client)?.required).toBeUndefined();
      expect(at('NEXT_PUBLIC_PAGE', client)).toMatchObject({ hasFallback: true, defaultAt: { file: `web/env/schema.${ext}`, line: 6 } });
      // `Boolean(process.env.X)`: the schema checks the boolean, never whether X is set.
      expect(at('NEXT_PUBLIC_BETA', client)).toBeUndefined();
      const step9 = (await section(workflowsStep, root)).markdown;
      expect(step9).toContain(`\`NEXT_PUBLIC_NETWORK\` — required: startup fails if unset (schema \`/web/env/client.${ext}:3\`)`);
      expect(step9).not.toMatch(/`NEXT_PUBLIC_(NETWORK|APP_URL)` — read without a fallback/);
    });
  }

  it('reads an object of the same file against an imported schema', async () => {
    const schema = SCHEMA(false).replace(/export const clientEnv[\s\S]*$/, '');
    const client = [
      'import { clientSchema } from "./schema";',
      'const clientEnv = {',
      '  NEXT_PUBLIC_NETWORK: process.env.NEXT_PUBLIC_NETWORK,',
      '  NEXT_PUBLIC_DEBUG: process.env.NEXT_PUBLIC_DEBUG,',
      '};',
      'export const env = clientSchema.parse(clientEnv);',
      '',
    ].join('\n');
    const { at } = await envOf({ 'web/env/schema.ts': schema, 'web/env/client.ts': client });
    expect(at('NEXT_PUBLIC_NETWORK', 'web/env/client.ts')).toMatchObject({ hasFallback: false, required: 'schema', requiredAt: 6 });
    expect(at('NEXT_PUBLIC_DEBUG', 'web/env/client.ts')?.required).toBeUndefined();
  });
});
