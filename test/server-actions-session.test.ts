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
