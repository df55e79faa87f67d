import { describe, expect, it } from 'vitest';
import { ts } from '../src/scan/ts.js';
import { httpCalls } from '../src/detectors/shared/http-calls.js';
import { constantsOf } from '../src/detectors/shared/ast.js';

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
