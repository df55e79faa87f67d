import { describe, expect, it } from 'vitest';
import { backendCodeDetector, type AuthData } from '../src/detectors/backend-code/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const pkg = JSON.stringify({ name: 'api', private: true, dependencies: { jsonwebtoken: '^9.0.2' }, devDependencies: { '@types/aws-lambda': '^8.10.145' } });

describe('a JWT library required inside a function', () => {
  it('counts `const jwt = require("jsonwebtoken")` in the function body like an import, in that function only', async () => {
    const root = tempRepo({
      'package.json': pkg,
      'layers/utils/nodejs/utils.ts': [
        'export function validateJWT(token: string) {',
        '  try {',
        "    const jwt = require('jsonwebtoken');",
        "    return jwt.verify(token, process.env.JWT_SECRET || 'x', { audience: 'api' });",
        '  } catch {',
        '    return null;',
        '  }',
        '}',
        '',
        'export function other(jwt: { verify(t: string): unknown }, t: string) {',
        '  return jwt.verify(t);',
        '}',
      ].join('\n'),
      'src/handlers/get.ts': [
        "import type { APIGatewayProxyEvent } from 'aws-lambda';",
        "import { validateJWT } from '../../layers/utils/nodejs/utils';",
        'export const handler = async (event: APIGatewayProxyEvent) => ({ statusCode: validateJWT(event.headers.Authorization ?? "") ? 200 : 401, body: "" });',
      ].join('\n'),
    });
    const auth = (await detect(backendCodeDetector, root)).filter((f) => f.kind === 'backend.auth').map((f) => f.data as AuthData);
    expect(auth.map((a) => `${a.kind} ${a.name} ${a.library} ${a.file}:${a.line}`)).toEqual([
      'jwt-verify validateJWT jsonwebtoken layers/utils/nodejs/utils.ts:4',
    ]);
  });
});
