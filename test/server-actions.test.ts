import { describe, expect, it } from 'vitest';
import { serverActionsDetector, type ServerActionData } from '../src/detectors/server-actions/index.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

async function actions(): Promise<ServerActionData[]> {
  return (await detect(serverActionsDetector, 'be-actions')).map((f) => f.data as ServerActionData);
}

describe('Server Actions', () => {
  it("lists the exports of 'use server' files and inline 'use server' functions", async () => {
    const list = await actions();
    expect(list.map((a) => `${a.name} ${a.inline ? 'inline' : 'file'} ${a.file}:${a.line}`)).toEqual([
      'createBookmark file src/app/actions/bookmarks.ts:7',
      'deleteBookmark file src/app/actions/bookmarks.ts:11',
      'purgeBookmarks file src/app/actions/bookmarks.ts:15',
      'refresh inline src/app/bookmarks/page.tsx:6',
    ]);
    expect((await detect(serverActionsDetector, 'be-actions')).map((f) => f.id)).toContain('action src/app/actions/bookmarks.ts#createBookmark');
  });

  it("treats a next-safe-action client's middleware chain, or a wrapper, as the action's guard", async () => {
    const list = await actions();
    expect(list[0]).toMatchObject({ client: 'authActionClient', clientAt: { file: 'src/lib/safe-action.ts', line: 6 } });
    expect(list[0].middleware).toEqual([
      { name: '(inline middleware)', kind: 'action-client', at: { file: 'src/lib/safe-action.ts', line: 6 }, code: { file: 'src/lib/safe-action.ts', line: 6 } },
    ]);
    expect(list[1]).toMatchObject({ middleware: [] });
    expect(list[1].client).toBeUndefined();
    expect(list[2].middleware).toEqual([{ name: 'withAdmin', kind: 'wrapper', at: { file: 'src/app/actions/bookmarks.ts', line: 15 }, code: { file: 'src/lib/auth.ts', line: 6 } }]);
  });

  it('finds the components that call each action, and says which are client components', async () => {
    const list = await actions();
    expect(list[0].callers).toEqual([{ file: 'src/app/bookmarks/new-bookmark-form.tsx', line: 7, client: true }]);
    expect(list[1].callers).toEqual([{ file: 'src/app/bookmarks/page.tsx', line: 13, client: false }]);
    expect(list[2].callers).toEqual([]);
  });

  it('writes the actions table with guards and callers', async () => {
    const md = (await section(backendApiStep, 'be-actions')).markdown;
    expect(missingCitations(md, await indexOf('be-actions'))).toEqual([]);
    expect(md).toContain(
      '| `createBookmark` | `authActionClient` `/src/lib/safe-action.ts:6` | `/src/app/bookmarks/new-bookmark-form.tsx:7` (client) | `/src/app/actions/bookmarks.ts:7` |',
    );
    expect(md).toContain('| `refresh` | — | inline in a server component | `/src/app/bookmarks/page.tsx:6` |');
  });
});

describe('Server Actions exported as the default', () => {
  it('finds the callers of a default-exported action, under whatever name each file imports it', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    // The shape of N0SAFE/nextjs-nestjs-turborepo-template's apps/web/src/actions/redirect.ts and its callers.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { next: '15.0.0', react: '19.0.0' } }),
      'src/actions/redirect.ts': "'use server'\n\nimport { redirect as r } from 'next/navigation'\n\nexport default async function redirect(to: string) {\n  return r(to)\n}\n",
      'src/actions/ping.ts': "'use server'\n\nasync function ping() {\n  return 'pong'\n}\nexport async function other() {}\nexport default ping\n",
      'src/app/signin/page.tsx': "'use client'\nimport redirect from '../../actions/redirect'\n\nexport default function Page() {\n  return <button onClick={() => redirect('/')}>go</button>\n}\n",
      'src/lib/plugin.ts': "import clientRedirect from '../actions/redirect'\n\nexport function onUnauthorized() {\n  void clientRedirect('/signin')\n}\n",
      'src/lib/uses-other.ts': "import other from '../actions/ping'\n\nexport const x = () => other()\n",
    });
    const list = (await detect(serverActionsDetector, root)).map((f) => f.data as ServerActionData);
    const redirect = list.find((a) => a.name === 'redirect')!;
    expect(redirect.callers).toEqual([
      { file: 'src/app/signin/page.tsx', line: 5, client: true },
      { file: 'src/lib/plugin.ts', line: 4, client: false },
    ]);
    // `export default ping` names a function that is not exported itself: only `other` is an action of that file, and
    // a default import of the file is not a call of `other`.
    expect(list.find((a) => a.name === 'other')!.callers).toEqual([]);
  });
});

describe('Server Action uses after a multi-line import', () => {
  it('cites the `<form action={…}>` line, not the import; an import with no use read names the file only', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    // The shape of 0xhdghg/Stablebooks' apps/web/app/(app)/invoices/[invoiceId]/page.tsx: JSX text after the use
    // says "from" before any semicolon.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { next: '15.0.0', react: '19.0.0' } }),
      'app/actions.ts': '"use server";\n\nexport async function failPaymentAction(form: FormData) {}\nexport async function finalizePaymentAction(form: FormData) {}\nexport async function unusedAction() {}\n',
      'app/invoices/page.tsx': [
        'import {',
        '  failPaymentAction,',
        '  finalizePaymentAction,',
        '  unusedAction',
        '} from "../actions";',
        '',
        'export default function Page() {',
        '  return (',
        '    <div>',
        '      <form action={finalizePaymentAction}>',
        '        <p>Settled from the chain</p>',
        '      </form>',
        '      <form action={failPaymentAction}>',
        '        <p>Failure reported from the provider</p>',
        '      </form>',
        '    </div>',
        '  )',
        '}',
        '',
      ].join('\n'),
    });
    const list = (await detect(serverActionsDetector, root)).map((f) => f.data as ServerActionData);
    const callers = (name: string) => list.find((a) => a.name === name)!.callers;
    expect(callers('finalizePaymentAction')).toEqual([{ file: 'app/invoices/page.tsx', line: 10, client: false }]);
    expect(callers('failPaymentAction')).toEqual([{ file: 'app/invoices/page.tsx', line: 13, client: false }]);
    expect(callers('unusedAction')).toEqual([{ file: 'app/invoices/page.tsx', client: false }]);
    expect((await section(backendApiStep, root)).markdown).toContain('`/app/invoices/page.tsx` (imported)');
  });
});

// turborepo-fullstack-starter: the actions live in lib/internal/login/*.ts and lib/internal/session/*.ts, and every
// caller imports them through the folder's barrel (`export * from './socialLogin'`): a click handler in a client
// component, another action, the middleware. "Called from —" read as unused.
describe('Server Actions imported through a barrel', () => {
  it('counts the files that import them from the barrel and call them', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { next: '15.0.0', react: '19.0.0' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
      'src/lib/login/index.ts': "export * from './localLogin';\nexport * from './socialLogin';\n",
      'src/lib/login/socialLogin.ts': "'use server';\n\nexport async function socialLogin(provider: string) {\n  return provider;\n}\n",
      'src/lib/login/localLogin.ts': "'use server';\nimport { setCookie } from '../session';\n\nexport async function localLogin(email: string) {\n  await setCookie(email);\n}\n",
      'src/lib/session/index.ts': "export * from './setCookie';\n",
      'src/lib/session/setCookie.ts': "'use server';\n\nexport async function setCookie(value: string) {\n  return value;\n}\n",
      'src/app/signin/Button.tsx': "'use client';\n\nimport { socialLogin } from '@/lib/login';\n\nexport const Button = ({ provider }: { provider: string }) => {\n  const handleClick = async () => socialLogin(provider);\n  return <button onClick={handleClick}>go</button>;\n};\n",
      'src/app/signin/action.ts': "'use server';\nimport { localLogin } from '@/lib/login';\n\nexport async function handleSubmit(data: FormData) {\n  return localLogin(String(data.get('email')));\n}\n",
      'src/app/signin/page.tsx': "import { Button } from './Button';\n\nexport default function Page() {\n  return <Button provider='github' />;\n}\n",
    });
    const list = (await detect(serverActionsDetector, root)).map((f) => f.data as ServerActionData);
    const callers = Object.fromEntries(list.map((a) => [a.name, a.callers]));
    expect(callers.socialLogin).toEqual([{ file: 'src/app/signin/Button.tsx', line: 6, client: true }]);
    expect(callers.localLogin).toEqual([{ file: 'src/app/signin/action.ts', line: 5, client: false }]);
    expect(callers.setCookie).toEqual([{ file: 'src/lib/login/localLogin.ts', line: 5, client: false }]);
    const md = (await section(backendApiStep, root)).markdown;
    expect(md).toContain('| `socialLogin` | — | `/src/app/signin/Button.tsx:6` (client) | `/src/lib/login/socialLogin.ts:3` |');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });
});
