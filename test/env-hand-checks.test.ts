/**
 * Env facts hand checks on real repositories found wrong: CRA's `PUBLIC_URL` (react-scripts sets it at build time),
 * helpers that read `process.env[`${prefix}${name}`]`, `PORT` with a fallback through a config object, and values a
 * server hands to the browser (`ENV: getEnv()`, `window.ENV = …`).
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf, section } from './helpers/fixture.js';

const modelOf = async (root: string) => RepoModel.of(new Analysis(await indexOf(root)));

describe("CRA's PUBLIC_URL", () => {
  const cra = (deps: Record<string, string>) =>
    tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, scripts: { start: 'react-scripts start' }, dependencies: { react: '^18.0.0', 'react-dom': '^18.0.0', ...deps } }),
      'public/index.html': '<!doctype html><html><body><div id="root"></div></body></html>\n',
      'src/index.js': "import React from 'react';\nimport { createRoot } from 'react-dom/client';\nconst base = process.env.PUBLIC_URL;\ncreateRoot(document.getElementById('root')).render(React.createElement('a', { href: `${base}/x` }));\n",
    });

  it('is set by react-scripts where the package builds with it, never "set nowhere"', async () => {
    const root = cra({ 'react-scripts': '5.0.1' });
    const env = (await modelOf(root)).env();
    expect(env.get('PUBLIC_URL')?.runtime?.label).toBe('Create React App (react-scripts)');
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).not.toMatch(/`PUBLIC_URL`[^\n]*set nowhere/);
  });

  it('stays the project\'s own variable without react-scripts', async () => {
    const env = (await modelOf(cra({}))).env();
    expect(env.get('PUBLIC_URL')?.runtime).toBeUndefined();
  });
});
