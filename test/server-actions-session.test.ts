import { describe, expect, it } from 'vitest';
import { serverActionsDetector, type ServerActionData } from '../src/detectors/server-actions/index.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

const FIXTURE = 'be-actions-session';

async function guards(): Promise<Record<string, string>> {
  const list = (await detect(serverActionsDetector, FIXTURE)).map((f) => f.data as ServerActionData);
  return Object.fromEntries(list.map((a) => [a.name, a.sessionCheck ? `${a.sessionCheck.call} ${a.sessionCheck.at.file}:${a.sessionCheck.at.line}` : '—']));
}

describe('Server Actions guarded by a session check in their own body', () => {
  it('finds `await auth()` tested and followed by throw, redirect or a self-guarding requireUser()', async () => {
    expect(await guards()).toEqual({
      renameNote: 'auth() app/actions/notes.ts:9', // through `const user = session?.user`, inside try
      archiveNote: 'readViewer() app/actions/notes.ts:21', // imported from an auth module, then redirect()
      deleteNote: 'requireUser() app/actions/notes.ts:27',
      listNotes: '—', // reads the session but lets anyone through
      cachedNotes: '—', // returns early when there IS a user: not a guard
    });
  });

  it('prints the session check in the Guard column of step 3', async () => {
    const s = await section(backendApiStep, FIXTURE);
    expect(s.markdown).toContain('| `renameNote` | session check `auth()` (`/app/actions/notes.ts:9`) |');
    expect(s.markdown).toContain('| `listNotes` | — |');
    expect(missingCitations(s.markdown, await indexOf(FIXTURE))).toEqual([]);
  });
});

describe('a self-guarding call whose result is kept', () => {
  it('`const user = await requireUser(request)` guards the handler', async () => {
    const { sessionCheckIn } = await import('../src/detectors/shared/session-check.js');
    const { importsOf } = await import('../src/detectors/shared/ast.js');
    const { ts } = await import('../src/scan/ts.js');
    const code = "import { requireUser } from '~/models/session.server';\nexport async function loader({ request }) {\n  const user = await requireUser(request);\n  return { user };\n}\n";
    const sf = ts.createSourceFile('guild.tsx', code, ts.ScriptTarget.Latest, true);
    const fn = sf.statements[1] as import('typescript').FunctionDeclaration;
    expect(sessionCheckIn(fn.body!, sf, importsOf(sf), 'guild.tsx')).toEqual({ call: 'requireUser()', at: { file: 'guild.tsx', line: 3 } });
  });
});
