/**
 * Hand-check round 21 (0x00webs/iot-fota-platform, a vendored Supabase docker setup): compose sets variables that
 * the repository's own runtime files name — `System.get_env("X")` in Elixir, `{$X}` in a Caddyfile, `$X` in a YAML
 * template an entrypoint fills. No reader of the map follows them, but "not read" must not be said of those names.
 */
import { describe, expect, it } from 'vitest';
import { configurationStep } from '../src/steps/08-configuration.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const COMPOSE = [
  'services:',
  '  pooler:',
  '    image: supabase/supavisor',
  '    environment:',
  '      POOLER_TENANT_ID: ${POOLER_TENANT_ID}',
  '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}',
  '  caddy:',
  '    image: caddy:2',
  '    environment:',
  '      PROXY_AUTH_PASSWORD: ${DASHBOARD_PASSWORD}',
  '  kong:',
  '    image: kong',
  '    environment:',
  '      DASHBOARD_PASSWORD: ${DASHBOARD_PASSWORD}',
  '      UNUSED_TOKEN_SECRET: ${UNUSED_TOKEN_SECRET}',
  '      S3_SECRET_KEY: ${S3_SECRET_KEY}',
  '',
].join('\n');

describe('variables named in files no env reader follows', () => {
  it('are listed where they are named, never as "not read"', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'stack', private: true }),
      'src/index.ts': 'export const port = process.env.PORT;\nexport const all = process.env[String(port)];\n',
      'docker-compose.yml': COMPOSE,
      '.env.example': 'POOLER_TENANT_ID=t\nPOSTGRES_PASSWORD=x\nDASHBOARD_PASSWORD=y\nUNUSED_TOKEN_SECRET=z\n',
      'volumes/pooler/pooler.exs': '{:ok, _} = Application.ensure_all_started(:supavisor)\n%{\n  "external_id" => System.get_env("POOLER_TENANT_ID"),\n  "password" => System.get_env("POSTGRES_PASSWORD")\n}\n',
      'volumes/proxy/caddy/Caddyfile': '{$PROXY_DOMAIN} {\n  basic_auth {\n    admin {$PROXY_AUTH_PASSWORD}\n  }\n}\n',
      'volumes/api/kong.yml': 'basicauth_credentials:\n  - consumer: DASHBOARD\n    password: $DASHBOARD_PASSWORD\n',
      // A test script that takes the value from .env by its bare name: no `$X` the script reader follows.
      'tests/test-s3.sh': "#!/bin/sh\nKEY=$(grep '^S3_SECRET_KEY=' .env | cut -d= -f2)\necho \"$KEY\" | wc -c\n",
      // Prose only: a changelog naming a variable is no reader of it.
      'CHANGELOG.md': '- rotate UNUSED_TOKEN_SECRET\n',
    });
    const md = (await section(configurationStep, root)).markdown;
    const named = md.split('#### Set or declared, and named in code the env reader does not follow')[1]?.split('####')[0] ?? '';
    expect(named).toMatch(/\| `POSTGRES_PASSWORD` \|[^\n]*`\/volumes\/pooler\/pooler\.exs:4`/);
    expect(named).toMatch(/\| `POOLER_TENANT_ID` \|[^\n]*`\/volumes\/pooler\/pooler\.exs:3`/);
    expect(named).toMatch(/\| `PROXY_AUTH_PASSWORD` \|[^\n]*`\/volumes\/proxy\/caddy\/Caddyfile:3`/);
    expect(named).toMatch(/\| `DASHBOARD_PASSWORD` \|[^\n]*`\/volumes\/api\/kong\.yml:3`/);
    expect(named).toMatch(/\| `S3_SECRET_KEY` \|[^\n]*`\/tests\/test-s3\.sh:2`/);
    // The one no file names stays "not read by name"; the others are not counted with it.
    const unread = (md.split('#### Set or declared, and not read by name')[1] ?? '').split('**Read by a computed name**')[0];
    expect(unread).toContain('`UNUSED_TOKEN_SECRET`');
    for (const name of ['POSTGRES_PASSWORD', 'PROXY_AUTH_PASSWORD', 'DASHBOARD_PASSWORD', 'POOLER_TENANT_ID']) expect(unread).not.toContain(`\`${name}\``);
    expect(md).toContain('1 more secret-looking variable is set or declared but not read by name');
    expect(md).toMatch(/\d+ more secret-looking variables are named in files or code the map's env readers do not follow/);
    expect(md).toContain('1 variable read by the code the map follows');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });
});
