/**
 * Where a file's exports are used from another file: `import { StripeWebhookService } from '@/services/…'` and then
 * `StripeWebhookService.handleEvent(…)`, `new StripeWebhookService()` or `handle(…)` in it. A route file doing so
 * wires the module to its routes even though no route names it as its handler.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile, lineOf, ts, walk } from '../../scan/ts.js';
import { importsCached } from './component-ref.js';
import { moduleResolver } from './resolve-module.js';

/** The first call, `new` or member call in `from` of a name it imports from `target`, with its line. */
export function firstUseOfImport(index: RepoIndex, from: string, target: string): { name: string; line: number } | undefined {
  if (from === target || !isSourceFile(from)) return undefined;
  const sf = index.parse(from);
  if (!sf) return undefined;
  const resolver = moduleResolver(index);
  const local = new Set([...importsCached(sf)].filter(([, b]) => resolver.resolve(from, b.module) === target).map(([name]) => name));
  if (local.size === 0) return undefined;
  let found: { name: string; line: number } | undefined;
  walk(sf, (node) => {
    if (found) return false;
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      let callee: ts.Expression = node.expression;
      while (ts.isPropertyAccessExpression(callee)) callee = callee.expression;
      if (ts.isIdentifier(callee) && local.has(callee.text)) {
        found = { name: node.expression.getText(sf), line: lineOf(node, sf) };
        return false;
      }
    }
  });
  return found;
}
