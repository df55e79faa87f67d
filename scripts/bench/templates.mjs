// File templates for the synthetic monorepo (see generate.mjs). Each function returns [path, text] pairs; the text
// is realistic enough that every detector has something to find, and varies with the package name.
import { infraFiles, serviceFiles } from './templates-backend.mjs';
import { siteFiles, webFiles } from './templates-frontend.mjs';
import { json, packageJson, pascal } from './util.mjs';

export function rootFiles() {
  return [
    ['package.json', json({
      name: 'acme-platform',
      private: true,
      workspaces: ['packages/*'],
      scripts: { build: 'npm run build --workspaces --if-present', test: 'npm test --workspaces --if-present', lint: 'eslint .' },
      devDependencies: { typescript: '^5.6.2', eslint: '^8.57.0', vitest: '^2.1.1', prettier: '^3.3.3' },
    })],
    ['README.md', '# Acme platform\n\nA synthetic monorepo used to benchmark project-context: CDK apps, Lambda services, React\ndashboards, Astro sites and SDKs in npm workspaces.\n\n## Getting started\n\n```sh\nnpm install\nnpm test\n```\n'],
    ['tsconfig.base.json', json({ compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true, skipLibCheck: true } })],
    ['.gitignore', 'node_modules\ndist\ncdk.out\n.env\n'],
    ['.nvmrc', '20\n'],
  ];
}

export function packageFiles(ctx) {
  switch (ctx.kind) {
    case 'infra':
      return infraFiles(ctx);
    case 'service':
      return serviceFiles(ctx);
    case 'web':
      return webFiles(ctx);
    case 'site':
      return siteFiles(ctx);
    case 'sdk':
      return sdkFiles(ctx);
    default:
      return libFiles(ctx);
  }
}

function sdkFiles(ctx) {
  const Client = `${pascal(ctx.name)}Client`;
  const resources = ctx.words.slice(ctx.index % 7, (ctx.index % 7) + 8);
  const files = [
    ['package.json', packageJson(ctx, { main: 'dist/index.js', types: 'dist/index.d.ts', scripts: { build: 'tsup', test: 'vitest run' }, devDependencies: { tsup: '^8.0.0' } })],
    ['tsconfig.json', json({ extends: '../../tsconfig.base.json', include: ['src'] })],
    ['tsup.config.ts', "import { defineConfig } from 'tsup';\n\nexport default defineConfig({ entry: ['src/index.ts'], format: ['esm', 'cjs'], dts: true });\n"],
    ['README.md', `# ${ctx.scope}/${ctx.name}\n\n\`\`\`ts\nimport { ${Client} } from '${ctx.scope}/${ctx.name}';\n\nconst client = new ${Client}({ apiKey: 'sk_test_123' });\nawait client.${resources[0]}.list();\n\`\`\`\n`],
    ['src/index.ts', `export { ${Client} } from './client.js';\nexport * from './types.js';\nexport * from './errors.js';\n`],
    ['src/errors.ts', `export class ${Client}Error extends Error {\n  constructor(message: string, readonly status: number, readonly code: string) {\n    super(message);\n    this.name = '${Client}Error';\n  }\n}\n`],
    ['src/types.ts', resources.map((r) => `export interface ${pascal(r)} {\n  id: string;\n  name: string;\n  createdAt: number;\n}\n`).join('\n')],
    ['src/client.ts', [
      `import { ${Client}Error } from './errors.js';`,
      ...resources.map((r) => `import { ${pascal(r)}Resource } from './resources/${r}.js';`),
      '',
      `export interface ${Client}Options {\n  apiKey: string;\n  baseUrl?: string;\n  timeoutMs?: number;\n}`,
      '',
      `/** Entry point of the ${ctx.name} API. */`,
      `export class ${Client} {`,
      ...resources.map((r) => `  readonly ${r}: ${pascal(r)}Resource;`),
      `  constructor(private readonly options: ${Client}Options) {`,
      `    if (!options.apiKey) throw new ${Client}Error('apiKey is required', 0, 'config');`,
      ...resources.map((r) => `    this.${r} = new ${pascal(r)}Resource(this);`),
      '  }',
      '',
      '  async request<T>(method: string, path: string, body?: unknown): Promise<T> {',
      "    const res = await fetch(`${this.options.baseUrl ?? 'https://api.example.com'}${path}`, {",
      "      method, headers: { authorization: `Bearer ${this.options.apiKey}`, 'content-type': 'application/json' },",
      '      body: body === undefined ? undefined : JSON.stringify(body),',
      '    });',
      `    if (!res.ok) throw new ${Client}Error(res.statusText, res.status, 'http');`,
      '    return (await res.json()) as T;',
      '  }',
      '}',
      '',
    ].join('\n')],
    ['test/client.test.ts', `import { describe, expect, it } from 'vitest';\nimport { ${Client} } from '../src/client.js';\n\ndescribe('${Client}', () => {\n  it('needs an api key', () => {\n    expect(() => new ${Client}({ apiKey: '' })).toThrow();\n  });\n});\n`],
  ];
  for (const r of resources) {
    files.push([`src/resources/${r}.ts`, [
      `import type { ${Client} } from '../client.js';`,
      `import type { ${pascal(r)} } from '../types.js';`,
      '',
      `export class ${pascal(r)}Resource {`,
      `  constructor(private readonly client: ${Client}) {}`,
      `  list(): Promise<${pascal(r)}[]> {\n    return this.client.request('GET', '/v1/${r}');\n  }`,
      `  get(id: string): Promise<${pascal(r)}> {\n    return this.client.request('GET', \`/v1/${r}/\${encodeURIComponent(id)}\`);\n  }`,
      `  create(input: Omit<${pascal(r)}, 'id' | 'createdAt'>): Promise<${pascal(r)}> {\n    return this.client.request('POST', '/v1/${r}', input);\n  }`,
      `  delete(id: string): Promise<void> {\n    return this.client.request('DELETE', \`/v1/${r}/\${encodeURIComponent(id)}\`);\n  }`,
      '}',
      '',
    ].join('\n')]);
  }
  return files;
}

function libFiles(ctx) {
  const files = [
    ['package.json', packageJson(ctx, { main: 'src/index.ts', scripts: { test: 'vitest run', typecheck: 'tsc --noEmit' }, dependencies: { zod: '^3.23.0' } })],
    ['tsconfig.json', json({ extends: '../../tsconfig.base.json', include: ['src', 'test'] })],
  ];
  const exports = [];
  for (let i = 0; i < 30; i++) {
    const w = ctx.words[(ctx.index + i) % ctx.words.length];
    const fn = `${w}${pascal(ctx.name)}${i}`;
    exports.push(`export * from './utils/${w}-${i}.js';`);
    files.push([`src/utils/${w}-${i}.ts`, utility(fn, w, i)]);
    if (i % 3 === 0) files.push([`test/${w}-${i}.test.ts`, `import { describe, expect, it } from 'vitest';\nimport { ${fn} } from '../src/utils/${w}-${i}.js';\n\ndescribe('${fn}', () => {\n  it('keeps the order', () => {\n    expect(${fn}([{ id: 'b', weight: 2 }, { id: 'a', weight: 1 }]).map((x) => x.id)).toEqual(['a', 'b']);\n  });\n});\n`]);
  }
  for (let i = 0; i < 10; i++) {
    const w = ctx.words[(ctx.index * 3 + i) % ctx.words.length];
    files.push([`src/types/${w}-${i}.ts`, `import { z } from 'zod';\n\nexport const ${pascal(w)}${i}Schema = z.object({\n  id: z.string().uuid(),\n  name: z.string().min(1).max(200),\n  tags: z.array(z.string()).default([]),\n  createdAt: z.number().int(),\n});\n\nexport type ${pascal(w)}${i} = z.infer<typeof ${pascal(w)}${i}Schema>;\n`]);
    exports.push(`export * from './types/${w}-${i}.js';`);
    files.push([`fixtures/${w}-${i}.json`, json({ items: Array.from({ length: 12 }, (_, k) => ({ id: `${w}-${k}`, name: `${w} ${k}`, tags: [w], createdAt: 1700000000 + k })) })]);
  }
  files.push(['src/index.ts', `${exports.join('\n')}\n`]);
  files.push(['README.md', `# ${ctx.scope}/${ctx.name}\n\nShared helpers for ${ctx.name.split('-')[0]}: sorting, grouping and validation.\n`]);
  return files;
}

function utility(fn, w, i) {
  return `/** Sorting and grouping helpers for ${w} records (variant ${i}). */
export interface Weighted {
  id: string;
  weight: number;
}

export function ${fn}<T extends Weighted>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.weight - b.weight || a.id.localeCompare(b.id));
}

export function group${pascal(w)}${i}<T extends Weighted>(items: readonly T[], size = ${(i % 5) + 2}): T[][] {
  const out: T[][] = [];
  for (let k = 0; k < items.length; k += size) out.push(items.slice(k, k + size));
  return out;
}

export const ${w.toUpperCase()}_${i}_LIMIT = ${100 + i * 7};

export function clamp${pascal(w)}${i}(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(${w.toUpperCase()}_${i}_LIMIT, Math.max(0, Math.round(value)));
}
${Array.from({ length: 2 + (i % 7) }, (_, k) => helper(w, i, k)).join('')}`;
}

/** More body for a utility file, so that files have a realistic size (about 2-4 KB). */
function helper(w, i, k) {
  const name = `${w}Summary${i}x${k}`;
  return `
/**
 * Summarises ${w} records into buckets of ${k + 2}; records without a weight count as zero. Used by the reports
 * service and the dashboard's overview page.
 */
export function ${name}(records: readonly { id: string; weight?: number; tags?: string[] }[]): Map<string, number> {
  const buckets = new Map<string, number>();
  for (const record of records) {
    const key = record.tags?.[0] ?? 'untagged';
    const weight = typeof record.weight === 'number' && Number.isFinite(record.weight) ? record.weight : 0;
    buckets.set(key, (buckets.get(key) ?? 0) + Math.floor(weight / ${k + 2}));
  }
  return new Map([...buckets].sort(([a], [b]) => a.localeCompare(b)));
}
`;
}

export function adr(i, w) {
  return `# ${String(i + 1).padStart(4, '0')}. ${pascal(w)} decision ${i}\n\n## Status\n\nAccepted\n\n## Context\n\nThe ${w} service needed a way to store and query records by tenant.\n\n## Decision\n\nWe use one DynamoDB table per service with a GSI per access pattern.\n\n## Consequences\n\n- Queries are cheap and predictable.\n- New access patterns need a new GSI.\n`;
}

export function workflowFiles(names) {
  const ci = `name: CI\non:\n  pull_request:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 20\n      - run: npm ci\n      - run: npm test\n`;
  const infra = names.filter((n) => n.includes('-infra-'));
  const deploy = `name: Deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n${infra.map((n) => `      - run: npx cdk deploy --all --require-approval never\n        working-directory: packages/${n}\n        env:\n          AWS_REGION: \${{ secrets.AWS_REGION }}\n`).join('')}`;
  const release = `name: Release\non:\n  push:\n    tags: ['v*']\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm run build\n      - run: npm publish --workspaces\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n`;
  return [['.github/workflows/ci.yml', ci], ['.github/workflows/deploy.yml', deploy], ['.github/workflows/release.yml', release]];
}
