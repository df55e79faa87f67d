/**
 * Constructor options of a client: the fields of its options type (with doc lines and `@default` tags) and the
 * defaults the constructor applies (`options.x ?? 10_000`, `{ x = 5 } = options`, `{ ...DEFAULTS, ...options }`).
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts, walk } from '../../scan/ts.js';
import { constantsOf, dottedName, propertyNameText } from '../shared/ast.js';
import { followExport, importsCached } from '../shared/component-ref.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { oneLine } from '../../markdown/text.js';
import { docOf, summary } from './jsdoc.js';
import { clip } from '../../secrets/clip.js';

export interface SdkOption {
  readonly name: string;
  readonly type?: string;
  readonly optional: boolean;
  /** As written in the code (`10_000`, `'https://api.example.com'`), or from an `@default` tag. */
  readonly default?: string;
  readonly defaultFrom?: 'code' | 'doc';
  readonly doc?: string;
}

export interface SdkOptions {
  /** The options type's name (`KVClientOptions`), when it has one. */
  readonly typeName?: string;
  readonly file?: string;
  readonly line?: number;
  /** `new KVClient(options: KVClientOptions)`. */
  readonly constructorSignature: string;
  readonly fields: readonly SdkOption[];
}

export function readOptions(index: RepoIndex, cls: ts.ClassDeclaration, sf: ts.SourceFile, className: string): SdkOptions | undefined {
  const ctor = cls.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
  if (!ctor) return undefined;
  const params = ctor.parameters.map((p) => p.getText(sf)).join(', ');
  const constructorSignature = oneLine(`new ${className}(${params})`);
  // The options object: a parameter typed `…Options`/`…Config`, a type literal or a destructured object; else the only one.
  const param =
    ctor.parameters.find(
      (p) =>
        ts.isObjectBindingPattern(p.name) ||
        (p.type && ts.isTypeLiteralNode(p.type)) ||
        (p.type && ts.isTypeReferenceNode(p.type) && /(Options|Config|Configuration|Settings|Params|Init|Props)$/.test(p.type.typeName.getText(sf))),
    ) ?? (ctor.parameters.length === 1 ? ctor.parameters[0] : undefined);
  if (!param) return { constructorSignature, fields: [] };
  const constants = constantsOf(sf);
  const literal = (e: ts.Expression): string => {
    const v = ts.isIdentifier(e) ? constants.get(e.text) : undefined;
    const shown = v && (ts.isLiteralExpression(v) || ts.isNoSubstitutionTemplateLiteral(v) || ts.isPrefixUnaryExpression(v)) ? v : e;
    const t = oneLine(shown.getText(sf));
    return clip(t, 60);
  };
  const defaults = new Map<string, string>();
  let fields: SdkOption[] = [];
  let typeName: string | undefined;
  let at: { file: string; line: number } | undefined;

  if (ts.isObjectBindingPattern(param.name)) {
    readBinding(param.name, defaults, literal);
    fields = param.name.elements.map((el) => ({ name: (el.propertyName ?? el.name).getText(sf), optional: !!el.initializer }));
  }
  const paramName = ts.isIdentifier(param.name) ? param.name.text : undefined;
  const type = param.type;
  if (type && ts.isTypeReferenceNode(type)) {
    typeName = type.typeName.getText(sf);
    const found = findType(index, sf, typeName);
    if (found) {
      fields = membersOf(found.node, found.sf);
      at = { file: found.sf.fileName, line: lineOf(found.node, found.sf) };
    }
  } else if (type && ts.isTypeLiteralNode(type)) {
    fields = membersOf(type, sf);
  }

  if (ctor.body) {
    walk(ctor.body, (n) => {
      // options.x ?? value, options?.x || value
      if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
        const left = n.left;
        if (ts.isPropertyAccessExpression(left) && paramName && dottedName(left.expression) === paramName && !defaults.has(left.name.text)) {
          defaults.set(left.name.text, literal(n.right));
        }
      }
      // const { x = 1 } = options
      if (ts.isVariableDeclaration(n) && ts.isObjectBindingPattern(n.name) && n.initializer && ts.isIdentifier(n.initializer) && n.initializer.text === paramName) {
        readBinding(n.name, defaults, literal);
      }
      // { ...DEFAULTS, ...options }
      if (ts.isObjectLiteralExpression(n) && paramName && n.properties.some((p) => ts.isSpreadAssignment(p) && dottedName(p.expression) === paramName)) {
        for (const p of n.properties) {
          if (!ts.isSpreadAssignment(p) || !ts.isIdentifier(p.expression) || p.expression.text === paramName) continue;
          const base = constants.get(p.expression.text);
          if (!base || !ts.isObjectLiteralExpression(base)) continue;
          for (const prop of base.properties) {
            const key = prop.name ? propertyNameText(prop.name) : undefined;
            if (key && ts.isPropertyAssignment(prop) && !defaults.has(key)) defaults.set(key, literal(prop.initializer));
          }
        }
      }
    });
  }
  const merged = fields.map((f): SdkOption => {
    const code = defaults.get(f.name);
    if (code !== undefined) return { ...f, default: code, defaultFrom: 'code' };
    return f.default !== undefined ? { ...f, defaultFrom: 'doc' } : f;
  });
  for (const [name, value] of defaults) {
    if (!merged.some((f) => f.name === name)) merged.push({ name, optional: true, default: value, defaultFrom: 'code' });
  }
  return { typeName, file: at?.file, line: at?.line, constructorSignature, fields: merged };
}

function readBinding(pattern: ts.ObjectBindingPattern, defaults: Map<string, string>, literal: (e: ts.Expression) => string): void {
  for (const el of pattern.elements) {
    const key = (el.propertyName ?? el.name).getText();
    if (el.initializer && !defaults.has(key)) defaults.set(key, literal(el.initializer));
  }
}

function membersOf(node: ts.Node, sf: ts.SourceFile): SdkOption[] {
  const members = ts.isInterfaceDeclaration(node)
    ? node.members
    : ts.isTypeAliasDeclaration(node) && ts.isTypeLiteralNode(node.type)
      ? node.type.members
      : ts.isTypeLiteralNode(node)
        ? node.members
        : undefined;
  if (!members) return [];
  return members.filter(ts.isPropertySignature).map((m) => {
    const doc = docOf(m, sf);
    const tagged = doc?.tags.get('default') ?? /@default\s+(.+?)\s*(\*\/|$)/m.exec(doc?.text ?? '')?.[1];
    const inline = /@default\s+(\S.*)$/.exec(doc?.text ?? '')?.[1];
    const text = doc?.text.replace(/@default\s+\S.*$/, '').trim();
    return {
      name: m.name.getText(sf),
      type: m.type ? oneLine(m.type.getText(sf)) : undefined,
      optional: !!m.questionToken,
      default: (tagged ?? inline)?.trim() || undefined,
      doc: summary(text ? { text, tags: new Map() } : undefined),
    };
  });
}

/** An interface or type alias named in `sf`, declared there or in the module it is imported from. */
export function findType(index: RepoIndex, sf: ts.SourceFile, name: string): { node: ts.Node; sf: ts.SourceFile } | undefined {
  const local = (file: ts.SourceFile) =>
    file.statements.find((s) => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === name);
  const here = local(sf);
  if (here) return { node: here, sf };
  const binding = importsCached(sf).get(name);
  const target = binding ? moduleResolver(index).resolve(sf.fileName, binding.module) : undefined;
  if (!target) return undefined;
  const file = followExport(index, target, binding!.imported, 0).file;
  const other = index.parse(file);
  const node = other ? local(other) : undefined;
  return other && node ? { node, sf: other } : undefined;
}
