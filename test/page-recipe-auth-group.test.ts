import { describe, expect, it } from 'vitest';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

// A sign-in group (`(auth)`, `_auth`) is often guest-only: its layout or middleware sends signed-in users away.
describe('the page recipe and sign-in pages', () => {
  const page = (name: string) => `export default function ${name}() {\n  return <main>${name}</main>;\n}\n`;
  const files = {
    'package.json': JSON.stringify({ name: 'site', private: true, dependencies: { next: '14.2.5', react: '18.3.1', 'react-dom': '18.3.1' } }),
    'next.config.js': 'module.exports = {};\n',
    'app/layout.tsx': 'export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html><body>{children}</body></html>;\n}\n',
    'app/page.tsx': page('Home'),
    'app/(auth)/login/page.tsx': page('Login'),
    'app/(auth)/register/page.tsx': page('Register'),
  };

  it('does not make the sign-in group the folder for a new page when the app has other pages', async () => {
    const md = (await section(workflowsStep, tempRepo({ ...files, 'app/ui/page.tsx': page('Ui') }))).markdown;
    expect(md).toContain('copy `/app/ui/page.tsx`, which serves /ui.');
    expect(md).not.toContain('add one under `/app/(auth)/`');
  });

  it('does not call a sign-in page unguarded when it is the only example', async () => {
    const md = (await section(workflowsStep, tempRepo({
      ...files,
      'app/dashboard/layout.tsx': "import { redirect } from 'next/navigation';\nexport default async function L({ children }: { children: React.ReactNode }) {\n  const user = await getUser();\n  if (!user) redirect('/login');\n  return children;\n}\nasync function getUser() { return null; }\n",
      'app/dashboard/[id]/page.tsx': page('Item'),
    }))).markdown;
    expect(md).not.toContain('pages like /login are not guarded');
  });
});

// A TanStack `_auth` layout whose beforeLoad redirects signed-in users: its routes are guest-only, an access rule.
describe('the page recipe counts guest-only routes apart from unguarded ones', () => {
  const route = (id: string, body: string) => `import { createFileRoute, Outlet, redirect } from '@tanstack/react-router';\nexport const Route = createFileRoute('${id}')({\n${body}  component: Page,\n});\nfunction Page() {\n  return <Outlet />;\n}\n`;
  const files = {
    'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { '@tanstack/react-router': '1.120.0', react: '19.0.0', 'react-dom': '19.0.0', vite: '6.0.0' } }),
    'vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({});\n",
    'src/routes/__root.tsx': "import { createRootRoute, Outlet } from '@tanstack/react-router';\nexport const Route = createRootRoute({ component: Root });\nfunction Root() {\n  return <Outlet />;\n}\n",
    'src/routes/_auth/route.tsx': route('/_auth', "  beforeLoad: ({ context }) => {\n    if (context.auth) {\n      throw redirect({ to: '/' });\n    }\n  },\n"),
    'src/routes/_auth/login.tsx': route('/_auth/login', ''),
    'src/routes/_auth/register.tsx': route('/_auth/register', ''),
    'src/routes/_authenticated/route.tsx': route('/_authenticated', "  beforeLoad: ({ context }) => {\n    if (!context.auth) {\n      throw redirect({ to: '/login' });\n    }\n  },\n"),
    'src/routes/_authenticated/index.tsx': route('/_authenticated/', ''),
    'src/routes/_authenticated/account.tsx': route('/_authenticated/account', ''),
    'src/routes/_authenticated/listing.$id.tsx': route('/_authenticated/listing/$id', ''),
  };

  it('says the /_auth routes are guest-only, and only the root has no access rule', async () => {
    const md = (await section(workflowsStep, tempRepo(files))).markdown;
    expect(md).toContain('routes differ — of 8, 4 sit behind `beforeLoad in /_authenticated`, 3 are guest-only (redirect signed-in users), 1 have none;');
    expect(md).not.toContain('4 have none');
  });
});
