/** A client class read from its declaration: public methods with signatures, docs and the endpoints they call. */
import { onFirstUse } from '../../scan/lazy-ts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts, walk } from '../../scan/ts.js';
import { constantsOf, lastName } from '../shared/ast.js';
import { followExport, importsCached, localDeclaration } from '../shared/component-ref.js';
import { httpCalls, type HttpCall } from '../shared/http-calls.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { oneLine } from '../../markdown/text.js';
import { docOf, summary } from './jsdoc.js';
import { clip } from '../../secrets/clip.js';

export interface SdkMethod {
  readonly name: string;
  /** `get<T>(namespace: string, key: string): Promise<T | null>` as written. */
  readonly signature: string;
  /** Names of the required parameters, for examples built from the signature. */
  readonly required: readonly string[];
  readonly doc?: string;
  readonly static: boolean;
  readonly endpoints: readonly HttpCall[];
  readonly file: string;
  readonly line: number;
}

export interface ClassInfo {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly doc?: string;
  readonly extendsName?: string;
  readonly methods: readonly SdkMethod[];
  /** `client.buckets` → the class behind it. */
  readonly resources: readonly { readonly property: string; readonly className: string; readonly file?: string }[];
  readonly node: ts.ClassDeclaration;
  readonly sf: ts.SourceFile;
}

const PRIVATE = onFirstUse(() => new Set([ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.ProtectedKeyword]));

export function readClass(index: RepoIndex, node: ts.ClassDeclaration, sf: ts.SourceFile): ClassInfo {
  const constants = constantsOf(sf);
  const all = new Map<string, { method: SdkMethod; public: boolean; calls: string[] }>();
  const resources: { property: string; className: string; file?: string }[] = [];
  for (const member of node.members) {
    const name = member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined;
    const mods = ts.canHaveModifiers(member) ? ts.getModifiers(member) ?? [] : [];
    const hidden = !name || mods.some((m) => PRIVATE().has(m.kind)) || name.startsWith('_') || (member.name && ts.isPrivateIdentifier(member.name));
    const isStatic = mods.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
    let fn: ts.SignatureDeclaration | undefined;
    if (ts.isMethodDeclaration(member)) fn = member;
    else if (ts.isPropertyDeclaration(member) && member.initializer && (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer))) {
      fn = member.initializer;
    }
    if (fn && name) {
      const body = (fn as ts.FunctionLikeDeclaration).body;
      const method: SdkMethod = {
        name,
        signature: signatureOf(name, fn, sf),
        required: fn.parameters.filter((p) => !p.questionToken && !p.initializer && !p.dotDotDotToken).map((p) => (ts.isIdentifier(p.name) ? p.name.text : 'options')),
        doc: summary(docOf(member, sf)),
        static: isStatic,
        endpoints: body ? httpCalls(body, sf, constants) : [],
        file: sf.fileName,
        line: lineOf(member, sf),
      };
      all.set(name, { method, public: !hidden, calls: body ? thisCalls(body) : [] });
    }
    if (!hidden && name && ts.isPropertyDeclaration(member) && member.initializer && ts.isNewExpression(member.initializer)) {
      resources.push(resource(index, sf, name, member.initializer));
    }
  }
  // `this.buckets = new Buckets(this.http)` in the constructor.
  const ctor = node.members.find(ts.isConstructorDeclaration);
  if (ctor?.body) {
    walk(ctor.body, (n) => {
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(n.left) &&
        n.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
        ts.isNewExpression(n.right)
      ) {
        const prop = n.left.name.text;
        const declaredPrivate = node.members.some(
          (m) => ts.isPropertyDeclaration(m) && m.name.getText(sf) === prop && (ts.getModifiers(m) ?? []).some((x) => PRIVATE().has(x.kind)),
        );
        if (!declaredPrivate && !prop.startsWith('_') && !resources.some((r) => r.property === prop)) resources.push(resource(index, sf, prop, n.right));
      }
    });
  }
  // A method that only delegates (`this.fetchJson('/v2/me')`, `this.request(...)`) calls what its callee calls.
  const endpointsOf = (name: string, seen: Set<string>): HttpCall[] => {
    const entry = all.get(name);
    if (!entry || seen.has(name)) return [];
    seen.add(name);
    if (entry.method.endpoints.length) return [...entry.method.endpoints];
    return entry.calls.flatMap((c) => endpointsOf(c, seen));
  };
  const methods = [...all.values()]
    .filter((e) => e.public)
    .map((e) => (e.method.endpoints.length ? e.method : { ...e.method, endpoints: endpointsOf(e.method.name, new Set()) }));
  const heritage = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  return {
    name: node.name?.text ?? 'default',
    file: sf.fileName,
    line: lineOf(node, sf),
    doc: summary(docOf(node, sf)),
    extendsName: heritage ? heritage.expression.getText(sf) : undefined,
    methods,
    resources,
    node,
    sf,
  };
}

function resource(index: RepoIndex, sf: ts.SourceFile, property: string, created: ts.NewExpression) {
  const className = lastName(created.expression) ?? created.expression.getText(sf);
  return { property, className, file: classFile(index, sf, className) };
}

/** The file declaring a class named in `sf` (locally or through its imports). */
export function classFile(index: RepoIndex, sf: ts.SourceFile, name: string): string | undefined {
  if (localDeclaration(sf, name)) return sf.fileName;
  const binding = importsCached(sf).get(name);
  const target = binding ? moduleResolver(index).resolve(sf.fileName, binding.module) : undefined;
  return target ? followExport(index, target, binding!.imported, 0).file : undefined;
}

export function findClass(index: RepoIndex, file: string, name: string): { node: ts.ClassDeclaration; sf: ts.SourceFile } | undefined {
  const sf = index.parse(file);
  const node = sf?.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === name);
  return sf && node ? { node, sf } : undefined;
}

function thisCalls(body: ts.Node): string[] {
  const out = new Set<string>();
  walk(body, (n) => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.expression.kind === ts.SyntaxKind.ThisKeyword) {
      out.add(n.expression.name.text);
    }
  });
  return [...out];
}

export function signatureOf(name: string, fn: ts.SignatureDeclaration, sf: ts.SourceFile): string {
  const typeParams = fn.typeParameters?.length ? `<${fn.typeParameters.map((t) => t.getText(sf)).join(', ')}>` : '';
  const params = fn.parameters.map((p) => p.getText(sf)).join(', ');
  const returns = fn.type ? `: ${fn.type.getText(sf)}` : '';
  const text = oneLine(`${name}${typeParams}(${params})${returns}`);
  return clip(text, 160);
}
