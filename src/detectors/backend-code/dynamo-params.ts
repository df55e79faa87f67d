/**
 * A `TableName` that is a function's parameter (`(docClient, usersTableName) => …`): the value is what the callers
 * pass. Only named functions, called by name in their own file or in production files of the same package that import
 * them, are followed, and only when every call passes an argument that leads to the same table.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, walk } from '../../scan/ts.js';
import { importsOf } from '../shared/ast.js';
import { moduleResolver } from '../shared/resolve-module.js';

export interface Found { readonly envVar?: string; readonly literal?: string }
/** Follows an argument written in `file` (its constants and imports) to a table. */
export type FollowArg = (arg: ts.Expression, file: string, sf: ts.SourceFile) => Found;

const TEST_FILE = /(^|\/)(test|tests|__tests__|__mocks__)\/|\.(test|spec)\.[cm]?[jt]sx?$/;
const MAX_SITES = 8;

export function fromCallers(index: RepoIndex, file: string, id: ts.Identifier, follow: FollowArg, depth = 0): Found {
  // `const { usersTableName } = config`, `config` a parameter: the property of what the callers pass.
  const from = destructuredFrom(id);
  return from ? viaCallers(index, file, from.source, [from.key], follow, depth) : viaCallers(index, file, id, [], follow, depth);
}

function viaCallers(index: RepoIndex, file: string, id: ts.Identifier, path: readonly string[], follow: FollowArg, depth: number): Found {
  const param = depth < 4 ? parameterOf(id) : undefined;
  if (!param) return {};
  const sites = callSites(index, file, param.name);
  if (sites.length === 0 || sites.length > MAX_SITES) return {};
  let agreed: Found | undefined;
  for (const site of sites) {
    const arg = site.call.arguments[param.position];
    if (!arg || ts.isSpreadElement(arg)) return {};
    const found = path.length === 0 ? follow(arg, site.file, site.sf) : member(index, site, arg, path, follow, depth);
    if (!found.envVar && found.literal === undefined) return {};
    if (agreed && (agreed.envVar !== found.envVar || agreed.literal !== found.literal)) return {};
    agreed = found;
  }
  return agreed ?? {};
}

/** `path[0]` of an argument: an object literal's property, or a parameter passed on (`generateUser(id, config)`). */
function member(index: RepoIndex, site: Site, arg: ts.Expression, path: readonly string[], follow: FollowArg, depth: number): Found {
  if (ts.isObjectLiteralExpression(arg)) {
    for (const p of arg.properties) {
      if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === path[0]) return follow(p.initializer, site.file, site.sf);
      if (ts.isShorthandPropertyAssignment(p) && p.name.text === path[0]) return follow(p.name, site.file, site.sf);
    }
    return {};
  }
  return ts.isIdentifier(arg) ? viaCallers(index, site.file, arg, path, follow, depth + 1) : {};
}

/** `const { a, b: c } = source` declaring `id`: the source identifier and the property read. */
function destructuredFrom(id: ts.Identifier): { source: ts.Identifier; key: string } | undefined {
  for (let node: ts.Node | undefined = id.parent; node; node = node.parent) {
    if (!ts.isBlock(node) && !ts.isSourceFile(node)) continue;
    for (const statement of node.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const d of statement.declarationList.declarations) {
        if (!ts.isObjectBindingPattern(d.name) || !d.initializer || !ts.isIdentifier(d.initializer)) continue;
        for (const e of d.name.elements) {
          if (!e.dotDotDotToken && ts.isIdentifier(e.name) && e.name.text === id.text) {
            const key = e.propertyName && ts.isIdentifier(e.propertyName) ? e.propertyName.text : e.propertyName ? undefined : e.name.text;
            return key ? { source: d.initializer, key } : undefined;
          }
        }
      }
    }
    if (ts.isFunctionLike(node.parent)) break;
  }
  return undefined;
}

/** The named function declaring `id` as a plain parameter, and its position; undefined for anything else. */
function parameterOf(id: ts.Identifier): { name: string; position: number } | undefined {
  for (let node: ts.Node | undefined = id.parent; node; node = node.parent) {
    if (!ts.isFunctionLike(node)) continue;
    const position = node.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === id.text);
    if (position < 0) continue;
    if (ts.isFunctionDeclaration(node) && node.name) return { name: node.name.text, position };
    const holder = node.parent;
    if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) {
      return { name: holder.name.text, position };
    }
    return undefined;
  }
  return undefined;
}

interface Site { readonly file: string; readonly sf: ts.SourceFile; readonly call: ts.CallExpression }

function callSites(index: RepoIndex, file: string, name: string): Site[] {
  const out: Site[] = [];
  const resolver = moduleResolver(index);
  const dir = index.packageOf(file)?.dir ?? '';
  for (const other of index.filesUnder(dir)) {
    if (!/\.[cm]?[jt]sx?$/.test(other) || other.includes('node_modules/') || (other !== file && TEST_FILE.test(other))) continue;
    if (!(index.read(other) ?? '').includes(name)) continue;
    const sf = index.parse(other);
    if (!sf) continue;
    let local: string | undefined = other === file ? name : undefined;
    if (other !== file) {
      for (const [as, binding] of importsOf(sf)) if (binding.imported === name && resolver.resolve(other, binding.module) === file) local = as;
    }
    if (!local) continue;
    walk(sf, (node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === local) {
        out.push({ file: other, sf, call: node });
      }
    });
  }
  return out;
}
