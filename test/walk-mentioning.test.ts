import { describe, expect, it } from 'vitest';
import { authFacts } from '../src/detectors/backend-code/auth.js';
import { envReadsOf } from '../src/detectors/env/reads.js';
import { parseSource, ts, walk, walkMentioning } from '../src/scan/ts.js';

const SOURCE = `
import jwt from 'jsonwebtoken';
const env = process.env;
/** A comment that says env and authorizer. */
export function a(x: number) {
  const y = x + 1;
  return env.API_URL ?? y;
}
export const handler = async (event: any) => {
  const claims = event.requestContext.authorizer?.claims;
  const key = event.headers['X-Api-Key'];
  return jwt.verify(key, 'k') && claims;
};
class Unrelated { method() { return [1, 2, 3].map((n) => n * 2); } }
`;

/** Identifiers whose text matches, in walk order, found by a full walk and by the restricted one. */
function both(text: string, pattern: RegExp): [string[], string[]] {
  const sf = parseSource('x.ts', text);
  const hit = (out: string[]) => (node: ts.Node) => {
    if (ts.isIdentifier(node) && new RegExp(pattern.source, pattern.flags.replace('g', '')).test(node.text)) out.push(`${node.text}@${node.pos}`);
  };
  const full: string[] = [];
  const restricted: string[] = [];
  walk(sf, hit(full));
  walkMentioning(sf, pattern, hit(restricted));
  return [full, restricted];
}

function visited(text: string, pattern: RegExp): number {
  let n = 0;
  walkMentioning(parseSource('x.ts', text), pattern, () => {
    n++;
  });
  return n;
}

describe('walkMentioning', () => {
  it('reaches every node a full walk finds for the pattern, in the same order, and skips the rest of the tree', () => {
    for (const pattern of [/env/g, /authorizer|jwt/gi, /verify|claims/, /^nothing$/g]) {
      const [full, restricted] = both(SOURCE, pattern);
      expect(restricted).toEqual(full);
    }
    let all = 0;
    walk(parseSource('x.ts', SOURCE), () => {
      all++;
    });
    expect(visited(SOURCE, /authorizer/g)).toBeLessThan(all / 3);
    expect(visited(SOURCE, /not-in-the-file/g)).toBe(0);
  });

  it('finds overlapping matches of a global pattern and leaves it reusable', () => {
    const pattern = /envX|nvXY/g;
    const [full, restricted] = both('const envXY = 1; const nvXY = 2;', /envXY|nvXY/g);
    expect(restricted).toEqual(full);
    expect(visited('const a = envXY;', pattern)).toBeGreaterThan(0);
    expect(pattern.lastIndex).toBe(0);
    expect(visited('const a = envXY;', pattern)).toBeGreaterThan(0);
  });

  it('falls back to the full walk when an escape could spell a match', () => {
    // `\u0065nv` is the identifier `env`; the raw text never says "env".
    const text = 'const a = process.\\u0065nv.ESCAPED_NAME;';
    const [full, restricted] = both(text, /env/g);
    expect(full).toHaveLength(1);
    expect(restricted).toEqual(full);
    expect(envReadsOf(parseSource('x.ts', text)).reads.map((r) => r.name)).toEqual(['ESCAPED_NAME']);
  });

  it('keeps env reads and auth facts what the full walk found', () => {
    const sf = parseSource('h.ts', SOURCE);
    expect(envReadsOf(sf).reads.map((r) => [r.name, r.line, r.fallback])).toEqual([['API_URL', 7, true]]);
    expect(authFacts('h.ts', sf).map((a) => [a.kind, a.line])).toEqual([
      ['cognito-claims', 10],
      ['api-key', 11],
      ['jwt-verify', 12],
    ]);
    const spelled = parseSource('k.ts', "export const k = (h: Record<string, string>) => h['x-api-\\x6bey'];");
    expect(authFacts('k.ts', spelled).map((a) => a.kind)).toEqual(['api-key']);
  });
});
