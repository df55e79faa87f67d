/**
 * Hand-check round 21 (0xhdghg/Stablebooks): scripts read env through `optionalEnv(name)` (value or null) and give the
 * default where they call it (`optionalEnv('X') ?? 'x'`, `this.readOptionalString('X') || 'x'`), chained
 * (`optionalEnv('A') ?? optionalEnv('B') ?? 'x'`) or on the next line; `?? null` is no default.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf } from './helpers/fixture.js';

describe('a default given to an env helper call\'s result', () => {
  it('`optionalEnv(\'X\') ?? default` and `this.readOptionalString(\'X\') || default` have a fallback', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'scripts/bootstrap.js': [
        'function readConfig() {',
        '  return {',
        '    web:',
        "      optionalEnv('PRIMARY_WEB_URL') ??",
        "      optionalEnv('SECOND_WEB_URL') ??",
        "      'https://example.test',",
        "    name: optionalEnv('ORG_NAME') ?? 'Org',",
        "    label: optionalEnv('LABEL')?.trim() ?? 'x',",
        "    memo: optionalEnv('MEMO'),",
        "    tag: optionalEnv('TAG')?.toUpperCase() ?? null,",
        "    other: base || optionalEnv('LAST_RESORT'),",
        '  };',
        '}',
        'function optionalEnv(name) {',
        '  const value = process.env[name]?.trim();',
        '  return value ? value : null;',
        '}',
        'module.exports = { readConfig };',
        '',
      ].join('\n'),
      'src/arc-config.service.ts': [
        'export class ArcConfig {',
        '  key() {',
        "    return this.readOptionalString('DEV_INGEST_KEY') || 'dev-key';",
        '  }',
        '  url() {',
        "    return this.readOptionalString('RPC_URL');",
        '  }',
        '  private readOptionalString(name: string) {',
        '    const value = process.env[name]?.trim();',
        '    return value ? value : null;',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    const fallback = (name: string) => env.get(name)!.reads.filter((r) => r.file !== undefined).map((r) => r.hasFallback);
    for (const name of ['PRIMARY_WEB_URL', 'SECOND_WEB_URL', 'ORG_NAME', 'LABEL', 'DEV_INGEST_KEY']) expect(fallback(name), name).toEqual([true]);
    for (const name of ['MEMO', 'TAG', 'LAST_RESORT', 'RPC_URL']) expect(fallback(name), name).toEqual([false]);
  });
});

describe('an environment passed to a local function that spawns with it', () => {
  it('the keys of the object literal a caller passes are set for the child (names only)', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'scripts/rehearsal.js': [
        "const { spawn } = require('node:child_process');",
        "const { bootstrap } = require('./bootstrap');",
        'async function main(flow) {',
        "  const b = await bootstrap();",
        "  await runNodeScript('smoke.js', b.smokeEnv);",
        "  await runNodeScript('smoke.js', {",
        '    ...b.smokeEnv,',
        '    SMOKE_INVOICE_ID: flow.invoiceId,',
        '    ...(flow.txHash ? { SMOKE_TX_HASH: flow.txHash } : {}),',
        '  });',
        '}',
        'function runNodeScript(scriptPath, env) {',
        '  return spawn(process.execPath, [scriptPath], { env: { ...process.env, ...env } });',
        '}',
        'main({});',
        '',
      ].join('\n'),
      'scripts/smoke.js': "const id = process.env.SMOKE_INVOICE_ID;\nconst tx = process.env.SMOKE_TX_HASH;\nconsole.log(id, tx, process.env.SMOKE_OTHER, process.env.SMOKE_API_BASE_URL);\n",
      'scripts/bootstrap.js': [
        'async function bootstrap() {',
        '  return {',
        '    operator: { email: "a@b.c" },',
        '    smokeEnv: {',
        '      SMOKE_API_BASE_URL: config.apiBaseUrl,',
        '      nested: { SMOKE_OTHER: 1 },',
        '    },',
        '  };',
        '}',
        'module.exports = { bootstrap };',
        '',
      ].join('\n'),
    });
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    const sets = (name: string) => (env.get(name)?.sets ?? []).map((s) => `${s.at.file}:${s.at.line}`);
    expect(sets('SMOKE_INVOICE_ID')).toEqual(['scripts/rehearsal.js:8']);
    expect(sets('SMOKE_TX_HASH')).toEqual(['scripts/rehearsal.js:9']);
    // `b.smokeEnv`, built in the module the file requires: its keys one level deep, cited where they are written.
    expect(sets('SMOKE_API_BASE_URL')).toEqual(['scripts/bootstrap.js:5']);
    expect(sets('SMOKE_OTHER')).toEqual([]);
  });
});
