/**
 * Cypress strips the `CYPRESS_` prefix: `Cypress.env('user')` reads `CYPRESS_user`, and the config's
 * `env: { user: … }` gives its default. A compose service setting `CYPRESS_user` is then read, not "not read".
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const repo = () =>
  tempRepo({
    'package.json': JSON.stringify({ name: 'app', private: true, devDependencies: { cypress: '^13.0.0' } }),
    'cypress.config.ts': "import { defineConfig } from 'cypress';\n\nexport default defineConfig({\n  e2e: { baseUrl: 'http://localhost:3000' },\n  env: {\n    app_user: 'admin',\n  },\n});\n",
    'cypress/e2e/login.cy.ts': "describe('login', () => {\n  it('logs in', () => {\n    cy.login(Cypress.env('app_user'), Cypress.env('app_password'));\n    Cypress.env('authorization', 'bearer x');\n    cy.request({ headers: { Authorization: Cypress.env('authorization') } });\n  });\n});\n",
    'cypress/docker-compose.yml': 'services:\n  cypress:\n    image: cypress/included:13.6.0\n    environment:\n      - CYPRESS_app_user=admin\n      - CYPRESS_app_password=secret\n',
  });

describe('Cypress env', () => {
  it('reads CYPRESS_x through Cypress.env(x); the config env and a two-argument call set it', async () => {
    const root = repo();
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    expect(env.get('CYPRESS_app_user')!.reads.map((r) => [r.file, r.lines[0], r.via])).toEqual([['cypress/e2e/login.cy.ts', 3, 'Cypress.env']]);
    expect(env.get('CYPRESS_app_password')!.reads.map((r) => r.file)).toEqual(['cypress/e2e/login.cy.ts']);
    expect(env.get('CYPRESS_app_user')!.sets.map((s) => [s.kind, s.at.file, s.at.line])).toContainEqual(['framework-config', 'cypress.config.ts', 6]);
    expect(env.get('CYPRESS_authorization')!.sets.map((s) => [s.kind, s.at.file, s.at.line])).toEqual([['code', 'cypress/e2e/login.cy.ts', 4]]);
    const step8 = (await section(configurationStep, root)).markdown;
    const unread = step8.split('#### Set or declared, but not read by the code')[1]?.split(/\n#{2,4} /)[0] ?? '';
    expect(unread).not.toContain('`CYPRESS_app_user`');
    expect(unread).not.toContain('`CYPRESS_app_password`');
    expect(step8).toContain("`/cypress/e2e/login.cy.ts:3` (as `Cypress.env('app_user')`)");
  });
});
