/**
 * Who guards an SST route, from the route's own options or its API's defaults, as written. v3: `api.route(key,
 * handler, { auth: { iam: true } | { jwt: { authorizer } } | { lambda } | { cognito } | false })` and the API's
 * `transform.route.args.auth`; v2: `routes: { 'GET /x': { authorizer: 'iam' | 'none' | name } }` and
 * `defaults: { authorizer }`. `undefined` means no authorizer; a default we cannot read is said to be unread, never
 * taken for "public".
 */
import { ts } from '../../scan/ts.js';
import { property, propertyNameText } from '../shared/ast.js';

type Str = (e: ts.Expression | undefined) => string | undefined;

/** A route's own auth: a label, `null` for explicitly public, `undefined` when the route says nothing. */
export function routeAuth(options: ts.Expression | undefined, str: Str): string | null | undefined {
  if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
  const v3 = property(options, 'auth');
  if (v3) return v3Auth(v3);
  const v2 = property(options, 'authorizer');
  if (v2) {
    const name = str(v2);
    if (name === undefined) return `authorizer ${v2.getText()}`;
    return name === 'none' ? null : name === 'iam' ? 'IAM (aws_iam)' : `authorizer \`${name}\``;
  }
  return undefined;
}

/** An API's default for its routes (v3 `transform.route.args`, v2 `defaults.authorizer`). */
export function apiDefaultAuth(props: ts.Expression | undefined, str: Str): string | null | undefined {
  const args = property(property(property(props, 'transform'), 'route'), 'args');
  if (args) return ts.isObjectLiteralExpression(args) ? routeAuth(args, str) : 'set by `transform.route.args` (not read statically)';
  return routeAuth(property(props, 'defaults'), str);
}

function v3Auth(auth: ts.Expression): string | null | undefined {
  if (auth.kind === ts.SyntaxKind.FalseKeyword) return null;
  if (!ts.isObjectLiteralExpression(auth)) return `auth ${auth.getText()}`;
  const kinds = auth.properties.flatMap((p) => (p.name ? [propertyNameText(p.name) ?? ''] : []));
  if (kinds.includes('iam')) return property(auth, 'iam')?.kind === ts.SyntaxKind.FalseKeyword ? null : 'IAM (aws_iam)';
  if (kinds.includes('jwt')) return `JWT authorizer${described(property(property(auth, 'jwt'), 'authorizer'))}`;
  if (kinds.includes('cognito')) return `Cognito authorizer${described(property(property(auth, 'cognito'), 'authorizer'))}`;
  if (kinds.includes('lambda')) return `Lambda authorizer${described(property(auth, 'lambda'))}`;
  return kinds.length > 0 ? `auth: ${kinds.join(', ')}` : undefined;
}

function described(expr: ts.Expression | undefined): string {
  return expr ? ` \`${expr.getText().replace(/\s+/g, ' ').slice(0, 60)}\`` : '';
}
