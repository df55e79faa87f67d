/**
 * Facts a hand check of real repositories found wrong (novel, paddle-nextjs-starter-kit, nestjs-boilerplate), each
 * reproduced in a tiny repository.
 */
import { describe, expect, it } from 'vitest';
import { STEPS } from '../src/steps/registry.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const step = (n: number) => STEPS[n - 1]!.definition;
const json = (o: unknown) => JSON.stringify(o, null, 2);

describe('a workspace package named like the root (novel)', () => {
  const root = tempRepo({
    'package.json': json({ name: 'novel', private: true, scripts: { build: 'turbo build' } }),
    'pnpm-workspace.yaml': 'packages:\n  - "apps/*"\n  - "packages/*"\n',
    'apps/web/package.json': json({ name: 'novel-next-app', dependencies: { novel: 'workspace:^', tsconfig: 'workspace:*', next: '15.0.0' } }),
    'apps/web/app/page.tsx': 'export default function Page() { return null; }\n',
    'packages/headless/package.json': json({ name: 'novel', description: 'An editor.', devDependencies: { tsconfig: 'workspace:*' } }),
    'packages/headless/src/index.ts': 'export const editor = 1;\n',
    'packages/tsconfig/package.json': json({ name: 'tsconfig' }),
  });

  it('keeps the plain name for the workspace package and links the app to it', async () => {
    const { markdown } = await section(step(9), root);
    expect(markdown).toContain('3 links');
    expect(markdown).toMatch(/1\. tsconfig\n2\. novel {3}\(needs tsconfig\)\n3\. novel-next-app {3}\(needs novel, tsconfig\)/);
    expect(markdown).not.toContain('novel (packages/headless)');
    expect(missingCitations(markdown, await indexOf(root))).toEqual([]);
  });

  it('still calls the root by its package.json name', async () => {
    expect((await section(step(2), root)).markdown).toContain('The root package `novel` (`/package.json`)');
  });
});

describe('a Redis store as the only database (novel: @vercel/kv behind @upstash/ratelimit)', () => {
  const root = tempRepo({
    'package.json': json({ name: 'web', dependencies: { next: '15.0.0', '@vercel/kv': '^1.0.1', '@upstash/ratelimit': '^1.0.0' } }),
    'app/api/generate/route.ts': [
      "import { kv } from '@vercel/kv';",
      "import { Ratelimit } from '@upstash/ratelimit';",
      'const ratelimit = new Ratelimit({ redis: kv, limiter: Ratelimit.slidingWindow(50, "1 d") });',
      'export async function POST(req: Request) { await ratelimit.limit("ip"); return new Response("ok"); }',
      '',
    ].join('\n'),
  });

  it('does not say there is no database client in use', async () => {
    const { markdown } = await section(step(4), root);
    expect(markdown).not.toContain('no database client in use');
    expect(markdown).toContain('@vercel/kv');
  });
});

describe('config file summaries (novel, nestjs-boilerplate)', () => {
  const root = tempRepo({
    'package.json': json({ name: 'web', devDependencies: { tailwindcss: '^3.0.0', eslint: '^9.0.0', postcss: '^8.0.0' } }),
    'tailwind.config.ts': [
      'const config = {',
      '  content: ["./app/**/*.tsx"],',
      '  plugins: [require("tailwindcss-animate"), require("@tailwindcss/typography")],',
      '};',
      'export default config;',
      '',
    ].join('\n'),
    'postcss.config.js': 'module.exports = {\n  plugins: {\n    "postcss-import": {},\n    tailwindcss: {},\n    autoprefixer: {},\n  },\n};\n',
    'eslint.config.mjs': [
      "import tsEslintPlugin from '@typescript-eslint/eslint-plugin';",
      "import globals from 'globals';",
      "import tsParser from '@typescript-eslint/parser';",
      "import path from 'node:path';",
      "import js from '@eslint/js';",
      "import { FlatCompat } from '@eslint/eslintrc';",
      'const compat = new FlatCompat({ baseDirectory: path.resolve("."), recommendedConfig: js.configs.recommended });',
      'export default [',
      "  ...compat.extends('plugin:@typescript-eslint/recommended', 'plugin:prettier/recommended'),",
      "  { plugins: { '@typescript-eslint': tsEslintPlugin }, languageOptions: { globals: { ...globals.node }, parser: tsParser } },",
      '];',
      '',
    ].join('\n'),
  });

  it('names the required Tailwind plugins, the PostCSS plugins, and only real ESLint plugins', async () => {
    const { markdown } = await section(step(8), root);
    const row = (file: string) => markdown.split('\n').find((l) => l.startsWith(`| \`/${file}\``)) ?? '';
    expect(row('tailwind.config.ts')).toContain('plugins: tailwindcss-animate, @tailwindcss/typography');
    expect(row('postcss.config.js')).toContain('plugins: postcss-import, tailwindcss, autoprefixer');
    const eslint = row('eslint.config.mjs');
    expect(eslint).toContain('extends plugin:@typescript-eslint/recommended, plugin:prettier/recommended');
    expect(eslint).toContain('plugins @typescript-eslint, prettier');
    expect(eslint).not.toMatch(/globals|node:path|parser|@eslint\/js/);
  });
});

describe('UnoCSS config (astro-theme-typography)', () => {
  it('is a configuration file beside the Tailwind one, in step 2 and step 8, with its presets', async () => {
    const root = tempRepo({
      'package.json': json({ name: 'site', devDependencies: { unocss: '^66.0.0', astro: '^5.0.0' } }),
      'uno.config.js': [
        "import { defineConfig, presetIcons, presetWind3 } from 'unocss'",
        "import presetTheme from 'unocss-preset-theme'",
        'export default defineConfig({',
        '  presets: [presetWind3(), presetIcons({ scale: 1.2 }), presetTheme({ theme: {} })],',
        '  shortcuts: { btn: "px-4 py-1" },',
        '})',
        '',
      ].join('\n'),
    });
    expect((await section(step(2), root)).markdown).toContain('- `/uno.config.js` — UnoCSS');
    const row = (await section(step(8), root)).markdown.split('\n').find((l) => l.startsWith('| `/uno.config.js`')) ?? '';
    expect(row).toContain('| UnoCSS |');
    expect(row).toContain('presets: presetWind3, presetIcons, presetTheme');
  });
});

describe('an installer script that removes the MongoDB code (nestjs-boilerplate)', () => {
  const root = tempRepo({
    'package.json': json({ name: 'api', dependencies: { '@nestjs/core': '^10.0.0', typeorm: '^0.3.0', pg: '^8.0.0' } }),
    'src/main.ts': "import { NestFactory } from '@nestjs/core';\nexport async function bootstrap() { return NestFactory; }\n",
    'src/database/data-source.ts': "import { DataSource } from 'typeorm';\nexport const AppDataSource = new DataSource({ type: 'postgres' });\n",
    'src/utils/supabase/client.ts': "import { createBrowserClient } from '@supabase/ssr';\nexport function createClient() { return createBrowserClient('u', 'k'); }\n",
    '.install-scripts/scripts/remove-mongodb.ts': [
      "import fs from 'fs';",
      'const removeMongoDb = () => {',
      "  const text = 'return new DataSource(options).initialize();';",
      "  fs.writeFileSync('src/database/mongoose-config.service.ts', text);",
      '};',
      'export default removeMongoDb;',
      '',
    ].join('\n'),
  });

  it('is not listed as database client setup; the real data source is', async () => {
    const { markdown } = await section(step(4), root);
    expect(markdown).toContain('| `/src/database/data-source.ts` | client setup |');
    expect(markdown).toContain('| `/src/utils/supabase/client.ts` | client setup |');
    expect(markdown).not.toContain('remove-mongodb');
  });
});

describe('a Server Action guarded by a helper that throws without a session (paddle-nextjs-starter-kit)', () => {
  const root = tempRepo({
    'package.json': json({ name: 'shop', dependencies: { next: '15.0.0', '@supabase/ssr': '^0.5.0' } }),
    'tsconfig.json': json({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./src/*'] } } }),
    'src/app/page.tsx': 'export default function Page() { return null; }\n',
    'src/utils/supabase/server.ts': [
      "import { createServerClient } from '@supabase/ssr';",
      'export function createClient() { return createServerClient("url", "key", { cookies: {} }); }',
      '',
      'export async function validateUserSession() {',
      '  const supabase = createClient();',
      '  const {',
      '    data: { session },',
      '  } = await supabase.auth.getSession();',
      '',
      '  if (!session) {',
      "    throw new Error('You are not allowed to perform this action.');",
      '  }',
      '}',
      '',
    ].join('\n'),
    'src/app/dashboard/actions.ts': [
      "'use server';",
      "import { validateUserSession } from '@/utils/supabase/server';",
      '',
      'export async function cancelSubscription(id: string) {',
      '  try {',
      '    await validateUserSession();',
      '    return { id };',
      '  } catch (e) {',
      "    return { error: 'Something went wrong' };",
      '  }',
      '}',
      '',
      'export async function publicAction() {',
      '  return 1;',
      '}',
      '',
    ].join('\n'),
  });

  it('names the helper as the guard, cited at its definition', async () => {
    const { markdown } = await section(step(3), root);
    const row = (name: string) => markdown.split('\n').find((l) => l.startsWith(`| \`${name}\``)) ?? '';
    expect(row('cancelSubscription')).toContain('validateUserSession()');
    expect(row('cancelSubscription')).toContain('/src/utils/supabase/server.ts:4');
    expect(row('publicAction')).toMatch(/^\| `publicAction` \| — \|/);
    expect(missingCitations(markdown, await indexOf(root))).toEqual([]);
  });
});

describe('a README deploy button (paddle-nextjs-starter-kit)', () => {
  const root = tempRepo({
    'package.json': json({ name: 'shop', scripts: { dev: 'next dev', build: 'next build' }, dependencies: { next: '15.0.0' } }),
    'src/app/page.tsx': 'export default function Page() { return null; }\n',
    'README.md': [
      '# Shop',
      '',
      'A shop.',
      '',
      '### 1. Deploy on Vercel',
      '',
      '[![Deploy with Vercel](https://vercel.com/button)](https://vercel.com/new/clone?repository-url=https%3A%2F%2Fgithub.com%2Fx%2Fshop)',
      '',
    ].join('\n'),
  });

  it('is named as how the app deploys instead of saying nothing deploys it', async () => {
    const { markdown } = await section(step(9), root);
    expect(markdown).not.toContain('No deploy scripts');
    expect(markdown).toContain('a deploy-to-Vercel button in README.md — `/README.md:7`');
    expect(missingCitations(markdown, await indexOf(root))).toEqual([]);
  });
});
