/**
 * Facts a hand check of bulletproof-react and next-saas-starter found wrong or misleading, each reproduced in a tiny
 * repository: a Pages Router app's `src/app/`, a leftover index.html in a Next.js app, Vitest's `TEST`, the "+N more"
 * count of a long guide, and dependencies only a config file names.
 */
import { describe, expect, it } from 'vitest';
import { STEPS } from '../src/steps/registry.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const step = (n: number) => STEPS[n - 1]!.definition;
const json = (o: unknown) => JSON.stringify(o, null, 2);

describe('a Next.js Pages Router app with page components in src/app (bulletproof-react nextjs-pages)', () => {
  const root = tempRepo({
    'package.json': json({ name: 'pages-app', private: true, scripts: { dev: 'next dev', build: 'next build', test: 'vitest' }, dependencies: { next: '14.2.0', react: '18.0.0', 'react-dom': '18.0.0' }, devDependencies: { vitest: '^2.1.4' } }),
    'src/pages/_app.tsx': 'export default function App() { return null; }\n',
    'src/pages/index.tsx': "export { default } from '../app/pages/landing';\n",
    'src/app/provider.tsx': 'export const AppProvider = () => null;\n',
    'src/app/pages/landing.tsx': 'export default function Landing() { return null; }\n',
    'src/app/pages/app/dashboard.tsx': 'export default function Dashboard() { return null; }\n',
    'index.html': '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>\n',
    'src/testing/utils.ts': 'export const delay = () => (process.env.TEST ? 200 : Math.random());\n',
    'src/testing/utils.test.ts': "import { delay } from './utils';\nit('waits', () => delay());\n",
  });

  it('does not call src/app the app router when it holds no page/layout/route files', async () => {
    const { markdown } = await section(step(2), root);
    expect(markdown).toContain('`/src/app/`');
    expect(markdown).not.toContain('app router');
    expect(markdown).toContain('Next.js pages (file-based routes)');
  });

  it('does not call a leftover index.html in a Next.js package a Vite entry, nor list it as config', async () => {
    const two = (await section(step(2), root)).markdown;
    expect(two).not.toContain('HTML entry (Vite)');
    expect(two).not.toMatch(/`\/index\.html`/);
    const five = (await section(step(5), root)).markdown;
    expect(five).not.toContain('`/index.html`');
  });

  it("credits Vitest with TEST, which it sets to 'true' in every test process", async () => {
    const { markdown } = await section(step(8), root);
    const row = markdown.split('\n').find((l) => l.startsWith('| `TEST`'));
    expect(row).toBeDefined();
    expect(row).toContain('Vitest');
    expect(row).not.toMatch(/\| — \| — \|$/);
    expect(missingCitations(markdown, await indexOf(root))).toEqual([]);
  });
});

describe('TEST in a package without Vitest is the project’s own variable', () => {
  const root = tempRepo({
    'package.json': json({ name: 'svc', scripts: { start: 'node src/index.js', test: 'jest' }, devDependencies: { jest: '^29.0.0' } }),
    'src/index.js': 'export const mode = process.env.TEST ? 1 : 2;\n',
  });

  it('does not say the test runner sets it', async () => {
    const { markdown } = await section(step(8), root);
    const row = markdown.split('\n').find((l) => l.startsWith('| `TEST`'));
    expect(row).toBeDefined();
    expect(row).not.toContain('Vitest');
  });
});

describe('a Vite app keeps its index.html entry', () => {
  const root = tempRepo({
    'package.json': json({ name: 'spa', private: true, scripts: { dev: 'vite', build: 'vite build' }, dependencies: { react: '18.0.0', 'react-dom': '18.0.0' }, devDependencies: { vite: '^5.0.0' } }),
    'index.html': '<!doctype html><html><body><script type="module" src="/src/main.tsx"></script></body></html>\n',
    'src/main.tsx': 'export {};\n',
  });

  it('tags it as the Vite HTML entry', async () => {
    expect((await section(step(2), root)).markdown).toContain('`/index.html` — HTML entry (Vite)');
  });
});

describe('a guide with more headings than the section list keeps (bulletproof-react AGENTS.md)', () => {
  const body = Array.from({ length: 51 }, (_, i) => `## Section ${i + 1}\n\nText.\n`).join('\n');
  const root = tempRepo({ 'AGENTS.md': `# AGENTS.md\n\n${body}\n\`\`\`md\n## not a heading\n\`\`\`\n` });

  it('counts every heading below the title in "+N more"', async () => {
    const { markdown } = await section(step(9), root);
    expect(markdown).toContain('(+43 more sections)');
  });
});

describe('dependencies a config file loads by name (next-saas-starter postcss, bulletproof-react eslint)', () => {
  const root = tempRepo({
    'package.json': json({ name: 'web', private: true, dependencies: { next: '15.0.0', '@tailwindcss/postcss': '4.0.0', 'eslint-plugin-check-file': '^2.8.0', 'left-pad': '1.0.0' } }),
    'postcss.config.mjs': "export default { plugins: { '@tailwindcss/postcss': {} } };\n",
    '.eslintrc.cjs': "module.exports = { plugins: ['check-file'], rules: { 'check-file/filename-naming-convention': 'error' } };\n",
    'app/page.tsx': 'export default function Page() { return null; }\n',
  });

  it('says where the config uses them, and what @tailwindcss/postcss is', async () => {
    const { markdown } = await section(step(10), root);
    const row = (name: string) => markdown.split('\n').find((l) => l.startsWith(`| \`${name}\``)) ?? '';
    expect(row('@tailwindcss/postcss')).toContain('used in `/postcss.config.mjs`');
    expect(row('@tailwindcss/postcss')).toContain('Tailwind CSS v4 PostCSS plugin');
    expect(row('eslint-plugin-check-file')).toContain('used in `/.eslintrc.cjs`');
    expect(row('left-pad')).toContain('not imported in source');
    expect(missingCitations(markdown, await indexOf(root))).toEqual([]);
  });
});

describe('a Next.js middleware that runs everywhere but guards only /dashboard (next-saas-starter)', () => {
  const root = tempRepo({
    'package.json': json({ name: 'saas', private: true, scripts: { dev: 'next dev' }, dependencies: { next: '15.0.0', react: '19.0.0', 'react-dom': '19.0.0' } }),
    'middleware.ts': [
      "import { NextResponse } from 'next/server';",
      "const protectedRoutes = '/dashboard';",
      'export async function middleware(request) {',
      '  const { pathname } = request.nextUrl;',
      '  if (pathname.startsWith(protectedRoutes) && !request.cookies.get("session")) {',
      "    return NextResponse.redirect(new URL('/sign-in', request.url));",
      '  }',
      '  return NextResponse.next();',
      '}',
      "export const config = { matcher: ['/((?!api|_next/static|_next/image|favicon.ico).*)'] };",
      '',
    ].join('\n'),
    'app/layout.tsx': 'export default function RootLayout({ children }) { return children; }\n',
    'app/page.tsx': 'export default function Home() { return null; }\n',
    'app/pricing/page.tsx': 'export default function Pricing() { return null; }\n',
    'app/sign-in/page.tsx': 'export default function SignIn() { return null; }\n',
    'app/dashboard/page.tsx': 'export default function Dashboard() { return null; }\n',
    'app/api/stripe/route.ts': 'export async function GET() { return new Response("ok"); }\n',
  });

  it('step 3 names the root middleware with its matcher and the path it tests', async () => {
    const { markdown } = await section(step(3), root);
    expect(markdown).toContain('Next.js middleware `middleware` (`/middleware.ts:3`)');
    expect(markdown).toContain('\\_next/static');
    expect(markdown).toContain('/dashboard at `/middleware.ts:5`');
    expect(missingCitations(markdown, await indexOf(root))).toEqual([]);
  });

  it('step 9 does not say every page sits behind it, and points at its path tests', async () => {
    const { markdown } = await section(step(9), root);
    expect(markdown).not.toMatch(/pages here sit behind `middleware`/);
    expect(markdown).toContain('depends on the path tests in its code (/dashboard at `/middleware.ts:5`)');
    expect(missingCitations(markdown, await indexOf(root))).toEqual([]);
  });
});
