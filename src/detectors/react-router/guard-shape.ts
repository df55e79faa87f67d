/**
 * Route guards recognised by what they do, not only by name: a layout or wrapper component whose body chooses between
 * sending the visitor elsewhere (`<Navigate to="/login" />`, `navigate('/login')`, `redirect(...)`) and rendering the
 * routes it wraps (`<Outlet />`, `children`). proshop's `AdminRoute` is such a guard though its name says nothing of auth.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf } from '../../scan/ts.js';
import type { ComponentRef } from '../shared/component-ref.js';
import { isGuardName } from '../shared/frontend-route.js';
import { conditionAudience } from '../shared/redirect-audience.js';

/** Text that sends the visitor elsewhere, and text that renders what the component wraps. */
const REDIRECTS = /<Navigate\b|\bnavigate\(|\bredirect\(|\bRedirect\b/;
const RENDERS_WRAPPED = /<Outlet\b|\bchildren\b/;

/** The line spans of top-level components in a file that redirect on a condition and otherwise render what they wrap. */
function guardSpans(index: RepoIndex, file: string): readonly (readonly [number, number])[] {
  return (
    index.memo('react-router.guard-shape@2', file, (text) => {
      if (!REDIRECTS.test(text) || !RENDERS_WRAPPED.test(text)) return [];
      const sf = index.parse(file);
      if (!sf) return [];
      const spans: [number, number][] = [];
      const consider = (node: ts.Node, fn: ts.Node | undefined) => {
        if (!fn || !(ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !fn.body) return;
        const body = fn.body.getText(sf);
        if (REDIRECTS.test(body) && RENDERS_WRAPPED.test(body) && redirectsOnCondition(fn.body, sf)) {
          spans.push([lineOf(node, sf) ?? 0, sf.getLineAndCharacterOfPosition(node.getEnd()).line + 1]);
        }
      };
      for (const s of sf.statements) {
        if (ts.isFunctionDeclaration(s)) consider(s, s);
        else if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) consider(s, d.initializer && unwrapCall(d.initializer));
        else if (ts.isExportAssignment(s)) consider(s, unwrapCall(s.expression));
      }
      return spans;
    }) ?? []
  );
}

/** `memo(() => …)` / `observer(function …)`: the component inside a wrapping call. */
function unwrapCall(expr: ts.Expression): ts.Node {
  let e: ts.Expression = expr;
  while (ts.isCallExpression(e) && e.arguments.length) e = e.arguments[e.arguments.length - 1];
  return ts.isParenthesizedExpression(e) ? e.expression : e;
}

/**
 * The body redirects on a condition: a branch of `cond ? a : b`, `cond && a` or an `if` sends the visitor elsewhere.
 * Event handlers in JSX attributes are skipped (a logout button's `onClick={() => navigate('/')}` guards nothing), and
 * so is a branch taken only for signed-in visitors (`user ? <Navigate to="/" /> : <Outlet />`: a guest-only route).
 */
function redirectsOnCondition(body: ts.Node, sf: ts.SourceFile): boolean {
  let found = false;
  const redirects = (n: ts.Node | undefined) => !!n && REDIRECTS.test(n.getText(sf));
  // The branch taken when the condition holds (or, `whenFalse`, when it does not) is for signed-in visitors only.
  const signedIn = (cond: ts.Expression, whenFalse = false) => conditionAudience(cond, sf) === (whenFalse ? 'signed-out' : 'signed-in');
  const visit = (n: ts.Node): void => {
    if (found || ts.isJsxAttribute(n)) return;
    if (ts.isConditionalExpression(n)) found = (redirects(n.whenTrue) && !signedIn(n.condition)) || (redirects(n.whenFalse) && !signedIn(n.condition, true));
    else if (ts.isIfStatement(n)) found = (redirects(n.thenStatement) && !signedIn(n.expression)) || (redirects(n.elseStatement) && !signedIn(n.expression, true));
    else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) found = redirects(n.right) && !signedIn(n.left);
    if (!found) ts.forEachChild(n, visit);
  };
  visit(body);
  return found;
}

/** A component is a route guard when its name says so or its definition redirects unless a condition holds. */
export function isGuardComponent(index: RepoIndex, name: string, ref: ComponentRef | undefined): boolean {
  if (isGuardName(name)) return true;
  if (!ref?.file || ref.line === undefined) return false;
  const line = ref.line;
  return guardSpans(index, ref.file).some(([from, to]) => line >= from && line <= to);
}
