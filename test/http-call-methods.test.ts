import { describe, expect, it } from 'vitest';
import { ts } from '../src/scan/ts.js';
import { httpCalls } from '../src/detectors/shared/http-calls.js';
import { constantsOf } from '../src/detectors/shared/ast.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

function calls(source: string): string[] {
  const sf = ts.createSourceFile('src/api.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return httpCalls(sf, sf, constantsOf(sf)).map((c) => `${c.method} ${c.path}${c.resolved ? '' : ' (unresolved)'}`);
}

describe('the method of a frontend API call', () => {
  it('is GET for fetch without a method option, and as written when one is given', () => {
    expect(calls("fetch('/api/a'); fetch('/api/b', { headers: {} }); fetch('/api/c', { method: 'POST' });")).toEqual([
      'GET /api/a',
      'GET /api/b',
      'POST /api/c',
    ]);
  });

  it('is unknown when a project wrapper or an options object we cannot read decides it, never GET', () => {
    const source = [
      "request('/api/users', { method });",
      "api('/api/items', opts);", // not a requester name: left out rather than guessed
      "request('/api/plain');",
      "fetch('/api/x', init);",
      "fetch('/api/y', { ...init });",
      "fetch('/api/z', { method: opts.method });",
    ].join('\n');
    expect(calls(source)).toEqual([
      '${method} /api/users (unresolved)',
      '? /api/plain (unresolved)',
      '? /api/x (unresolved)',
      '? /api/y (unresolved)',
      '? /api/z (unresolved)',
    ]);
  });

  it('keeps an explicit .get() and a wrapper given its method', () => {
    expect(calls("http.get('/api/me'); request('/api/me', { method: 'DELETE' });")).toEqual(['GET /api/me', 'DELETE /api/me']);
  });
});

describe('the frontend API table', () => {
  it('shows a wrapper call without a visible method as `?`, with a line saying why', async () => {
    const dir = tempRepo({
      'package.json': JSON.stringify({ name: 'web', dependencies: { react: '^18', 'react-dom': '^18' }, devDependencies: { vite: '^5' } }),
      'index.html': '<div id="root"></div><script type="module" src="/src/main.tsx"></script>\n',
      'vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({});\n",
      'src/main.tsx': "import { createRoot } from 'react-dom/client';\nimport { getUsers } from './api/client';\ncreateRoot(document.getElementById('root')!).render(<button onClick={() => getUsers()} />);\n",
      'src/api/client.ts': [
        "const BASE = import.meta.env.VITE_API_URL;",
        'export function request(path: string, opts: RequestInit = {}) {',
        '  return fetch(`${BASE}${path}`, opts);',
        '}',
        "export const getUsers = () => request('/users');",
        "export const createUser = (name: string) => request('/users', { method: 'POST', body: name });",
        '',
      ].join('\n'),
    });
    const md = (await section(frontendStep, dir)).markdown;
    expect(md).toContain('| `? /users` | `/src/api/client.ts:5` |');
    expect(md).toContain('| `POST /users` | `/src/api/client.ts:6` |');
    expect(md).toContain('A `?` method is set inside a request helper');
    expect(md).not.toContain('`GET /users`');
  });
});
