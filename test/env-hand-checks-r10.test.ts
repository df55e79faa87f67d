/**
 * Env facts hand checks on Hydrogen (Oxygen) and Vercel Commerce found wrong: the Worker `interface Env` in env.d.ts
 * declares names, Remix's `context.env.X` is a read, CI `run:` commands set variables (`X=… cmd`,
 * `echo X=… >> $GITHUB_ENV`), and a destructured `const { X } = process.env` keeps the fallback its uses give.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf, section } from './helpers/fixture.js';

const modelOf = async (root: string) => RepoModel.of(new Analysis(await indexOf(root)));
const worker = "export default {\n  async fetch(request: Request, env: Env): Promise<Response> {\n    return new Response(env.PRIVATE_TOKEN + env.MY_KV);\n  },\n};\n";

describe('the Worker `interface Env` in a .d.ts', () => {
  it('declares its string-typed members, not its bindings', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'shop', private: true }),
      'server.ts': worker,
      'env.d.ts': 'declare global {\n  interface Env {\n    PRIVATE_TOKEN: string;\n    MY_KV: KVNamespace;\n  }\n}\nexport {};\n',
    });
    const env = (await modelOf(root)).env();
    expect(env.get('PRIVATE_TOKEN')?.sets.map((s) => [s.kind, s.at.file, s.at.line])).toEqual([['type', 'env.d.ts', 3]]);
    expect(env.get('MY_KV')?.sets ?? []).toEqual([]);
  });
});

describe("Remix/Hydrogen's load context", () => {
  const root = () =>
    tempRepo({
      'package.json': JSON.stringify({ name: 'shop', private: true, dependencies: { '@remix-run/react': '^2.0.0' } }),
      'server.ts': worker,
      'app/entry.server.tsx': [
        "import type {AppLoadContext, EntryContext} from '@shopify/remix-oxygen';",
        'export default async function handleRequest(request: Request, status: number, headers: Headers, remix: EntryContext, context: AppLoadContext) {',
        '  return new Response(context.env.CHECKOUT_DOMAIN);',
        '}',
        '',
      ].join('\n'),
      'app/root.tsx': [
        "import type {LoaderFunctionArgs, AppLoadContext} from '@shopify/remix-oxygen';",
        'export async function loader({request, context}: LoaderFunctionArgs) {',
        '  const {storefront, env} = context;',
        '  return {id: env.STOREFRONT_ID, other: await more(context)};',
        '}',
        'async function more({env}: AppLoadContext) {',
        '  return env.SHOP_ID;',
        '}',
        '',
      ].join('\n'),
      'app/routes/x.tsx': 'export const action = async ({context}) => context.env.ACTION_KEY;\n',
      'app/lib/utils.ts': 'export function parse(url: string, env: Env) {\n  return url === env.STORE_DOMAIN;\n}\n',
      // A `context` that is no load context stays unread.
      'app/lib/other.ts': 'export function run(context: { env: Record<string, string> }) {\n  return context.env.NOT_ENV;\n}\n',
    });

  it('reads context.env.X in handleRequest, loaders, actions, `{ env }` of the context and a parameter typed Env', async () => {
    const env = (await modelOf(root())).env();
    const at = (name: string) => env.get(name)?.reads.map((r) => `${r.file}:${r.lines[0]}`);
    expect(at('CHECKOUT_DOMAIN')).toEqual(['app/entry.server.tsx:3']);
    expect(at('STOREFRONT_ID')).toEqual(['app/root.tsx:4']);
    expect(at('SHOP_ID')).toEqual(['app/root.tsx:7']);
    expect(at('ACTION_KEY')).toEqual(['app/routes/x.tsx:1']);
    expect(at('STORE_DOMAIN')).toEqual(['app/lib/utils.ts:2']);
    expect(env.get('NOT_ENV')).toBeUndefined();
  });
});

describe('CI run: commands that set variables', () => {
  it('records `X=… cmd` in a composite action and `echo "X=…" >> $GITHUB_ENV` as CI sets, names only', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'shop', private: true, devDependencies: { '@playwright/test': '^1.40.0' } }),
      'playwright.config.ts': "export default { use: { baseURL: process.env.URL, extraHTTPHeaders: { 'x-bypass': process.env.AUTH_BYPASS_TOKEN } } };\nexport const deployed = process.env.DEPLOYMENT_URL;\n",
      '.github/actions/e2e/action.yml': [
        'name: e2e',
        'inputs:',
        '  url:',
        '    required: true',
        'runs:',
        '  using: composite',
        '  steps:',
        '    - name: Run tests',
        "      shell: 'bash'",
        '      run: URL=${{ inputs.url }} AUTH_BYPASS_TOKEN=${{ inputs.token }} npx playwright test',
        '',
      ].join('\n'),
      '.github/workflows/deploy.yml': [
        'name: deploy',
        'on: push',
        'jobs:',
        '  deploy:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - name: Publish',
        '        run: |',
        '          npx deploy --token "${{ secrets.DEPLOY_TOKEN }}"',
        '          echo "DEPLOYMENT_URL=$(jq -r .url log.json)" >> $GITHUB_ENV',
        '      - uses: ./.github/actions/e2e',
        '',
      ].join('\n'),
    });
    const env = (await modelOf(root)).env();
    const ci = (name: string) => env.get(name)?.sets.filter((s) => s.kind === 'ci').map((s) => `${s.at.file}:${s.at.line}`);
    expect(ci('URL')).toEqual(['.github/actions/e2e/action.yml:10']);
    expect(ci('AUTH_BYPASS_TOKEN')).toEqual(['.github/actions/e2e/action.yml:10']);
    expect(ci('DEPLOYMENT_URL')).toEqual(['.github/workflows/deploy.yml:10']);
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).not.toMatch(/`(URL|AUTH_BYPASS_TOKEN|DEPLOYMENT_URL)`[^\n]*set nowhere/);
  });
});

describe('a destructured process.env binding with the fallback at its uses', () => {
  it('has a fallback when every use in the scope gives one, and not when one use does not', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'site', private: true }),
      'src/footer.ts': [
        'const { COMPANY_NAME, SITE_NAME, API_TOKEN } = process.env;',
        'export function footer() {',
        "  const name = COMPANY_NAME || SITE_NAME || '';",
        '  return name + API_TOKEN;',
        '}',
        'export const other = () => API_TOKEN ?? "x";',
        '',
      ].join('\n'),
    });
    const env = (await modelOf(root)).env();
    const fallback = (name: string) => env.get(name)?.reads.map((r) => r.hasFallback);
    expect(fallback('COMPANY_NAME')).toEqual([true]);
    expect(fallback('SITE_NAME')).toEqual([true]);
    expect(fallback('API_TOKEN')).toEqual([false]);
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).not.toMatch(/`(COMPANY_NAME|SITE_NAME)`[^\n]*without a fallback/);
  });
});
