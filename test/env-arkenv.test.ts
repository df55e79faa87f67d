/**
 * arkenv validates `process.env` against an ArkType schema at start-up (`export const env = arkenv({ X: "string" })`,
 * the code then reads `env.X`); `@arkenv/vite-plugin` does the same for the client's variables when Vite starts.
 * Each key is a read cited at its key: required unless optional (`"KEY?"`, `"string?"`) or given a default.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { indexOf } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('arkenv schemas', () => {
  it('reads every key of an arkenv schema, required unless optional or defaulted', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { arkenv: '^0.11.0' }, devDependencies: { '@arkenv/vite-plugin': '^0.0.33', vite: '^7.0.0' } }),
      'src/config/env.ts': [
        "import arkenv from 'arkenv';",
        '',
        'export const env = arkenv({',
        '  JWT_SECRET: "string",',
        '  PORT: "number = 4000",',
        '  "LOG_LEVEL?": "string",',
        '  SENTRY_DSN: "string?",',
        '});',
        '',
      ].join('\n'),
      'src/lib/jwt.ts': "import { env } from '../config/env';\nexport const secret = env.JWT_SECRET;\n",
      'vite.config.ts': [
        'import arkenv from "@arkenv/vite-plugin";',
        'import { type } from "arkenv";',
        'import { defineConfig } from "vite";',
        '',
        'export const Env = type({',
        '  VITE_API_URL: "string.url",',
        '});',
        '',
        'export default defineConfig({ plugins: [arkenv(Env)] });',
        '',
      ].join('\n'),
    });
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    const read = (name: string) => env.get(name)?.reads.map((r) => [r.file, r.lines, r.hasFallback, r.required ?? null]);
    expect(read('JWT_SECRET')).toEqual([['src/config/env.ts', [4], false, 'schema']]);
    expect(read('PORT')).toEqual([['src/config/env.ts', [5], true, null]]);
    expect(read('LOG_LEVEL')).toEqual([['src/config/env.ts', [6], true, null]]);
    expect(read('SENTRY_DSN')).toEqual([['src/config/env.ts', [7], true, null]]);
    expect(read('VITE_API_URL')).toEqual([['vite.config.ts', [6], false, 'schema']]);
    expect(env.get('PORT')!.sets.map((s) => [s.kind, s.at.file, s.at.line])).toEqual([['schema-default', 'src/config/env.ts', 5]]);
  });
});
