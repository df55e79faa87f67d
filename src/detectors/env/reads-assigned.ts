/** Variables a file sets by name in an object literal (a test harness's `env: {…}`, a child process's env). */
import { propertyNameText } from '../shared/ast.js';
import { lineOf, ts } from '../../scan/ts.js';
import { isEnvName } from './names.js';
import { skipParens } from './read-shapes.js';
import type { RawAssignment } from './raw-reads.js';

/** `env: {…}` in the object a `webServer` (one or a list) or a `test` key holds. */
export function harnessEnv(env: ts.PropertyAssignment): boolean {
  let holder: ts.Node = env.parent;
  if (ts.isArrayLiteralExpression(holder.parent)) holder = holder.parent;
  const key = ts.isPropertyAssignment(holder.parent) ? propertyNameText(holder.parent.name) : undefined;
  return key === 'webServer' || key === 'test';
}

/** `skipMethods`: a function-valued key is a variable only when it is named like one (upper snake case). */
export function literalKeys(obj: ts.ObjectLiteralExpression, skipMethods = false): RawAssignment[] {
  return obj.properties.flatMap((p) => {
    const name = !ts.isSpreadAssignment(p) && p.name ? propertyNameText(p.name) : undefined;
    if (!name || !isEnvName(name)) return [];
    if (skipMethods && isMethod(p) && !/^[A-Z][A-Z0-9_]*$/.test(name)) return [];
    return [{ name, line: lineOf(p) }];
  });
}

function isMethod(p: ts.ObjectLiteralElementLike): boolean {
  if (ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p)) return true;
  return ts.isPropertyAssignment(p) && (ts.isArrowFunction(skipParens(p.initializer)) || ts.isFunctionExpression(skipParens(p.initializer)));
}
