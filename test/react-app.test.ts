import { describe, expect, it } from 'vitest';
import { reactAppDetector, type ApiClientData, type AuthData, type EntryData, type KeyComponentData } from '../src/detectors/react-app/index.js';
import { EXAMPLE, detect } from './helpers/fixture.js';
import { authOf } from '../src/detectors/react-app/auth.js';
import { buildIndex } from '../src/scan/repo-index.js';
import { tempRepo } from './helpers/temp-repo.js';

const of = async <T>(fixture: string, kind: string) => (await detect(reactAppDetector, fixture)).filter((f) => f.kind === kind).map((f) => f.data as T);

describe('React app detector', () => {
  it('finds the entry and the providers wrapped around the root component', async () => {
    expect(await of<EntryData>('fe-react-router', 'react.entry')).toEqual([
      { app: '', file: 'src/main.tsx', line: 12, how: 'createRoot', root: 'RouterProvider', providers: ['StrictMode', 'QueryClientProvider', 'Provider', 'AuthProvider'] },
    ]);
    const cra = await of<EntryData>('fe-react-router-jsx', 'react.entry');
    expect(cra.map((e) => `${e.file}:${e.line} ${e.how} ${e.root}`)).toEqual(['src/embed/main.jsx:7 createRoot RouterProvider', 'src/index.js:8 ReactDOM.render App']);
    const next = await of<EntryData>('fe-next-app', 'react.entry');
    expect(next.map((e) => `${e.file} ${e.how} ${e.providers.join(',')}`)).toEqual(['app/layout.tsx root layout ThemeProvider', 'pages/_app.tsx _app ']);
  });

  it('finds the API client, its base URL, and the endpoints named through it', async () => {
    const [axios] = await of<ApiClientData>('fe-react-router', 'react.api-client');
    expect(axios).toMatchObject({ file: 'src/lib/api.ts', line: 4, transport: 'axios', baseUrl: 'import.meta.env.VITE_API_URL', usedBy: 2 });
    expect(axios.endpoints.map((e) => `${e.method} ${e.path} @ ${e.file}:${e.line}`)).toEqual([
      'GET /v1/namespaces @ src/lib/api.ts:16',
      'GET /v1/keys @ src/lib/api.ts:21',
      'POST /v1/keys @ src/lib/api.ts:25',
    ]);
    const [ky] = await of<ApiClientData>('fe-tanstack-router', 'react.api-client');
    expect(ky).toMatchObject({ transport: 'ky', baseUrl: 'import.meta.env.VITE_API_BASE', endpoints: [{ method: 'GET', path: '/posts' }] });
    const [example] = await of<ApiClientData>(EXAMPLE, 'react.api-client');
    expect(example.file).toBe('packages/dashboard/src/api/client.ts');
    expect(example.endpoints.map((e) => `${e.method} ${e.path}`)).toContain('DELETE /v1/kv/{namespace}/{key}');
  });

  it('finds auth libraries and auth hooks', async () => {
    const auth = await of<AuthData>(EXAMPLE, 'react.auth');
    expect(auth.map((a) => `${a.kind} ${a.name} @ ${a.file}:${a.line}`)).toEqual([
      'library amazon-cognito-identity-js @ packages/dashboard/src/lib/cognito.ts:1',
      'hook useAuth @ packages/dashboard/src/hooks/useAuth.ts:7',
    ]);
    expect((await of<AuthData>('fe-react-router', 'react.auth')).map((a) => a.name)).toEqual(['useAuth']);
  });

  it('counts a hook as an auth hook by what its body does, not by a name like useUser', async () => {
    const files = {
      // Fetches another user's profile: a data hook.
      'src/hooks/useUser.ts': "import useUserApi from './useUserApi';\nconst useUser = (id?: string) => {\n  const { getUser } = useUserApi();\n  return getUser(id);\n};\nexport default useUser;\n",
      // Reads the Amplify session: an auth hook (the library's import is the evidence).
      'src/hooks/useLoginUser.ts': "import { fetchAuthSession } from 'aws-amplify/auth';\nconst useLoginUser = () => {\n  return fetchAuthSession();\n};\nexport default useLoginUser;\n",
      'src/hooks/useMe.ts': "import { getCurrentUser as who } from '@clerk/nextjs';\nexport function useMe() {\n  return who();\n}\n",
    };
    const index = await buildIndex(tempRepo(files));
    const found = authOf(index, '', Object.keys(files)).filter((a) => a.kind === 'hook');
    expect(found.map((a) => `${a.name} @ ${a.file}:${a.line}`)).toEqual(['useLoginUser @ src/hooks/useLoginUser.ts:2', 'useMe @ src/hooks/useMe.ts:2']);
  });

  it('does not take a sessionStorage-backed state hook for an auth hook; what it stores can still make one', async () => {
    const files = {
      // A generic useState persisted to the tab's sessionStorage: "Session" in its name says nothing about sign-in.
      'src/hooks/useSessionStorage.tsx':
        "import * as React from 'react';\nexport function useSessionStorage<T>(key: string, initialValue: T) {\n  const state = React.useState<T>(() => {\n    const stored = sessionStorage.getItem(key);\n    return stored ? JSON.parse(stored) : initialValue;\n  });\n  React.useEffect(() => { sessionStorage.setItem(key, JSON.stringify(state[0])); }, [state[0]]);\n  return state;\n}\n",
      // Keeps the access token in sessionStorage: the token makes it an auth hook.
      'src/hooks/useAuthToken.ts': "export function useAuthToken() {\n  return sessionStorage.getItem('access_token');\n}\n",
    };
    const index = await buildIndex(tempRepo(files));
    const found = authOf(index, '', Object.keys(files)).filter((a) => a.kind === 'hook');
    expect(found.map((a) => a.name)).toEqual(['useAuthToken']);
  });

  it('takes "session" for a login session only when the body shows one, not a learning session run', async () => {
    const files = {
      // Starts or resumes a product "session" (a study run): nothing about signing in.
      'src/session/useSessionStart.ts':
        "import { createOrResumeSessionRun } from './api';\nexport function useSessionStart(sessionId: string) {\n  return createOrResumeSessionRun(sessionId).then(({ runId }) => `/session?runId=${runId}`);\n}\n",
      'src/session/useSessionController.ts': "export function useSessionController(sessionRun: { steps: string[] }) {\n  return { current: sessionRun.steps[0], sessionProgress: 0 };\n}\n",
      // Reads the signed-in user from the login session: an auth hook.
      'src/auth/useSession.ts': "import { useQuery } from '@tanstack/react-query';\nexport function useSession() {\n  const { data: session } = useQuery({ queryKey: ['me'], queryFn: fetchMe });\n  return session?.user;\n}\n",
    };
    const index = await buildIndex(tempRepo(files));
    const found = authOf(index, '', Object.keys(files)).filter((a) => a.kind === 'hook');
    expect(found.map((a) => a.name)).toEqual(['useSession']);
  });

  it('counts subpath imports (`@clerk/nextjs/server`) as uses of the auth library', async () => {
    const files = {
      'app/layout.tsx': "import { ClerkProvider } from '@clerk/nextjs';\nexport default function L({ children }) { return <ClerkProvider>{children}</ClerkProvider>; }\n",
      'components/nav.tsx': "import { UserButton } from '@clerk/nextjs';\nexport const Nav = () => <UserButton />;\n",
      'middleware.ts': "import { clerkMiddleware } from '@clerk/nextjs/server';\nexport default clerkMiddleware();\n",
    };
    const index = await buildIndex(tempRepo(files));
    const libs = authOf(index, '', Object.keys(files)).filter((a) => a.kind === 'library');
    expect(libs.map((a) => `${a.name} ${a.usedBy}`)).toEqual(['@clerk/nextjs 3']);
  });

  it('ranks the most imported components, leaving out type-only imports', async () => {
    const components = await of<KeyComponentData>('fe-react-router', 'react.component');
    expect(components.map((c) => `${c.name} ${c.usedBy}`)).toEqual(['Button 4', 'Card 4']);
    const tanstack = await of<KeyComponentData>('fe-tanstack-router', 'react.component');
    expect(tanstack.map((c) => c.name)).toEqual(['Header']);
  });
});
