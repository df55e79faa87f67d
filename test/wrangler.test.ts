import { describe, expect, it } from 'vitest';
import { otherInfraDetector, type InfraFunctionData, type InfraProjectData, type InfraResourceData } from '../src/detectors/other-infra/index.js';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { readToml } from '../src/scan/toml.js';
import { detect, section } from './helpers/fixture.js';

const data = <T>(facts: Awaited<ReturnType<typeof detect>>, kind: string) => facts.filter((f) => f.kind === kind).map((f) => f.data as T);

describe('TOML reader', () => {
  it('reads tables, arrays of tables, dotted and quoted keys, inline tables, multi-line arrays and strings, with lines', () => {
    const doc = readToml(['name = "api" # c', 'routes = [', '  { pattern = "a/*" },', '  "b/*",', ']', '', '[vars]', '"A.B" = \'x\'', '', '[[d1_databases]]', 'binding = "DB"', '[[d1_databases]]', 'binding = "DB2"', '[env.prod.vars]', 'X = """', 'multi"""'].join('\n'));
    expect(doc.root).toEqual({
      name: 'api',
      routes: [{ pattern: 'a/*' }, 'b/*'],
      vars: { 'A.B': 'x' },
      d1_databases: [{ binding: 'DB' }, { binding: 'DB2' }],
      env: { prod: { vars: { X: 'multi' } } },
    });
    expect([doc.lines.get('routes'), doc.lines.get('vars.A.B'), doc.lines.get('d1_databases.1'), doc.lines.get('env.prod.vars.X')]).toEqual([2, 8, 12, 15]);
  });
});

describe('Cloudflare Wrangler', () => {
  it('maps the Worker, its triggers, the names of its vars and its bindings from wrangler.toml and wrangler.jsonc', async () => {
    const facts = await detect(otherInfraDetector, 'infra-wrangler');
    expect(data<InfraProjectData>(facts, 'infra.project').map((p) => [p.name, p.runtime, p.file])).toEqual([
      ['edge-api', 'Cloudflare Workers', 'apps/api/wrangler.toml'],
      ['edge-web', 'Cloudflare Pages', 'apps/web/wrangler.jsonc'],
    ]);
    expect(data<InfraFunctionData>(facts, 'infra.function')).toEqual([
      expect.objectContaining({
        name: 'edge-api',
        handlerFile: 'apps/api/src/index.ts',
        environment: ['PUBLIC_ORIGIN'],
        triggers: ['cron 0 3 * * *', 'route api.example.com/*', 'queue emails'],
        line: 2,
      }),
    ]);
    expect(data<InfraResourceData>(facts, 'infra.resource').map((r) => [r.type, r.name, r.detail ?? '', r.file, r.line])).toEqual([
      ['D1 database', 'DB', 'database_name: edge-db, migrations: packages/db/drizzle', 'apps/api/wrangler.toml', 9],
      ['KV namespace', 'SESSIONS', '', 'apps/api/wrangler.toml', 15],
      ['Pages build output', './dist', '', 'apps/web/wrangler.jsonc', 4],
      ['R2 bucket', 'UPLOADS', 'bucket_name: edge-uploads', 'apps/web/wrangler.jsonc', 6],
    ]);
  });

  it('step 6 shows them instead of "not mapped here", and never a var value', async () => {
    const md = (await section(infrastructureStep, 'infra-wrangler')).markdown;
    expect(md).not.toContain('is mapped here');
    expect(md).toContain('### Cloudflare Workers (Wrangler)');
    expect(md).toContain('| `D1 database` | `DB` (database_name: edge-db, migrations: packages/db/drizzle) | `/apps/api/wrangler.toml:9` |');
    expect(md).toContain('as `env.<NAME>`');
    expect(md).not.toContain('https://example.com');
  });
});

describe('Cloudflare Worker deployment', () => {
  it('step 9 names `wrangler deploy` for the Worker (not for the Pages project)', async () => {
    const { workflowsStep } = await import('../src/steps/09-workflows.js');
    const md = (await section(workflowsStep, 'infra-wrangler')).markdown;
    expect(md).toContain('- `cd apps/api && wrangler deploy` — Cloudflare Worker `/apps/api/wrangler.toml:1`');
    expect(md).not.toMatch(/wrangler deploy[^\n]*apps\/web\/wrangler\.jsonc/);
  });
});
