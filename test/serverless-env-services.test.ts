import { describe, expect, it } from 'vitest';
import { configurationStep } from '../src/steps/08-configuration.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const manifest = (name: string) => JSON.stringify({ name, private: true, devDependencies: { serverless: '^3.0.0' } });

/**
 * Two Serverless services in one repository: `orders` sets ORDERS_TABLE and BUS_NAME for its functions; `billing`
 * sets only INVOICE_TABLE, yet its code reads BUS_NAME too (with no fallback), which its functions never get.
 */
function twoServices(extra: Record<string, string> = {}): string {
  return tempRepo({
    'package.json': JSON.stringify({ name: 'shop', private: true }),
    'orders/package.json': manifest('orders'),
    'orders/serverless.yml': [
      'service: orders',
      'provider:',
      '  name: aws',
      '  runtime: nodejs20.x',
      '  environment:',
      '    ORDERS_TABLE: orders',
      '    BUS_NAME: bus',
      'functions:',
      '  create:',
      '    handler: src/create.handler',
    ].join('\n'),
    'orders/src/create.mjs': 'export const handler = async () => [process.env.ORDERS_TABLE, process.env.BUS_NAME];\n',
    'billing/package.json': manifest('billing'),
    'billing/serverless.yml': [
      'service: billing',
      'provider:',
      '  name: aws',
      '  runtime: nodejs20.x',
      'functions:',
      '  charge:',
      '    handler: src/charge.handler',
      '    environment:',
      '      INVOICE_TABLE: invoices',
    ].join('\n'),
    'billing/src/charge.mjs': 'export const handler = async () => [process.env.INVOICE_TABLE, process.env.BUS_NAME];\n',
    ...extra,
  });
}

/** A row of a package's table in step 8: the line naming the variable after the package's heading. */
function row(markdown: string, pkg: string, name: string): string {
  const block = markdown.slice(markdown.indexOf(`#### ${pkg}`));
  return block.split('\n').find((l) => l.startsWith(`| \`${name}\` |`)) ?? '';
}

describe('Serverless environment reaches its own service only', () => {
  it("does not show one service's environment as set for another service's code", async () => {
    const root = twoServices();
    const s = await section(configurationStep, root);
    expect(row(s.markdown, 'orders', 'BUS_NAME')).toMatch(/Serverless function env[^|]*`\/orders\/serverless\.yml:7`/);
    const billing = row(s.markdown, 'billing', 'BUS_NAME');
    expect(billing).not.toMatch(/Serverless function env/);
    // Not "set nowhere" either: said to be another service's, with where.
    expect(billing).toMatch(/only another service's functions get it `\/orders\/serverless\.yml:7`/);
    expect(row(s.markdown, 'billing', 'INVOICE_TABLE')).toMatch(/Serverless function env of `charge` `\/billing\/serverless\.yml:9`/);
    expect(missingCitations(s.markdown, await indexOf(root))).toEqual([]);
    const w = await section(workflowsStep, root);
    expect(w.markdown).not.toMatch(/BUS_NAME[^\n]*set nowhere/);
  });

  it('a service at the repository root still serves all code', async () => {
    const root = tempRepo({
      'package.json': manifest('api'),
      'serverless.yml': ['service: api', 'provider:', '  name: aws', '  environment:', '    TABLE: t', 'functions:', '  get:', '    handler: lib/get.handler'].join('\n'),
      'lib/get.mjs': "import { table } from '../shared/db.mjs';\nexport const handler = async () => table;\n",
      'shared/db.mjs': 'export const table = process.env.TABLE;\n',
    });
    const s = await section(configurationStep, root);
    expect(s.markdown).toMatch(/\| `TABLE` \|[^\n]*Serverless function env[^\n]*`\/serverless\.yml:5`/);
  });
});

describe('Serverless environment and the code a handler imports', () => {
  it("reaches a shared module outside the service's folder that its handler imports", async () => {
    const root = twoServices({
      'billing/src/charge.mjs': "import { bus } from '../../shared/bus.mjs';\nexport const handler = async () => [process.env.INVOICE_TABLE, bus];\n",
      'shared/bus.mjs': 'export const bus = process.env.INVOICE_TABLE;\n',
    });
    const s = await section(configurationStep, root);
    expect(row(s.markdown, 'shop', 'INVOICE_TABLE')).toMatch(/Serverless function env of `charge` `\/billing\/serverless\.yml:9`/);
  });
});

describe('serverless-dotenv-plugin: a bulk source outside the repository for its service', () => {
  const plugin = {
    'billing/serverless.yml': [
      'service: billing',
      'useDotenv: true',
      'plugins:',
      '  - serverless-dotenv-plugin',
      'provider:',
      '  name: aws',
      '  runtime: nodejs20.x',
      'functions:',
      '  charge:',
      '    handler: src/charge.handler',
      '    environment:',
      '      INVOICE_TABLE: invoices',
    ].join('\n'),
    'billing/src/charge.mjs': 'export const handler = async () => [process.env.INVOICE_TABLE, process.env.BUS_NAME, process.env.STRIPE_MODE];\n',
    '.gitignore': '.env\n',
  };

  it('says a variable the service reads may come from the .env the plugin injects, never "set nowhere"', async () => {
    const root = twoServices(plugin);
    const w = await section(workflowsStep, root);
    expect(w.markdown).toMatch(/`STRIPE_MODE` — read without a fallback[^\n]*may come from the uncommitted `\.env` that serverless-dotenv-plugin injects \(`\/billing\/serverless\.yml:4`\)/);
    expect(w.markdown).not.toMatch(/STRIPE_MODE[^\n]*set nowhere/);
    const s = await section(configurationStep, root);
    expect(row(s.markdown, 'billing', 'STRIPE_MODE')).toMatch(/maybe `\.env` via serverless-dotenv-plugin `\/billing\/serverless\.yml:4`/);
    expect(row(s.markdown, 'billing', 'BUS_NAME')).toMatch(/maybe `\.env` via serverless-dotenv-plugin `\/billing\/serverless\.yml:4`; only another service's functions get it `\/orders\/serverless\.yml:7`/);
    expect(s.markdown).toMatch(/- serverless-dotenv-plugin `\.env` for that service's functions — `\/billing\/serverless\.yml:4`/);
    expect(missingCitations(s.markdown, await indexOf(root))).toEqual([]);
    expect(missingCitations(w.markdown, await indexOf(root))).toEqual([]);
  });

  it('does not reach another service, and useDotenv alone injects nothing into the functions', async () => {
    const root = twoServices({
      ...plugin,
      'orders/serverless.yml': ['service: orders', 'useDotenv: true', 'provider:', '  name: aws', 'functions:', '  create:', '    handler: src/create.handler'].join('\n'),
      'orders/src/create.mjs': 'export const handler = async () => process.env.ORDERS_MODE;\n',
    });
    const w = await section(workflowsStep, root);
    expect(w.markdown).toMatch(/`ORDERS_MODE` — read without a fallback[^\n]*\*\*set nowhere in the repository\*\*/);
  });
});
