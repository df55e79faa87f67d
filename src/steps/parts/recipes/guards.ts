/**
 * Which of an app's middleware guard its routes (check who is asking), for the endpoint recipe to name them before
 * app-wide plumbing (`cors()`, `logger()`, body parsers), which runs in front of every route and so outnumbers them.
 * Decided from facts first — how the middleware is applied, and the auth check the backend detector found in its code —
 * and from its name only when the facts say neither way.
 */
import type { AuthFact, AuthKind } from '../../../detectors/backend-code/index.js';
import type { HttpRouteData, MiddlewareUse } from '../../../detectors/http-frameworks/index.js';
import type { FactSet } from '../../../facts.js';

/** Ways of applying that exist only to guard: NestJS guards and their metadata, in-body session and auth checks, shield rules. */
const GUARD_KINDS = new Set<MiddlewareUse['kind']>(['guard', 'global', 'decorator', 'session-check', 'auth-helper', 'rule']);

/** Auth found in code that checks a request; signing a token (a login) or an IAM policy guards nothing in front of a route. */
const CHECKS = new Set<AuthKind>(['jwt-verify', 'session', 'cognito-claims', 'authorizer', 'api-key', 'webhook-signature', 'hmac-compare']);

/** The last resort, on the name as written without its arguments (`requireRole('admin')` → `requireRole`). */
const GUARD_NAME = /auth|jwt|bearer|token|api-?key|session|guard|protect|permission|role|rbac|acl|require[_-]?(?:user|login|admin)|logged|signed/i;

/** Whether a name among the routes' middleware guards them. */
export function guardTest(list: readonly HttpRouteData[], facts: FactSet): (name: string) => boolean {
  const uses = new Map<string, MiddlewareUse[]>();
  for (const r of list) {
    for (const u of r.middlewareUses ?? []) {
      const all = uses.get(u.name);
      if (all) all.push(u);
      else uses.set(u.name, [u]);
    }
  }
  const checks = facts.of<AuthFact>('backend.auth').map((f) => f.data).filter((a) => CHECKS.has(a.kind));
  // A file's auth check belongs to the middleware whose code starts nearest above it: a file of several middleware
  // (`cors`, `requireAuth`) does not make each of them a guard.
  const starts = new Map<string, number[]>();
  for (const all of uses.values()) {
    for (const u of all) if (u.code) starts.set(u.code.file, [...(starts.get(u.code.file) ?? []), u.code.line ?? 1]);
  }
  const owner = (file: string, line: number) => Math.max(...(starts.get(file) ?? []).filter((s) => s <= line), -1);
  const verdict = (u: MiddlewareUse): boolean | undefined => {
    if (GUARD_KINDS.has(u.kind)) return true;
    if (!u.code) return undefined;
    const inFile = checks.filter((a) => a.file === u.code!.file);
    if (inFile.length === 0) return undefined;
    return inFile.some((a) => owner(a.file, a.line) === (u.code!.line ?? 1));
  };
  return (name) => {
    const said = (uses.get(name) ?? []).map(verdict).filter((v): v is boolean => v !== undefined);
    return said.length ? said.includes(true) : GUARD_NAME.test(name.replace(/\(.*$/s, ''));
  };
}
