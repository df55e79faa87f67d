import { describe, expect, it } from 'vitest';
import { configurationStep } from '../src/steps/08-configuration.js';
import { integrationsStep } from '../src/steps/10-integrations.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

// Yarn Berry projects commit Yarn itself (`.yarn/releases/yarn-x.cjs`), its plugins and the Plug'n'Play loader: megabytes
// of bundled JavaScript that read CI variables and import React. None of it is the project's code.
const YARN_BUNDLE = "'use strict';\nconst isCi = !!(process.env.CONTINUOUS_INTEGRATION || process.env.BUILD_NUMBER);\nconst dom = require('react-dom');\nconst { create } = require('zustand');\nexport const store = create(() => ({ yarnState: 1 }));\n";

function repo(): string {
  return tempRepo({
    'package.json': JSON.stringify({ name: 'dash', packageManager: 'yarn@3.2.1', dependencies: { react: '^19.0.0', 'react-dom': '^19.0.0', zustand: '^5.0.0' }, devDependencies: { vite: '^6.0.0' } }),
    '.yarnrc.yml': 'yarnPath: .yarn/releases/yarn-3.2.1.cjs\n',
    '.yarn/releases/yarn-3.2.1.cjs': YARN_BUNDLE,
    '.yarn/plugins/@yarnpkg/plugin-interactive-tools.cjs': YARN_BUNDLE,
    '.pnp.cjs': YARN_BUNDLE,
    'vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({});\n",
    'index.html': '<div id="root"></div><script type="module" src="/src/main.tsx"></script>\n',
    'src/main.tsx': "import { createRoot } from 'react-dom/client';\nconst api = import.meta.env.VITE_API_URL;\ncreateRoot(document.getElementById('root')!).render(<p>{api}</p>);\n",
  });
}

describe("Yarn's own committed files are not the project's code", () => {
  it('step 8 lists the variables the app reads, not those Yarn reads', async () => {
    const { markdown } = await section(configurationStep, repo());
    expect(markdown).toContain('VITE_API_URL');
    expect(markdown).not.toContain('CONTINUOUS_INTEGRATION');
    expect(markdown).not.toContain('.yarn/');
    expect(markdown).not.toContain('.pnp.cjs');
  });

  it('step 10 cites the app, not Yarn, as importing react-dom; step 5 finds no store in Yarn', async () => {
    const root = repo();
    const deps = (await section(integrationsStep, root)).markdown;
    expect(deps).toMatch(/`react-dom`[^\n]*`\/src\/main\.tsx`/);
    expect(deps).not.toContain('.yarn/');
    const frontend = (await section(frontendStep, root)).markdown;
    expect(frontend).not.toContain('yarnState');
    expect(frontend).not.toContain('.yarn/');
  });
});
