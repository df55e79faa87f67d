/**
 * Env facts a hand check on hackathon-starter found wrong: a fallback after a pure conversion
 * (`parseInt(process.env.X, 10) || 200`) is a fallback; a bare `_KEY` / `_SKEY` name looks secret; an example dotenv
 * file the code loads itself (`process.loadEnvFile('.env.example')`) is filled in, not copied to a `.env` never read.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf, section } from './helpers/fixture.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { dotenvLoads } from '../src/detectors/env/dotenv-loads.js';
import { envReadsInText } from '../src/detectors/env/reads-text.js';

const modelOf = async (root: string) => RepoModel.of(new Analysis(await indexOf(root)));

describe('a fallback after a pure conversion of the read', () => {
  it('is a fallback: parseInt(…) ||, Number(…) ??, +x ||, String(x ?? d), x?.trim() ||', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'app.js': [
        'const a = parseInt(process.env.RATE_LIMIT_GLOBAL, 10) || 200;',
        'const b = Number.parseInt(process.env.RATE_LIMIT_LOGIN) || 10;',
        'const c = Number(process.env.TIMEOUT_MS) ?? 3000;',
        'const d = parseFloat(process.env.RATIO) || 0.5;',
        'const e = +process.env.WORKERS || 1;',
        'const f = String(process.env.MODE ?? "dev");',
        'const g = process.env.HOST?.trim() || "localhost";',
        // Still no fallback: the conversion's result is used as is.
        'const h = parseInt(process.env.BARE_PORT, 10);',
        'module.exports = { a, b, c, d, e, f, g, h };',
        '',
      ].join('\n'),
    });
    const env = (await modelOf(root)).env();
    for (const n of ['RATE_LIMIT_GLOBAL', 'RATE_LIMIT_LOGIN', 'TIMEOUT_MS', 'RATIO', 'WORKERS', 'MODE', 'HOST']) expect([n, env.get(n)?.reads.map((r) => r.hasFallback)]).toEqual([n, [true]]);
    expect(env.get('BARE_PORT')?.reads.map((r) => r.hasFallback)).toEqual([false]);
  });

  it('is a fallback in markup read as text too', () => {
    const reads = envReadsInText('<p>{parseInt(process.env.PAGE_SIZE, 10) || 20} {parseInt(process.env.LIMIT)}</p>');
    expect(reads.map((r) => [r.name, r.fallback])).toEqual([['PAGE_SIZE', true], ['LIMIT', false]]);
  });
});

describe('a bare _KEY / _SKEY name', () => {
  it('is secret in the model, as `_API_KEY` is', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'api.js': "const stripe = require('stripe')(process.env.STRIPE_SKEY);\nmodule.exports = [stripe, process.env.NYT_KEY, process.env.STRIPE_PKEY_PUBLIC, process.env.CACHE_KEY];\n",
    });
    const env = (await modelOf(root)).env();
    expect(env.get('STRIPE_SKEY')?.secret).toBe(true);
    expect(env.get('NYT_KEY')?.secret).toBe(true);
    expect(env.get('CACHE_KEY')?.secret).toBe(false);
  });

  it("step 8's provider line says secret for STRIPE_SKEY, public for STRIPE_PKEY, and names only the providers present", async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { stripe: '^14.0.0' } }),
      'api.js': "const stripe = require('stripe')(process.env.STRIPE_SKEY);\nmodule.exports = [stripe, process.env.STRIPE_PKEY];\n",
    });
    const step8 = (await section(configurationStep, root)).markdown;
    expect(step8).toContain('**Stripe keys and ids** (details in step 10): `STRIPE_PKEY` (public client key), `STRIPE_SKEY` (secret).');
  });
});

describe('a dotenv file the code loads by an explicit path', () => {
  it('finds loadEnvFile and dotenv.config({ path }) forms, not computed or default ones', () => {
    const text = [
      "process.loadEnvFile('.env.example');",
      "require('dotenv').config({ path: path.join(__dirname, '..', 'config/.env') });",
      "dotenv.config({ override: true, path: '.env.local' });",
      'dotenv.config();',
      'dotenv.config({ path: `.env.${mode}` });',
      'process.loadEnvFile();',
      '',
    ].join('\n');
    expect(dotenvLoads(text).map((l) => [l.how, l.path, l.fromFile, l.line])).toEqual([
      ['loadEnvFile', '.env.example', false, 1],
      ['dotenv', '../config/.env', true, 2],
      ['dotenv', '.env.local', false, 3],
    ]);
  });

  for (const load of ["process.loadEnvFile('.env.example');", "require('dotenv').config({ path: '.env.example' });"]) {
    it(`tells to fill in the example the app loads (${load.slice(0, 24)}…), not to copy it to .env`, async () => {
      const root = tempRepo({
        'package.json': JSON.stringify({ name: 'app', private: true, scripts: { start: 'node app.js' }, dependencies: { dotenv: '^16.0.0' } }),
        'package-lock.json': '{}',
        '.env.example': 'SESSION_SECRET=change-me\n',
        'app.js': `${load}\nconsole.log(process.env.SESSION_SECRET);\n`,
      });
      const step9 = (await section(workflowsStep, root)).markdown;
      expect(step9).toContain('**Environment:** fill in values in `/.env.example` — the code loads that file itself (`/app.js:1`)');
      expect(step9).not.toContain('→ `.env`');
    });
  }

  it('still copies the example when only a setup script reads it to write .env (round 22, hono-practice)', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, scripts: { start: 'node app.js', setup: 'node scripts/setup-ports.js' } }),
      'package-lock.json': '{}',
      '.env.example': '# copy to .env\nSESSION_SECRET=change-me\n',
      'app.js': "require('dotenv').config();\nconsole.log(process.env.SESSION_SECRET);\n",
      'scripts/setup-ports.js': [
        "const fs = require('fs');",
        'function loadEnvFile(p) { return fs.existsSync(p) ? fs.readFileSync(p, "utf8") : ""; }',
        "const example = loadEnvFile('.env.example');",
        "fs.writeFileSync('.env', example);",
      ].join('\n'),
    });
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).toContain('**Environment:** copy `/.env.example` → `.env` and fill in values');
    expect(step9).not.toContain('so a copy would not be read');
  });

  it('still copies the example when only a test setup loads it', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, scripts: { start: 'node app.js' } }),
      'package-lock.json': '{}',
      '.env.example': 'SESSION_SECRET=change-me\n',
      'app.js': "require('dotenv').config();\nconsole.log(process.env.SESSION_SECRET);\n",
      'test/setup.js': "process.loadEnvFile('.env.example');\n",
    });
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).toContain('**Environment:** copy `/.env.example` → `.env` and fill in values');
  });
});
