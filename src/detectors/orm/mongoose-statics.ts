/**
 * Custom statics of a Mongoose schema (`schema.statics = { removeByUser() { return this.deleteMany(…) } }`,
 * `schema.statics.x = function`, `schema.static('x', fn)`, `new Schema(def, { statics: {…} })`). The code calls them on
 * the model (`Session.removeByUser(id)`), which is access to that model: the access visitor records such a call, with
 * the operation the static's body performs through `this` when it says (a write when any call writes); a static that
 * calls nothing on `this` is a plain helper (`User.hashIP(ip)`), not access.
 */
import { ts, walk } from '../../scan/ts.js';
import { propertyNameText, staticString } from '../shared/ast.js';
import { MONGOOSE_METHODS } from './access-entities.js';

export type StaticKind = 'read' | 'write' | 'call' | 'none';

/** Schema variable → static name → what its body does through `this`. */
export type SchemaStatics = Map<string, Record<string, StaticKind>>;

/** Records the statics one node of a model file declares, by the schema variable they belong to. */
export function collectStatics(node: ts.Node, out: SchemaStatics): void {
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
    const left = node.left;
    // `schema.statics = { … }`
    if (left.name.text === 'statics' && ts.isIdentifier(left.expression)) addObject(out, left.expression.text, node.right);
    // `schema.statics.x = function () { … }`
    else if (ts.isPropertyAccessExpression(left.expression) && left.expression.name.text === 'statics' && ts.isIdentifier(left.expression.expression)) {
      add(out, left.expression.expression.text, left.name.text, node.right);
    }
    return;
  }
  // `schema.static('x', fn)` or `schema.static({ x() {} })`
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'static' && ts.isIdentifier(node.expression.expression)) {
    const schema = node.expression.expression.text;
    const [first, second] = node.arguments;
    const name = first ? staticString(first)?.text : undefined;
    if (name && second) add(out, schema, name, second);
    else if (first) addObject(out, schema, first);
  }
}

/** `new Schema(def, { statics: { … } })` of the schema variable `schema`. */
export function optionStatics(out: SchemaStatics, schema: string, statics: ts.Expression | undefined): void {
  if (statics) addObject(out, schema, statics);
}

function addObject(out: SchemaStatics, schema: string, obj: ts.Expression): void {
  if (!ts.isObjectLiteralExpression(obj)) return;
  for (const p of obj.properties) {
    const name = p.name ? propertyNameText(p.name) : undefined;
    if (!name) continue;
    if (ts.isMethodDeclaration(p)) add(out, schema, name, p);
    else if (ts.isPropertyAssignment(p)) add(out, schema, name, p.initializer);
  }
}

function add(out: SchemaStatics, schema: string, name: string, body: ts.Node): void {
  const map = out.get(schema) ?? {};
  map[name] = bodyKind(body);
  out.set(schema, map);
}

/**
 * `this.deleteMany(…)` in the body: a write; `this.find(…)` only: a read; another call on `this` (a static of a plugin,
 * `this.model('Other')`): unknown; no call on `this` at all (`hashIP(ip)`, `generateToken()`): `none`, a helper that
 * reads and writes nothing (a query it makes on the model by name is recorded where it is written).
 */
function bodyKind(body: ts.Node): StaticKind {
  let kind: StaticKind = 'none';
  walk(body, (n) => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return;
    if (n.expression.expression.kind !== ts.SyntaxKind.ThisKeyword) return;
    const found = MONGOOSE_METHODS.get(n.expression.name.text) ?? 'call';
    if (found === 'write' || kind === 'none' || (kind === 'call' && found === 'read')) kind = found;
  });
  return kind;
}
