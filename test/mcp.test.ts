/** The MCP server spoken to over stdio, as Claude Code or Cursor would: the built CLI, the SDK's client. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, PROJECT_ROOT } from './helpers/fixture.js';

const CLI = path.join(PROJECT_ROOT, 'dist/bin/cli.js');

interface FindResult {
  readonly results: { kind: string; title: string; summary: string; citations: string[] }[];
}

async function connect(repo: string): Promise<Client> {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', repo], env, stderr: 'ignore' });
  const client = new Client({ name: 'test', version: '0' });
  await client.connect(transport);
  return client;
}

const find = async (client: Client, args: Record<string, unknown>) => (await client.callTool({ name: 'find', arguments: args })).structuredContent as unknown as FindResult;

describe('project-context mcp', () => {
  let repo: string;
  let client: Client;
  beforeAll(async () => {
    repo = mkdtempSync(path.join(tmpdir(), 'pc-mcp-'));
    cpSync(EXAMPLE, repo, { recursive: true });
    client = await connect(repo);
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    rmSync(repo, { recursive: true, force: true });
  });

  it('lists its tools and the ten sections as resources', async () => {
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(['check', 'find', 'get_section']);
    const resources = (await client.listResources()).resources;
    expect(resources).toHaveLength(10);
    expect(resources[3]).toMatchObject({ uri: 'project-context://section/4', name: 'Step 4 — Database Schema' });
  });

  it('finds where POST /v1/kv/batch is handled', async () => {
    const { results } = await find(client, { query: 'POST /v1/kv/batch' });
    expect(results[0]).toMatchObject({ kind: 'endpoint', title: 'POST /v1/kv/{namespace}/batch' });
    expect(results[0].citations).toContain('/packages/api/src/handlers/kv/batch.ts');
    expect(results[0].citations).toContain('/packages/infrastructure/lib/stacks/api-stack.ts:161');
  }, 60_000);

  it('finds where KV_TABLE_NAME is read and where it is set', async () => {
    const { results } = await find(client, { query: 'KV_TABLE_NAME', kind: 'env' });
    expect(results[0].title).toBe('KV_TABLE_NAME');
    expect(results[0].citations).toContain('/packages/api/src/repositories/kv-repository.ts:12');
    expect(results[0].citations.some((c) => c.startsWith('/packages/infrastructure/lib/stacks/api-stack.ts:'))).toBe(true);
  });

  it('finds where the UsageMetrics table is defined', async () => {
    const { results } = await find(client, { query: 'UsageMetrics' });
    expect(results[0]).toMatchObject({ kind: 'table', title: 'UsageMetrics' });
    expect(results[0].citations[0]).toMatch(/^\/packages\/infrastructure\/lib\/stacks\/database-stack\.ts:\d+$/);
  });

  it('says what it searched when nothing matches, and does not match every route with a parameter', async () => {
    const r = await client.callTool({ name: 'find', arguments: { query: '/orders' } });
    expect((r.structuredContent as unknown as FindResult).results).toEqual([]);
    expect((r.content as { text: string }[])[0].text).toMatch(/^Nothing matches "\/orders"\. Searched \d+ config, \d+ endpoint, \d+ env, /);
  });

  it('returns step 4 with the tables', async () => {
    const r = await client.callTool({ name: 'get_section', arguments: { step: 4 } });
    const text = (r.content as { text: string }[])[0].text;
    expect(text.startsWith('## 4. Database Schema')).toBe(true);
    expect(text).toContain('UsageMetrics');
    const resource = await client.readResource({ uri: 'project-context://section/4' });
    expect((resource.contents[0] as { text: string }).text).toBe(text);
  });

  it('answers bad arguments with an error naming the argument, and keeps serving', async () => {
    const bad = await client.callTool({ name: 'find', arguments: { query: 'x', limit: 500 } });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toMatch(/limit/);
    const badStep = await client.callTool({ name: 'get_section', arguments: { step: 11 } });
    expect(JSON.stringify(badStep.content)).toMatch(/step/);
    expect((await find(client, { query: 'UsageMetrics' })).results[0].kind).toBe('table');
  });

  it('reflects a changed file on the next call, quickly once nothing changed', async () => {
    const stack = path.join(repo, 'packages/infrastructure/lib/stacks/database-stack.ts');
    writeFileSync(stack, readFileSync(stack, 'utf8').replace(/'UsageMetrics'/g, "'UsageCounters'"));
    const after = await find(client, { query: 'UsageCounters' });
    expect(after.results[0]).toMatchObject({ kind: 'table', title: 'UsageCounters' });
    const started = performance.now();
    await find(client, { query: 'UsageCounters' });
    // Generous under a loaded test machine; the README gives the measured times.
    expect(performance.now() - started).toBeLessThan(2000);
  }, 60_000);

  it('reports --check as structured content, and says so plainly when there is no PROJECT-CONTEXT.md', async () => {
    const missing = await client.callTool({ name: 'check', arguments: {} });
    expect(missing.isError).toBe(true);
    expect((missing.content as { text: string }[])[0].text).toMatch(/There is no .*PROJECT-CONTEXT\.md to check/);
    const run = spawnSync(process.execPath, [CLI, repo, '--yes'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const r = await client.callTool({ name: 'check', arguments: {} });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ current: true });
  }, 60_000);
});
