import { describe, expect, it } from 'vitest';
import { envDetector, looksSecret, splitComponent, type EnvDeclaredData, type EnvReadData } from '../src/detectors/env/index.js';
import { dotenvNames } from '../src/detectors/env/dotenv.js';
import { detect } from './helpers/fixture.js';

const reads = async () => (await detect(envDetector, 'cfg-env')).filter((f) => f.kind === 'env.read').map((f) => f.data as EnvReadData);
const declared = async () => (await detect(envDetector, 'cfg-env')).filter((f) => f.kind === 'env.declared').map((f) => f.data as EnvDeclaredData);

describe('env detector', () => {
  it('finds every read form: member, string index, destructuring, alias, schema (envalid, zod), import.meta.env', async () => {
    const all = await reads();
    const server = all.filter((r) => r.file === 'apps/api/src/server.ts').map((r) => [r.name, r.via, r.lines[0], r.hasFallback]);
    expect(server).toEqual([
      ['DATABASE_URL', 'process.env', 10, false],
      ['FEATURE_FLAGS', 'process.env', 13, true],
      ['JWT_SECRET', 'schema', 5, false],
      ['LOG_LEVEL', 'destructuring', 11, true],
      ['NODE_ENV', 'destructuring', 11, false],
      ['PORT', 'process.env', 9, true],
      ['REDIS_URL', 'destructuring', 11, false],
      ['SENTRY_DSN', 'schema', 6, true],
    ]);
    expect(all.find((r) => r.name === 'NODE_ENV')?.builtin).toBe(true);
    expect(all.filter((r) => r.file === 'apps/web/src/env.ts').map((r) => [r.name, r.via, r.hasFallback])).toEqual([
      ['ANALYTICS_WRITE_KEY', 'schema', true],
      ['NEXT_PUBLIC_SITE_URL', 'schema', false],
    ]);
    expect(all.find((r) => r.name === 'VITE_API_BASE')).toMatchObject({ package: '@acme/ui', via: 'import.meta.env', hasFallback: true });
    expect(all.find((r) => r.name === 'DEV')).toMatchObject({ builtin: true });
  });

  it('does not count env names inside strings and code samples', async () => {
    const names = (await reads()).map((r) => r.name);
    expect(names).not.toContain('NOT_A_READ_IN_A_STRING');
    expect(names).not.toContain('SNIPPET_ONLY_VAR');
    expect((await reads()).filter((r) => r.file.endsWith('.astro')).map((r) => [r.name, r.lines[0]])).toEqual([
      ['PUBLIC_API_URL', 7],
      ['PUBLIC_GA_ID', 2],
    ]);
  });

  it('reports dynamic reads as unresolved', async () => {
    const dynamic = (await detect(envDetector, 'cfg-env')).filter((f) => f.kind === 'env.dynamic');
    expect(dynamic.map((f) => f.data)).toEqual([{ file: 'apps/api/src/server.ts', line: 23, expression: 'process.env[`${prefix}_URL`]', pattern: '^.*_URL$' }]);
  });

  it('follows env helpers (`process.env[param]` in a named function) to their call sites', async () => {
    const viaHelper = (await reads()).filter((r) => r.via === 'helper').map((r) => [r.name, r.file, r.lines[0]]);
    expect(viaHelper).toEqual([
      ['QUEUE_URL', 'apps/api/src/queue.ts', 3],
      ['TEST_ONLY_FLAG', 'apps/api/src/server.test.ts', 5],
    ]);
  });

  it('reads only names from dotenv files and typed declarations, never values', async () => {
    const list = await declared();
    expect(list.filter((d) => d.file === '.env').map((d) => [d.name, d.line, d.source])).toEqual([
      ['SESSION_SECRET', 1, 'dotenv'],
      ['PRIVATE_KEY', 2, 'dotenv'],
      ['LOG_LEVEL', 5, 'dotenv'],
    ]);
    expect(list.filter((d) => d.file === '.env.example').map((d) => d.name)).toEqual(['DATABASE_URL', 'SESSION_SECRET', 'NEXT_PUBLIC_SITE_URL', 'REDIS_URL']);
    expect(list.filter((d) => d.source === 'type').map((d) => d.name)).toEqual(['PUBLIC_GA_ID', 'PUBLIC_API_URL']);
    const json = JSON.stringify(await detect(envDetector, 'cfg-env'));
    expect(json).not.toContain('fixture-session-value-never-printed');
    expect(json).not.toContain('fixture-line-that-is-not-a-name');
    expect(dotenvNames('A=1\nexport B="x\ny"\n# C=2\nD = 3')).toEqual([
      { name: 'A', line: 1 },
      { name: 'B', line: 2 },
      { name: 'D', line: 5 },
    ]);
    // An `.env.sample` that is a JavaScript module declares nothing by dotenv syntax.
    expect(dotenvNames("module.exports.config = () => ({\n  S3_BUCKET: 'x',\n})")).toEqual([]);
    expect(dotenvNames("export default {\n  API_URL: 'x',\n}")).toEqual([]);
  });

  it('judges secrets by name', () => {
    for (const n of ['POSTGRES_URL', 'MONGODB_URI', 'PADDLE_API_KEY', 'PADDLE_WEBHOOK_SECRET', 'JWT_SECRET', 'DATABASE_URL', 'GITHUB_TOKEN', 'DB_PASSWORD', 'SENTRY_DSN']) expect(looksSecret(n)).toBe(true);
    for (const n of ['API_KEYS_TABLE_NAME', 'USER_POOL_CLIENT_ID', 'VITE_PADDLE_CLIENT_TOKEN', 'STRIPE_PUBLISHABLE_KEY', 'SECRET_ARN', 'LOG_LEVEL', 'JWT_RESET_PASSWORD_EXPIRATION_MINUTES', 'PASSWORD_SALT_ROUNDS', 'SESSION_TOKEN_MAX_AGE']) expect(looksSecret(n)).toBe(false);
    // Flags, modes and periods named after what they switch: not secrets (a credential, a salt or a private key is).
    for (const n of ['EXPOSE_USER_CREDENTIAL_IDS', 'PRIVATE_MODE', 'SALT_ROTATION', 'ENABLE_TOKEN_REFRESH', 'SKIP_PASSWORD_CHECK', 'TOKEN_TTL']) expect(looksSecret(n)).toBe(false);
    for (const n of ['AWS_CREDENTIALS', 'HASH_SALT', 'PRIVATE_KEY', 'CLIENT_SECRET', 'API_TOKEN']) expect(looksSecret(n)).toBe(true);
    // A count of model tokens is a number; a list of tokens is still secret.
    for (const n of ['MAX_TOKENS', 'CHIME_SUMMARY_MAX_TOKENS', 'OPENAI_MAX_OUTPUT_TOKENS', 'NUM_TOKENS']) expect(looksSecret(n)).toBe(false);
    for (const n of ['GITHUB_TOKENS', 'API_TOKENS', 'MAXIMUS_TOKEN']) expect(looksSecret(n)).toBe(true);
    // A KEY word must end: Keycloak's issuer URL is not an auth key; a plural list of keys still is.
    for (const n of ['AUTH_KEYCLOAK_ISSUER', 'AUTH_KEYCLOAK_ID', 'SERVICE_KEYCLOAK_URL']) expect(looksSecret(n)).toBe(false);
    for (const n of ['OPENAI_API_KEYS', 'NEXTAUTH_AUTH_KEY', 'AWS_SECRET_ACCESS_KEY', 'SUPABASE_SERVICE_KEY', 'MEILI_MASTER_KEY']) expect(looksSecret(n)).toBe(true);
    // Keys that bypass access rules, and the key forms that hold a secret; resource names and public keys stay out.
    for (const n of ['SUPABASE_SERVICE_ROLE_KEY', 'SUPABASE_SERVICE_KEY', 'MEILI_MASTER_KEY', 'STRIPE_SECRET_KEY', 'GITHUB_APP_PRIVATE_KEY', 'JWT_SIGNING_KEY']) expect(looksSecret(n)).toBe(true);
    for (const n of ['SERVICE_ROLE_ARN', 'SUPABASE_SERVICE_ROLE_NAME', 'NEXT_PUBLIC_SUPABASE_ANON_KEY_ID', 'DYNAMO_PARTITION_KEY', 'SORT_KEY', 'SUPABASE_PUBLISHABLE_KEY', 'SUPABASE_PUBLIC_KEY', 'USERS_TABLE']) expect(looksSecret(n)).toBe(false);
    // A bare `_KEY` / `_SKEY` is a provider credential like `_API_KEY`; field keys, public keys and browser-shipped names are not.
    for (const n of ['STRIPE_SKEY', 'HUGGINGFACE_KEY', 'LOB_KEY', 'NYT_KEY', 'STEAM_KEY', 'OPENAI_KEY']) expect(looksSecret(n)).toBe(true);
    for (const n of ['CACHE_KEY', 'HASH_KEY', 'RECAPTCHA_SITE_KEY', 'SUPABASE_ANON_KEY', 'GPG_PUB_KEY', 'NEXT_PUBLIC_MAPS_KEY', 'VITE_STRIPE_KEY', 'PUBLIC_POSTHOG_KEY', 'REACT_APP_MAPS_KEY', 'IDEMPOTENCY_KEY']) expect(looksSecret(n)).toBe(false);
  });

  it('keeps line numbers when splitting component files', () => {
    const { script, markup } = splitComponent('---\nconst a = 1;\n---\n<p>{b}</p>\n<script>\nlet c;\n</script>');
    expect(script.split('\n')).toHaveLength(7);
    expect(script.split('\n')[1]).toBe('const a = 1;');
    expect(script.split('\n')[5]).toBe('let c;');
    expect(markup.split('\n')[3]).toBe('<p>{b}</p>');
    expect(markup).not.toContain('const a');
  });
});

describe('fallbacks in a chain', () => {
  it('`a || env.X || b` and `x ?? env.A ?? env.B ?? null` give every read but the last a fallback; the last of `a || env.Y` has none', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'chain', private: true }),
      'src/config.ts': [
        'export const dir = arg || process.env.PROJECT_DIR || process.cwd();',
        'export const otp = flag ?? process.env.NPM_CONFIG_OTP ?? (process.env.PNPM_CONFIG_OTP) ?? null;',
        'export const last = given || process.env.LAST_ONE;',
      ].join('\n'),
    });
    const reads = (await detect(envDetector, root)).map((f) => f.data as EnvReadData).filter((r) => r.file === 'src/config.ts');
    expect(reads.map((r) => [r.name, r.hasFallback]).sort()).toEqual([
      ['LAST_ONE', false],
      ['NPM_CONFIG_OTP', true],
      ['PNPM_CONFIG_OTP', true],
      ['PROJECT_DIR', true],
    ]);
  });
});

describe('runtime-provided variables', () => {
  it("Netlify's distinctive build variables are the platform's, not 'set nowhere'; a generic URL stays the project's", async () => {
    const { runtimeProvider } = await import('../src/detectors/env/runtime.js');
    expect(['COMMIT_REF', 'DEPLOY_PRIME_URL', 'NETLIFY'].map((n) => runtimeProvider(n)?.label)).toEqual(['Netlify', 'Netlify', 'Netlify']);
    expect(runtimeProvider('URL')).toBeUndefined();
    expect(['APPDATA', 'LOCALAPPDATA', 'USERPROFILE'].map((n) => runtimeProvider(n)?.label)).toEqual(Array(3).fill('the shell / operating system'));
  });
});

describe('NestJS ConfigService', () => {
  it("configService.get('JWT_SECRET') and getOrThrow('PORT') are reads; get('X', default) has a fallback; a dotted key is no variable", async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { '@nestjs/config': '^3.0.0', '@nestjs/common': '^10.0.0' } }),
      'src/auth.module.ts': [
        "import { ConfigService } from '@nestjs/config';",
        'export class AuthModule {',
        '  constructor(private readonly configService: ConfigService) {}',
        "  secret() { return this.configService.get<string>('JWT_SECRET'); }",
        "  port() { return this.configService.getOrThrow<number>('PORT'); }",
        "  ttl() { return this.configService.get('JWT_TTL', '1d'); }",
        "  host() { return this.configService.get('database.host'); }",
        '}',
      ].join('\n'),
    });
    const reads = (await detect(envDetector, root)).filter((f) => f.kind === 'env.read').map((f) => f.data as EnvReadData);
    expect(reads.map((r) => [r.name, r.lines[0], r.hasFallback]).sort()).toEqual([
      ['JWT_SECRET', 4, false],
      ['JWT_TTL', 6, true],
      ['PORT', 5, false],
    ]);
  });

  it("a field typed ConfigService is one whatever its name: this.configServie.get<string>('AT_TIME')", async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { '@nestjs/config': '^3.0.0' } }),
      'src/tokens.service.ts': [
        "import { ConfigService } from '@nestjs/config';",
        'export class TokensService {',
        '  constructor(private readonly configServie: ConfigService, private cfg: ConfigService<Record<string, string>, true>) {}',
        "  ttl() { return +this.configServie.get<string>('AT_TIME'); }",
        "  secret() { return this.cfg.getOrThrow<string>('AT_SECRET'); }",
        "  other(map: Map<string, string>) { return map.get('NOT_A_READ'); }",
        '}',
      ].join('\n'),
    });
    const reads = (await detect(envDetector, root)).filter((f) => f.kind === 'env.read').map((f) => f.data as EnvReadData);
    expect(reads.map((r) => [r.name, r.lines[0]]).sort()).toEqual([
      ['AT_SECRET', 5],
      ['AT_TIME', 4],
    ]);
  });
});

describe('a throw the same function catches', () => {
  it('is no requirement: the catch logs it and the code goes on; a catch that throws again still fails', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true }),
      'src/seed.ts': [
        'export async function seed() {',
        '  try {',
        '    const url = import.meta.env.VITE_SNAPSHOT_URL;',
        "    if (!url) throw new Error('VITE_SNAPSHOT_URL is not set');",
        '    await fetch(url);',
        '  } catch (err) {',
        '    console.error(err);',
        '  }',
        '}',
        'export async function strict() {',
        '  try {',
        "    if (!import.meta.env.VITE_STRICT_URL) throw new Error('unset');",
        '  } catch (err) {',
        '    throw new Error(`wrapped: ${err}`);',
        '  }',
        '}',
      ].join('\n'),
    });
    const reads = (await detect(envDetector, root)).filter((f) => f.kind === 'env.read').map((f) => f.data as EnvReadData);
    expect(reads.map((r) => [r.name, r.hasFallback, r.required ?? null]).sort()).toEqual([
      ['VITE_SNAPSHOT_URL', true, null],
      ['VITE_STRICT_URL', false, 'check'],
    ]);
  });
});

describe('converters with a default', () => {
  it("asString(import.meta.env.X, 'dev') and toNumber(env.Y, 30) have a fallback; parseInt(env.Z, 10) does not", async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true }),
      'src/config.ts': [
        'export const version = asString(import.meta.env.VITE_APP_VERSION, "dev");',
        'export const limit = toNumber(process.env.PAGE_LIMIT, 30);',
        'export const port = parseInt(process.env.PORT_NUMBER, 10);',
        'declare function asString(v: unknown, d: string): string;',
        'declare function toNumber(v: unknown, d: number): number;',
      ].join('\n'),
    });
    const reads = (await detect(envDetector, root)).filter((f) => f.kind === 'env.read').map((f) => f.data as EnvReadData);
    expect(reads.map((r) => [r.name, r.hasFallback]).sort()).toEqual([
      ['PAGE_LIMIT', true],
      ['PORT_NUMBER', false],
      ['VITE_APP_VERSION', true],
    ]);
  });
});

describe('a local helper that returns the default it is given', () => {
  it('parseNumberOr(process.env.X, 3) has a fallback when this file defines parseNumberOr to return it; a helper that does not, or one not seen, gives none', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'svc', private: true }),
      'src/call.ts': [
        'const parseNumberOr = (value: string | undefined, fallback: number) => {',
        '  const parsed = Number(value);',
        '  return Number.isFinite(parsed) ? parsed : fallback;',
        '};',
        'function pick(value: string | undefined, other: string) { return value ?? other; }',
        'function tag(value: string | undefined, label: string) { return `${label}:${value}`; }',
        'import { join } from "node:path";',
        'export const attempts = Math.max(1, Math.floor(parseNumberOr(process.env.RETRY_ATTEMPTS, 3)));',
        'export const region = pick(process.env.PICK_REGION, "us-east-1");',
        'export const label = tag(process.env.TAG_NAME, "x");',
        'export const home = join(process.env.HOME_DIR, ".cfg");',
      ].join('\n'),
    });
    const reads = (await detect(envDetector, root)).filter((f) => f.kind === 'env.read').map((f) => f.data as EnvReadData);
    expect(reads.map((r) => [r.name, r.hasFallback]).sort()).toEqual([
      ['HOME_DIR', false],
      ['PICK_REGION', true],
      ['RETRY_ATTEMPTS', true],
      ['TAG_NAME', false],
    ]);
  });
});

describe('Dockerfile build steps', () => {
  it('a RUN that exports a variable (from a build secret) sets it for the build', async () => {
    const { dockerfileEnv } = await import('../src/detectors/env/sets-dockerfile.js');
    const text = [
      'FROM node:20 AS build',
      'RUN --mount=type=secret,id=SENTRY_AUTH_TOKEN \\',
      '    export SENTRY_AUTH_TOKEN=$(cat /run/secrets/SENTRY_AUTH_TOKEN) && \\',
      '    npm run build',
      'RUN echo "NOT_A_SET=1" > /dev/null',
      'ENV PORT=3000',
    ].join('\n');
    expect(dockerfileEnv('other/Dockerfile', text).map((s) => `${s.name}:${s.line}:${s.kind}`)).toEqual(['SENTRY_AUTH_TOKEN:2:dockerfile-arg', 'PORT:6:dockerfile']);
  });
});

describe('Python reads', () => {
  it('os.environ["X"] fails when unset (KeyError); a prefixed computed name may be any variable with that prefix', async () => {
    const { pythonEnv } = await import('../src/detectors/env/reads-text.js');
    const text = [
      'import os',
      'TABLE = os.environ["SESSIONS_TABLE_NAME"]',
      'REGION = os.environ.get("AWS_REGION", "us-east-1")',
      'def handler(event, context):',
      '    key = os.environ["OPENAI_API_KEY"]',
      '    endpoint = os.getenv("SAGEMAKER_ENDPOINT_" + event["model"])',
      '    os.environ["SEEN"] = "1"',
    ].join('\n');
    const env = pythonEnv(text);
    expect(env.reads.map((r) => `${r.name}:${r.required ?? '-'}:${r.fallback}`)).toEqual(['SESSIONS_TABLE_NAME:guard:false', 'AWS_REGION:-:true', 'OPENAI_API_KEY:check:false']);
    expect(env.dynamic.map((d) => `${d.line}:${d.pattern}`)).toEqual(['6:^SAGEMAKER_ENDPOINT_']);
    expect(env.assigned.map((a) => a.name)).toEqual(['SEEN']);
  });
});

describe('a fallback the code gives away from the read', () => {
  it('a read passed to a function of the file whose parameter copes (`value ?? fallback`, a switch default), a holder tested by a property, a variable the code set just before', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'svc', private: true }),
      'src/call.ts': [
        'const createBase = (value: string | undefined, fallback: string) => {',
        '  try { return new URL(value ?? fallback); } catch { return new URL(fallback); }',
        '};',
        'const parseLevel = (value: string | undefined) => {',
        '  switch (value?.toLowerCase()) {',
        '    case "info": return 1;',
        '    default: return 0;',
        '  }',
        '};',
        'const strictLevel = (value: string | undefined) => {',
        '  switch (value) {',
        '    case "info": return 1;',
        '    default: throw new Error("bad");',
        '  }',
        '};',
        'function tag(value: string | undefined, label: string) { return `${label}:${value}`; }',
        'export const base = createBase(process.env.PUBLIC_APP_URL ?? process.env.APP_URL, "http://localhost:3000");',
        'export const level = parseLevel(process.env.LOG_LEVEL);',
        'export const strict = strictLevel(process.env.STRICT_LEVEL);',
        'export const label = tag(process.env.TAG_NAME, "x");',
        'const defaults = ["http://localhost"];',
        'export const origins = () => {',
        '  const configured = process.env.ALLOWED_ORIGINS?.split(",").filter(Boolean);',
        '  return configured?.length ? configured : defaults;',
        '};',
        'export const bare = () => {',
        '  const configured = process.env.BARE_ORIGINS?.split(",");',
        '  return configured?.length ? configured : [];',
        '};',
        'export function setup() {',
        '  process.env.E2E_DB_URL = process.env.E2E_DB_URL ?? "postgres://localhost/e2e";',
        '  process.env.DATABASE_URL = process.env.E2E_DB_URL;',
        '  process.env.OTHER_URL = process.env.LATE_URL;',
        '  process.env.LATE_URL = "x";',
        '}',
      ].join('\n'),
    });
    const reads = (await detect(envDetector, root)).filter((f) => f.kind === 'env.read').map((f) => f.data as EnvReadData);
    expect(reads.map((r) => [r.name, r.hasFallback]).sort()).toEqual([
      ['ALLOWED_ORIGINS', true],
      ['APP_URL', true],
      ['BARE_ORIGINS', true],
      ['E2E_DB_URL', true],
      ['LATE_URL', false],
      ['LOG_LEVEL', true],
      ['PUBLIC_APP_URL', true],
      ['STRICT_LEVEL', false],
      ['TAG_NAME', false],
    ]);
  });
});
