/**
 * Cypress's environment: `Cypress.env('umami_user')` returns `CYPRESS_umami_user` from the process environment
 * (Cypress strips the prefix), else the config's `env: { umami_user: … }`. So the call is a read of
 * `CYPRESS_umami_user`, `Cypress.env('x', value)` sets it for the run, and the config's `env` keys are its defaults.
 */
import { propertyNameText, staticString } from '../shared/ast.js';
import { lineOf, ts } from '../../scan/ts.js';
import { isEnvName } from './names.js';

export const CYPRESS_CONFIG = /(^|\/)cypress\.config\.[cm]?[jt]s$/;

/** `Cypress.env('x')` → a read of `CYPRESS_x`; `Cypress.env('x', v)` → a set. Undefined for any other call. */
export function cypressEnvCall(node: ts.CallExpression, consts: ReadonlyMap<string, ts.Expression>): { name: string; line: number; sets: boolean } | undefined {
  if (node.expression.getText() !== 'Cypress.env' || node.arguments.length === 0 || node.arguments.length > 2) return undefined;
  const key = staticString(node.arguments[0], consts);
  if (!key?.resolved || !isEnvName(key.text)) return undefined;
  return { name: `CYPRESS_${key.text}`, line: lineOf(node), sets: node.arguments.length === 2 };
}

/**
 * `env: { umami_user: 'admin' }` in a Cypress config (top level, or under `e2e` / `component`): the default
 * `Cypress.env('umami_user')` returns when `CYPRESS_umami_user` is unset. Names only: values are never read.
 */
export function cypressConfigEnv(env: ts.PropertyAssignment): { name: string; line: number }[] {
  if (!CYPRESS_CONFIG.test(env.getSourceFile().fileName) || !ts.isObjectLiteralExpression(env.initializer)) return [];
  const holder = env.parent;
  const at = holder.parent;
  const topLevel = ts.isCallExpression(at) || ts.isExportAssignment(at) || ts.isBinaryExpression(at) || ts.isVariableDeclaration(at);
  const testingType = ts.isPropertyAssignment(at) && /^(e2e|component)$/.test(propertyNameText(at.name) ?? '');
  if (!topLevel && !testingType) return [];
  return env.initializer.properties.flatMap((p) => {
    const name = ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) ? propertyNameText(p.name) : undefined;
    return name && isEnvName(name) ? [{ name: `CYPRESS_${name}`, line: lineOf(p) }] : [];
  });
}
