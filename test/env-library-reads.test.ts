import { describe, expect, it } from 'vitest';
import { frontendStep } from '../src/steps/05-frontend.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('variables a dependency reads itself are "read by <library>", not "not read by the code"', () => {
  const repo = () =>
    tempRepo({
      'package.json': `{
  "name": "auth-site",
  "private": true,
  "dependencies": {
    "@uploadthing/react": "5.0.0",
    "next": "14.2.5",
    "next-auth": "4.24.0",
    "react": "18.3.1",
    "react-dom": "18.3.1",
    "uploadthing": "5.0.0"
  }
}
`,
      'next.config.js': 'module.exports = {};\n',
      '.env.example': 'NEXTAUTH_SECRET=\nUPLOADTHING_SECRET=\nUPLOADTHING_APP_ID=\nLEFTOVER_TOKEN=\nGOOGLE_CLIENT_ID=\n',
      'app/layout.tsx': 'export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html><body>{children}</body></html>;\n}\n',
      'app/page.tsx': 'export default function Home() {\n  return <main>{process.env.GOOGLE_CLIENT_ID}</main>;\n}\n',
      'lib/auth.ts': "import { getServerSession } from 'next-auth';\nexport const session = () => getServerSession({ providers: [] });\n",
    });

  it('step 8 lists them under the library that reads them, with its dependency line; a truly unread one stays unread', async () => {
    const root = repo();
    const md = (await section(configurationStep, root)).markdown;
    expect(md).toContain('#### Set or declared, and read by a library');
    expect(md).toContain('| `NEXTAUTH_SECRET` | `/.env.example:1` | read by next-auth (dependency, `/package.json:7`) | **yes** |');
    expect(md).toContain('| `UPLOADTHING_APP_ID` | `/.env.example:3` | read by uploadthing (dependency, `/package.json:10`) | — |');
    const unread = md.slice(md.indexOf('#### Set or declared, but not read by the code'));
    expect(unread).toContain('`LEFTOVER_TOKEN`');
    expect(unread.split('####')[1]).not.toContain('NEXTAUTH_SECRET');
    expect(md).toContain('- `NEXTAUTH_SECRET` — read by next-auth (dependency, `/package.json:7`)');
    expect(md).toContain('- `LEFTOVER_TOKEN` — not read by the code');
    expect(md).toContain('1 more secret-looking variable is set or declared but not read; 2 more secret-looking variables are read only by a library the code depends on');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });

  it("step 5's env table says who reads them", async () => {
    const md = (await section(frontendStep, repo())).markdown;
    expect(md).toContain('| `NEXTAUTH_SECRET` | no | read by next-auth (dependency, `/package.json:7`) | `/.env.example` |');
    expect(md).toContain('| `LEFTOVER_TOKEN` | no | not read in code | `/.env.example` |');
  });
});
