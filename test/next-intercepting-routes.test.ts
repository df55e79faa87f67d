import { describe, expect, it } from 'vitest';
import { nextAppPath, nextAppView } from '../src/detectors/shared/next-routes.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('Next.js intercepting routes serve the URL they intercept, as views, not URLs of their own', () => {
  it('(.) is the same level, each (..) one route segment up (groups and slots not counted), (...) the root', () => {
    expect(nextAppPath('@authModal/(.)sign-in/page.tsx')).toBe('/sign-in');
    expect(nextAppPath('feed/(..)photo/[id]/page.tsx')).toBe('/photo/[id]');
    expect(nextAppPath('a/b/(..)(..)photo/page.tsx')).toBe('/photo');
    expect(nextAppPath('(shop)/a/@m/(..)x/page.tsx')).toBe('/x');
    expect(nextAppPath('a/b/(...)login/page.tsx')).toBe('/login');
    expect(nextAppView('@authModal/(.)sign-in/page.tsx')).toEqual({ intercept: '(.)', slot: '@authModal' });
    expect(nextAppView('dashboard/@team/page.tsx')).toEqual({ slot: '@team' });
    expect(nextAppView('(auth)/sign-in/page.tsx')).toEqual({});
  });

  const page = (name: string) => `export default function ${name}() {\n  return <main>${name}</main>;\n}\n`;
  const repo = () =>
    tempRepo({
      'package.json': JSON.stringify({ name: 'modal-site', private: true, dependencies: { next: '14.2.5', react: '18.3.1', 'react-dom': '18.3.1' } }),
      'next.config.js': 'module.exports = {};\n',
      'app/layout.tsx': 'export default function RootLayout({ children, authModal }: { children: React.ReactNode; authModal: React.ReactNode }) {\n  return <html><body>{authModal}{children}</body></html>;\n}\n',
      'app/page.tsx': page('Home'),
      'app/(auth)/sign-in/page.tsx': page('SignIn'),
      'app/(auth)/sign-up/page.tsx': page('SignUp'),
      'app/@authModal/(.)sign-in/page.tsx': page('SignInModal'),
      'app/@authModal/(.)sign-up/page.tsx': page('SignUpModal'),
      'app/@authModal/default.tsx': 'export default function Default() {\n  return null;\n}\n',
      'app/settings/page.tsx': page('Settings'),
    });

  it('step 5 lists them at the intercepted URL, marked, and counts URLs apart from the views', async () => {
    const root = repo();
    const md = (await section(frontendStep, root)).markdown;
    expect(md).not.toContain('(.)sign-in |');
    expect(md).not.toMatch(/\| \/\(\.\)/);
    expect(md).toContain('Next.js App Router. 4 routes, plus 2 intercepting views:');
    expect(md).toContain('| /sign-in | `SignInModal` | `/app/@authModal/(.)sign-in/page.tsx:1` | intercepts client-side navigation to /sign-in (shown in the `@authModal` slot), not a URL of its own |');
    expect(md).toContain('| 4 (+2 intercepting or slot views) |');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });

  it("step 9's page recipe copies a plain page, never an intercepting view", async () => {
    const root = repo();
    const md = (await section(workflowsStep, root)).markdown;
    const recipe = md.slice(md.indexOf('#### Add a page to `modal-site`'));
    expect(recipe).not.toContain('@authModal');
    expect(recipe).toContain('copy `/app/settings/page.tsx`, which serves /settings.');
  });
});
