/**
 * Hand-check round 22 (nnsi/hono-practice): `class AuthError extends AppError { constructor(message, status = 401)
 * { super(message); this.status = status; } }` — the subclass's own default parameter is its status, not the base's 500.
 */
import { describe, expect, it } from 'vitest';
import { backendCodeDetector } from '../src/detectors/backend-code/index.js';
import type { ErrorClassData } from '../src/detectors/backend-code/types.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const cls = (name: string, base: string, body: string[]) => [`export class ${name} extends ${base} {`, ...body.map((l) => `  ${l}`), '}', ''].join('\n');

describe("an error class's own status before its base's default", () => {
  it('reads a constructor default assigned to this.status, a field initialiser and super(message, 404)', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', dependencies: { hono: '^4.0.0' } }),
      'src/error/appError.ts': cls('AppError', 'Error', ['public status: number;', 'constructor(message: string, status: number = 500) {', '  super(message);', '  this.status = status;', '}']),
      'src/error/authError.ts': "import { AppError } from './appError';\n" + cls('AuthError', 'AppError', ['public status: number;', 'constructor(message: string, status: number = 401) {', '  super(message);', '  this.status = status;', '}']),
      'src/error/notFound.ts': "import { AppError } from './appError';\n" + cls('NotFoundError', 'AppError', ['constructor(message: string) {', '  super(message, 404);', '}']),
      'src/error/conflict.ts': "import { AppError } from './appError';\n" + cls('ConflictError', 'AppError', ['status = 409;']),
      'src/error/plain.ts': "import { AppError } from './appError';\n" + cls('PlainError', 'AppError', ['constructor(message: string) {', '  super(message);', '}']),
      'src/app.ts': "import { AppError } from './error/appError';\nexport const onError = (err: unknown, c: any) => { if (err instanceof AppError) return c.json({}, err.status); };\n",
    });
    const classes = (await detect(backendCodeDetector, root)).filter((f) => f.kind === 'backend.error-class').map((f) => f.data as ErrorClassData);
    const status = Object.fromEntries(classes.map((c) => [c.name, c.statusCode]));
    expect(status).toEqual({ AppError: '500', AuthError: '401', NotFoundError: '404', ConflictError: '409', PlainError: '500' });
  });
});
