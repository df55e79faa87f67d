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
