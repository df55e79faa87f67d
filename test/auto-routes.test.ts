import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { reactRouterDetector } from '../src/detectors/react-router/index.js';
import type { FrontendRouteData } from '../src/detectors/shared/frontend-route.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const pkg = JSON.stringify({
  name: 'rr-app',
  private: true,
  scripts: { dev: 'react-router dev' },
  dependencies: { '@react-router/dev': '^7.0.0', 'react-router': '^7.0.0', react: '^19.0.0', 'react-dom': '^19.0.0' },
  devDependencies: { 'react-router-auto-routes': '^0.5.0', vite: '^6.0.0' },
});
const page = (name: string, extra = '') => `${extra}export default function ${name}() {\n  return null;\n}\n`;
const loader = 'export async function loader() {\n  return { ok: true };\n}\n';

function app(routesTs: string): string {
  return tempRepo({
    'package.json': pkg,
    'vite.config.ts': "import { reactRouter } from '@react-router/dev/vite';\nexport default { plugins: [reactRouter()] };\n",
    'app/root.tsx': page('App'),
    'app/routes.ts': routesTs,
    'app/routes/_marketing/index.tsx': page('Index'),
    'app/routes/_auth/login.tsx': `${loader}export async function action() {\n  return null;\n}\n${page('Login')}`,
    'app/routes/_auth/login.server.ts': 'export const helper = 1;\n',
    'app/routes/resources/healthcheck.tsx': loader,
    'app/routes/settings/profile/_layout.tsx': page('Profile'),
    'app/routes/settings/profile/password_.create.tsx': page('CreatePassword'),
    'app/routes/users/$username/notes/$noteId_.edit.tsx': page('Edit', loader),
    'app/routes/users/$username/notes/+shared/editor.tsx': page('Editor'),
    'app/routes/_seo/sitemap[.]xml.ts': loader,
    'app/components/spacer.tsx': page('Spacer'),
  });
}

const AUTO = "import { autoRoutes } from 'react-router-auto-routes';\n\nexport default autoRoutes({\n  ignoredRouteFiles: ['**/*.server.*'],\n});\n";

describe('react-router-auto-routes (autoRoutes() in app/routes.ts)', () => {
  it('reads the route folders: pathless `_` groups, `_layout`, `index`, `$param`, `_` escapes, `[.]`, and skips `+` folders and ignored files', async () => {
    const root = app(AUTO);
    const routes = (await detect(reactRouterDetector, root)).filter((f) => f.kind === 'react-router.route').map((f) => f.data as FrontendRouteData);
    expect(routes.map((r) => [r.path, r.file]).sort()).toEqual([
      ['/', 'app/routes/_marketing/index.tsx'],
      ['/login', 'app/routes/_auth/login.tsx'],
      ['/resources/healthcheck', 'app/routes/resources/healthcheck.tsx'],
      ['/settings/profile', 'app/routes/settings/profile/_layout.tsx'],
      ['/settings/profile/password/create', 'app/routes/settings/profile/password_.create.tsx'],
      ['/sitemap.xml', 'app/routes/_seo/sitemap[.]xml.ts'],
      ['/users/:username/notes/:noteId/edit', 'app/routes/users/$username/notes/$noteId_.edit.tsx'],
    ]);
    const http = (await detect(httpFrameworksDetector, root)).map((f) => f.data as HttpRouteData);
    expect(http.map((r) => `${r.method} ${r.path} ${r.handler}`).sort()).toEqual([
      'GET /login loader',
      'GET /resources/healthcheck loader (resource route)',
      'GET /sitemap.xml loader (resource route)',
      'GET /users/:username/notes/:noteId/edit loader',
      'POST /login action',
    ]);
    const md = (await section(backendApiStep, root)).markdown;
    expect(md).not.toContain('no backend API');
    expect(md).toContain('`GET /resources/healthcheck`');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });

  it('a route-discovery call it does not know is said to be unread: no "no backend API", no "0 routes", no components guessed as routes', async () => {
    const root = app("import { remixRoutesOptionAdapter } from '@react-router/remix-routes-option-adapter';\nimport { createRoutesFromFolders } from 'remix-custom-routes';\n\nexport default remixRoutesOptionAdapter(createRoutesFromFolders);\n");
    const unread = (await detect(reactRouterDetector, root)).filter((f) => f.kind === 'react-router.unread');
    expect(unread.map((f) => f.at[0])).toEqual([{ file: 'app/routes.ts', line: 4 }]);
    const backend = (await section(backendApiStep, root)).markdown;
    expect(backend).not.toContain('there is no backend API to map');
    expect(backend).toContain('route config not read');
    const frontend = (await section(frontendStep, root)).markdown;
    expect(frontend).not.toContain('look like routes');
    expect(frontend).not.toContain('spacer.tsx');
    expect(frontend).not.toMatch(/\| 0 \|/);
    expect(frontend).toContain('The route list is built by code this map cannot follow statically (`remixRoutesOptionAdapter(createRoutesFromFolders)` at `/app/routes.ts:4`)');
  });
});
