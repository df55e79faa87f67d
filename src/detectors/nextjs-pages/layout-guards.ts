/**
 * App Router layouts that guard what they wrap: a layout that redirects when there is no session
 * (`if (!session) redirect('/login')`) or that wraps `{children}` in a guard component (`<AuthGuard>`). Every page
 * and nested layout in that layout's folder inherits the guard, whether or not the page checks anything itself.
 */
import type { Citation } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts, walk } from '../../scan/ts.js';
import { importsOf } from '../shared/ast.js';
import { isGuardName } from '../shared/frontend-route.js';
import { redirectAudience } from '../shared/redirect-audience.js';

export interface LayoutGuard {
  /** The layout's folder: pages at or below it are wrapped by it. */
  readonly dir: string;
  /** What guards, as a reader would name it: `redirect('/login')` or the guard component. */
  readonly name: string;
  readonly at: Citation;
}

const SESSION = /session|user|auth|token|signed|logged|viewer|account|claims/i;
const REDIRECTS = /^(redirect|permanentRedirect|notFound)$/;

export function layoutGuard(index: RepoIndex, layoutFile: string): LayoutGuard | undefined {
  const sf = index.parse(layoutFile);
  if (!sf) return undefined;
  const dir = layoutFile.slice(0, layoutFile.lastIndexOf('/'));
  const imports = importsOf(sf);
  let found: LayoutGuard | undefined;
  walk(sf, (node) => {
    if (found) return false;
    // `if (!session) redirect('/login')`: a redirect from next/navigation under a condition on the session.
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && REDIRECTS.test(imports.get(node.expression.text)?.imported ?? '')) {
      if (imports.get(node.expression.text)?.module !== 'next/navigation') return undefined;
      const condition = conditionAbove(node);
      if (!condition || !SESSION.test(condition.getText(sf))) return undefined;
      // `if (session) redirect('/dashboard')` in an (auth) layout sends signed-in users on: guest-only, not a guard.
      if (redirectAudience(node, enclosingFunction(node) ?? sf, sf) === 'signed-in') return undefined;
      const target = node.arguments[0];
      const name = target && ts.isStringLiteralLike(target) ? `${node.expression.text}('${target.text}')` : `${node.expression.text}(…)`;
      found = { dir, name, at: { file: layoutFile, line: lineOf(node, sf) } };
      return false;
    }
    // `<AuthGuard>{children}</AuthGuard>`
    if (ts.isJsxElement(node)) {
      const tag = node.openingElement.tagName.getText(sf);
      const wrapsChildren = node.children.some((c) => ts.isJsxExpression(c) && c.expression && /^(props\.)?children$/.test(c.expression.getText(sf)));
      if (wrapsChildren && isGuardName(tag)) {
        found = { dir, name: tag, at: { file: layoutFile, line: lineOf(node, sf) } };
        return false;
      }
    }
    return undefined;
  });
  return found;
}

function enclosingFunction(node: ts.Node): ts.Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (ts.isFunctionLike(p)) return p;
  return undefined;
}

/** The condition an expression runs under, within its function: an `if`, a `?:` or a `&&`/`||`. */
function conditionAbove(node: ts.Node): ts.Expression | undefined {
  for (let n: ts.Node = node, p = node.parent; p && !ts.isFunctionLike(p); n = p, p = p.parent) {
    if (ts.isIfStatement(p) && n !== p.expression) return p.expression;
    if (ts.isConditionalExpression(p) && n !== p.condition) return p.condition;
    if (ts.isBinaryExpression(p) && n === p.right && /^(&&|\|\|)$/.test(p.operatorToken.getText())) return p.left;
  }
  return undefined;
}
