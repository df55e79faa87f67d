/**
 * Vue CLI (`@vue/cli-service`, webpack) sets `process.env.BASE_URL` from `publicPath` and inlines `VUE_APP_*` into
 * browser code; a hand check found `BASE_URL` "set nowhere" and "Inlined by name: no" under the Vite rule.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf, section } from './helpers/fixture.js';

const modelOf = async (root: string) => RepoModel.of(new Analysis(await indexOf(root)));

const vueApp = (devDependencies: Record<string, string>) =>
  tempRepo({
    'webapp/package.json': JSON.stringify({ name: 'webapp', private: true, scripts: { serve: 'vue-cli-service serve', build: 'vue-cli-service build' }, dependencies: { vue: '^3.2.0', 'vue-router': '^4.0.0' }, devDependencies }),
    'webapp/public/index.html': '<!doctype html><html><body><div id="app"></div></body></html>\n',
    'webapp/src/main.js': "import { createApp } from 'vue';\nimport router from './router';\nimport App from './App.vue';\ncreateApp(App).use(router).mount('#app');\n",
    'webapp/src/router.js': "import { createRouter, createWebHistory } from 'vue-router';\nexport default createRouter({ history: createWebHistory(process.env.BASE_URL), routes: [] });\n",
    'webapp/src/api.js': 'export const api = process.env.VUE_APP_API_URL;\n',
    'webapp/src/App.vue': '<template><router-view /></template>\n',
    'webapp/.env.example': 'VUE_APP_API_URL=\n',
  });

describe('a Vue CLI app', () => {
  it('gets BASE_URL from Vue CLI, never "set nowhere"', async () => {
    const root = vueApp({ '@vue/cli-service': '~5.0.0' });
    const env = (await modelOf(root)).env();
    expect(env.get('BASE_URL')?.runtime?.label).toBe('Vue CLI (@vue/cli-service)');
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).not.toMatch(/`BASE_URL`[^\n]*set nowhere/);
  });

  it('inlines VUE_APP_* by name (not VITE_*)', async () => {
    const step5 = (await section(frontendStep, vueApp({ '@vue/cli-service': '~5.0.0' }))).markdown;
    expect(step5).toMatch(/\| `VUE_APP_API_URL` \| yes \|/);
    expect(step5).toContain('`VUE_APP_`');
    expect(step5).not.toMatch(/\| `BASE_URL` \| no/);
  });

  it('leaves BASE_URL the project\'s own variable without Vue CLI', async () => {
    const env = (await modelOf(vueApp({ webpack: '^5.0.0' }))).env();
    expect(env.get('BASE_URL')?.runtime).toBeUndefined();
  });
});
