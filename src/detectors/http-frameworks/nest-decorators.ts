/**
 * Reading NestJS decorators, shared by the HTTP controllers (nest.ts) and the GraphQL resolvers
 * (graphql-servers): the one decorator call of a name, and the guards and policy decorators in front of a handler.
 */
import { ts } from '../../scan/ts.js';
import { lastName } from '../shared/ast.js';
import type { MiddlewareUse } from './types.js';

/** `@Controller('x')`, `@Query()`: the call of the decorator with that name on the node, if any. */
export function decorator(node: ts.HasDecorators, name: string): ts.CallExpression | undefined {
  for (const d of ts.getDecorators(node) ?? []) {
    if (ts.isCallExpression(d.expression) && lastName(d.expression.expression) === name) return d.expression;
  }
  return undefined;
}

export interface GuardRules {
  /** Decorators whose arguments are guards (`@UseGuards(A, B)`). */
  readonly guardCalls: ReadonlySet<string>;
  /** Decorators that set what a guard reads (`@Roles('admin')`, `@Public()`), by name. */
  readonly policy: RegExp;
  /** Policy decorators whatever their name (type-graphql's `@Authorized`). */
  readonly always?: ReadonlySet<string>;
  /** Names the policy pattern would match that are not policies (`@Query`, `@Get`). */
  readonly skip: ReadonlySet<string>;
}

/** Guards (`@UseGuards(A, B)`), then policy decorators (`@Roles('admin')`), in the order written; Swagger's `@Api*` are not. */
export function guardDecorators(node: ts.HasDecorators, use: (e: ts.Expression, kind: MiddlewareUse['kind']) => MiddlewareUse, rules: GuardRules): MiddlewareUse[] {
  const out: MiddlewareUse[] = [];
  for (const d of ts.getDecorators(node) ?? []) {
    const e = d.expression;
    const name = lastName(ts.isCallExpression(e) ? e.expression : e);
    if (!name) continue;
    if (rules.guardCalls.has(name) && ts.isCallExpression(e)) out.push(...e.arguments.map((a) => use(a, 'guard')));
    else if (rules.always?.has(name) || (!name.startsWith('Api') && !rules.skip.has(name) && rules.policy.test(name))) {
      const u = use(e, 'decorator');
      out.push({ ...u, name: `@${u.name}` });
    }
  }
  return out;
}
