import { describe, expect, it } from 'vitest';
import { stateManagementDetector, type StateData } from '../src/detectors/state-management/index.js';
import { EXAMPLE, detect } from './helpers/fixture.js';

const state = async (fixture: string) =>
  (await detect(stateManagementDetector, fixture)).map((f) => f.data as StateData).map((s) => `${s.library} ${s.kind} ${s.name} @ ${s.file}:${s.line} [${s.details.join('; ')}]`);

describe('state management detector', () => {
  it('finds zustand, Redux store and slice, TanStack Query client and hooks, and a context with provider and hook', async () => {
    expect((await state('fe-react-router')).sort()).toEqual(
      [
        'react-context context AuthContext @ src/context/AuthContext.tsx:9 [provider AuthProvider; hook useAuth]',
        "tanstack-query query-hook useApiKeys @ src/hooks/useApiKeys.ts:4 [useQuery; ['api-keys']]",
        "tanstack-query mutation-hook useCreateApiKey @ src/hooks/useApiKeys.ts:8 [useMutation]",
        "tanstack-query query-hook useNamespaces @ src/hooks/useNamespaces.ts:5 [useQuery; ['namespaces']]",
        'tanstack-query client queryClient @ src/lib/query-client.ts:3 []',
        'redux-toolkit slice auth @ src/store/authSlice.ts:3 [signedIn; signedOut]',
        'redux-toolkit store store @ src/store/index.ts:4 [auth]',
        'zustand store useUiStore @ src/store/ui-store.ts:9 [sidebarCollapsed; toggleSidebar]',
      ].sort(),
    );
  });

  it('finds SWR hooks and direct calls with their keys', async () => {
    expect((await state('fe-react-router-jsx')).sort()).toEqual(
      [
        'swr query-hook useProjects @ src/hooks/useProjects.js:4 [useSWR; /projects]',
        'swr query-hook useSession @ src/hooks/useSession.js:4 [useSWR; /auth/session]',
        'swr query-call ProjectDetail @ src/pages/ProjectDetail.jsx:7 [useSWR; `/projects/${projectId}`]',
      ].sort(),
    );
  });

  it('finds the example dashboard stores and hooks', async () => {
    const found = await state(EXAMPLE);
    expect(found).toContain("zustand store useSessionStore @ packages/dashboard/src/stores/session-store.ts:17 [status; session; setSession; clear]");
    expect(found.filter((s) => s.startsWith('tanstack-query'))).toHaveLength(11);
  });

  it('plain Redux (createStore from redux) is Redux, not Redux Toolkit', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', dependencies: { react: '^16.0.0', 'react-dom': '^16.0.0', 'react-scripts': '^5.0.0', redux: '^4.0.0', 'react-redux': '^7.0.0' } }),
      'src/index.js': "import { createStore, applyMiddleware } from 'redux';\nimport { reducers } from './reducers';\nconst store = createStore(reducers, applyMiddleware());\nexport default store;\n",
      'src/reducers.js': 'export const reducers = (s = {}) => s;\n',
    });
    expect(await state(root)).toEqual(['redux store store @ src/index.js:3 []']);
  });
});
