import { describe, expect, it } from 'vitest';
import { authOf } from '../src/detectors/react-app/auth.js';
import { appFiles } from '../src/detectors/frontend-build/index.js';
import { buildIndex } from '../src/scan/repo-index.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('auth libraries of a Vue app', () => {
  const root = () => tempRepo({
    'package.json': JSON.stringify({ name: 'front', private: true, dependencies: { vue: '^3.4.0', '@auth0/auth0-vue': '^2.0.0' }, devDependencies: { vite: '^5.0.0' } }),
    'index.html': '<div id="app"></div>\n',
    'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@auth/*': ['src/app/auth/*'] } } }),
    'src/main.ts': "import { createAuth0 } from '@auth0/auth0-vue'\nimport { useAuthStore } from '@auth/store'\nexport const a = [createAuth0, useAuthStore]\n",
    'src/app/auth/store.ts': 'export function useAuthStore() { return {} }\n',
    'src/app/auth/login.vue': "<template><p>Login</p></template>\n\n<script setup lang=\"ts\">\nimport { useAuth0 } from '@auth0/auth0-vue'\nimport { useAuthStore } from '@auth/store'\nconst s = [useAuth0(), useAuthStore()]\n</script>\n",
    'src/app/profile.vue': "<script setup lang=\"ts\">\nimport { useAuthStore } from '@auth/store'\nconst s = useAuthStore()\n</script>\n",
  });

  it('counts the files that import a library in a `<script setup>` block, and leaves out a tsconfig path alias', async () => {
    const index = await buildIndex(root());
    const libs = authOf(index, '', appFiles(index, '')).filter((a) => a.kind === 'library');
    // `@auth/store` resolves to src/app/auth/store.ts: the app's own code, not the Auth.js package.
    expect(libs.map((l) => [l.name, l.usedBy])).toEqual([['@auth0/auth0-vue', 2]]);
  });

  it('leaves out an import through a Vite `resolve.alias` with no tsconfig path', async () => {
    const { reactAppDetector } = await import('../src/detectors/react-app/index.js');
    const { detect } = await import('./helpers/fixture.js');
    const dir = tempRepo({
      'package.json': JSON.stringify({ name: 'front', private: true, dependencies: { vue: '^3.4.0' }, devDependencies: { vite: '^5.0.0' } }),
      'index.html': '<div id="app"></div>\n',
      'vite.config.js': "import { fileURLToPath, URL } from 'node:url'\nexport default { resolve: { alias: { '@auth': fileURLToPath(new URL('./src/app/auth', import.meta.url)) } } }\n",
      'src/main.js': "import { useAuthStore } from '@auth/store'\nexport const s = useAuthStore\n",
      'src/app/auth/store.js': 'export function useAuthStore() { return {} }\n',
    });
    const auth = (await detect(reactAppDetector, dir)).filter((f) => f.kind === 'react.auth');
    expect(auth).toEqual([]);
  });
});

