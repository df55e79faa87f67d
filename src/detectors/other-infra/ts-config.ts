/**
 * Reads a TypeScript configuration object (`serverless.ts`) into the same node shape as the YAML reader gives, so one
 * interpreter serves both. Constants and imported objects are followed; what cannot be read stays as written.
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf } from '../../scan/ts.js';
import { importsOf, lastName, propertyNameText } from '../shared/ast.js';
import { moduleResolver } from '../shared/resolve-module.js';
import type { YamlMap, YamlNode } from '../../scan/yaml.js';
import { constantsIn, functionIn, returnedLiteral } from './ts-helpers.js';

type Entry = YamlMap['entries'][number];
/** A call in the config (`httpApiEvent('post', '/todos')`): its function's name, where it is written, whether it was read. */
export interface CallSite { name: string; file: string; line: number; read: boolean }

const origins = new WeakMap<YamlNode | Entry, string>();
const calls = new WeakMap<YamlNode, CallSite>();

/**
 * The file a node or a map entry read from TypeScript came from (imported objects live in other files than the config;
 * the entries of `{ ...imported }` keep the file that writes them).
 */
export function originOf(node: YamlNode | Entry): string | undefined {
  return origins.get(node);
}

/** The helper call a node was built by (read from the function's returned literal, or left as written). */
export function callSiteOf(node: YamlNode): CallSite | undefined {
  return calls.get(node);
}

/** A helper's parameter while its returned literal is read: the argument, read where the call is written. */
interface Argument { reader: Reader; expr: ts.Expression | undefined }

/** The configuration object a file exports (`export default`, `module.exports =`), as a node tree. */
export function exportedConfig(index: RepoIndex, file: string, projectDir: string, depth = 0): YamlNode | undefined {
  const sf = index.parse(file);
  if (!sf || depth > 4) return undefined;
  const reader = new Reader(index, file, sf, projectDir, depth);
  for (const s of sf.statements) {
    if (ts.isExportAssignment(s)) return reader.node(s.expression);
    if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && /^module\.exports$/.test(s.expression.left.getText(sf))) {
      return reader.node(s.expression.right);
    }
  }
  return undefined;
}

class Reader {
  private readonly constants: ReadonlyMap<string, ts.Expression>;
  private readonly imports: ReturnType<typeof importsOf>;

  constructor(
    private readonly index: RepoIndex,
    private readonly file: string,
    private readonly sf: ts.SourceFile,
    private readonly projectDir: string,
    private readonly depth: number,
    private readonly params: ReadonlyMap<string, Argument> = new Map(),
  ) {
    this.constants = constantsIn(sf);
    this.imports = importsOf(sf);
  }

  node(expr: ts.Expression, guard = 0): YamlNode {
    const node = this.read(expr, guard);
    if (!origins.has(node)) origins.set(node, this.file);
    return node;
  }

  private read(expr: ts.Expression, guard: number): YamlNode {
    const line = lineOf(expr, this.sf);
    // `guard` counts nesting (objects, constants, imports, helper calls): it ends cycles, and is deep enough for an event
    // built by a helper whose argument is another helper's object, in a function object imported into the config.
    if (guard > 24) return { kind: 'scalar', line, value: expr.getText(this.sf) };
    if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) return this.node(expr.expression, guard + 1);
    if (ts.isObjectLiteralExpression(expr)) {
      const entries: YamlMap['entries'][number][] = [];
      for (const p of expr.properties) {
        if (ts.isSpreadAssignment(p)) {
          const spread = this.node(p.expression, guard + 1);
          if (spread.kind === 'map') entries.push(...spread.entries);
        } else if (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) {
          const key = ts.isPropertyAssignment(p) ? (propertyNameText(p.name) ?? p.name.getText(this.sf)) : p.name.text;
          const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
          const entry: Entry = { key, line: lineOf(p, this.sf), value: this.node(value, guard + 1) };
          origins.set(entry, this.file);
          entries.push(entry);
        }
      }
      return { kind: 'map', line, entries };
    }
    if (ts.isArrayLiteralExpression(expr)) return { kind: 'seq', line, items: expr.elements.map((e) => this.node(e, guard + 1)) };
    if (ts.isIdentifier(expr) && this.params.has(expr.text)) {
      const arg = this.params.get(expr.text)!;
      return arg.expr ? arg.reader.node(arg.expr, guard + 1) : { kind: 'scalar', line, value: `\${${expr.text}}` };
    }
    if (ts.isCallExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text !== 'handlerPath') {
      const site: CallSite = { name: expr.expression.text, file: this.file, line, read: false };
      const built = this.call(expr, expr.expression.text, guard);
      // A copy: the same helper's literal read for another call must not take this call's place.
      const node: YamlNode = built ? { ...built, line } : { kind: 'scalar', line, value: this.text(expr) };
      calls.set(node, { ...site, read: built !== undefined });
      return node;
    }
    if (ts.isIdentifier(expr)) {
      const local = this.constants.get(expr.text);
      if (local) return this.node(local, guard + 1);
      const binding = this.imports.get(expr.text);
      const target = binding && moduleResolver(this.index).resolve(this.file, binding.module);
      if (target && binding.imported === 'default') {
        return exportedConfig(this.index, target, this.projectDir, this.depth + 1) ?? { kind: 'scalar', line, value: expr.text };
      }
      if (target && binding) {
        const tsf = this.index.parse(target);
        const init = tsf && constantsIn(tsf).get(binding.imported);
        if (tsf && init) return new Reader(this.index, target, tsf, this.projectDir, this.depth + 1).node(init, guard + 1);
      }
      if (expr.text === '__dirname') return { kind: 'scalar', line, value: this.dirFromProject() };
    }
    return { kind: 'scalar', line, value: this.text(expr) };
  }

  /**
   * A call of a function of the project (in this file or imported from another) that returns a literal: the literal,
   * read in the helper's file with each parameter standing for the call's argument (or the parameter's default).
   */
  private call(expr: ts.CallExpression, name: string, guard: number): YamlNode | undefined {
    if (guard > 20) return undefined;
    let file = this.file;
    let sf: ts.SourceFile | undefined = this.sf;
    let fnName = name;
    if (!functionIn(this.sf, name)) {
      const binding = this.imports.get(name);
      const target = binding && binding.imported !== 'default' && binding.imported !== '*' ? moduleResolver(this.index).resolve(this.file, binding.module) : undefined;
      if (!binding || !target) return undefined;
      file = target;
      sf = this.index.parse(target);
      fnName = binding.imported;
    }
    const fn = sf && functionIn(sf, fnName);
    const literal = fn && returnedLiteral(fn);
    if (!sf || !fn || !literal) return undefined;
    const params = new Map<string, Argument>();
    const helper: Reader = new Reader(this.index, file, sf, this.projectDir, this.depth + 1, params);
    fn.parameters.forEach((p, i) => {
      if (!ts.isIdentifier(p.name)) return;
      const arg = expr.arguments[i];
      params.set(p.name.text, arg && !ts.isSpreadElement(arg) ? { reader: this, expr: arg } : { reader: helper, expr: p.initializer });
    });
    return helper.node(literal, guard + 1);
  }

  /** String-ish text: literals, templates with readable parts, `handlerPath(__dirname)` as the folder. */
  private text(expr: ts.Expression): string {
    if (ts.isStringLiteralLike(expr) || ts.isNumericLiteral(expr)) return expr.text;
    if (expr.kind === ts.SyntaxKind.TrueKeyword) return 'true';
    if (expr.kind === ts.SyntaxKind.FalseKeyword) return 'false';
    if (ts.isTemplateExpression(expr)) {
      return expr.head.text + expr.templateSpans.map((s) => this.part(s.expression) + s.literal.text).join('');
    }
    return this.part(expr);
  }

  private part(expr: ts.Expression): string {
    if (ts.isIdentifier(expr) && expr.text === '__dirname') return this.dirFromProject();
    if (ts.isCallExpression(expr) && /^handlerPath$/.test(lastName(expr.expression) ?? '')) return this.dirFromProject();
    if (ts.isStringLiteralLike(expr)) return expr.text;
    if (ts.isIdentifier(expr) && this.params.has(expr.text)) {
      const arg = this.params.get(expr.text)!;
      const value = arg.expr ? arg.reader.node(arg.expr) : undefined;
      return value?.kind === 'scalar' && value.value !== null ? String(value.value) : `\${${expr.text}}`;
    }
    if (ts.isIdentifier(expr)) {
      const c = this.constants.get(expr.text);
      if (c && (ts.isStringLiteralLike(c) || ts.isTemplateExpression(c))) return this.text(c);
    }
    return `\${${expr.getText(this.sf)}}`;
  }

  private dirFromProject(): string {
    return path.posix.relative(this.projectDir, path.posix.dirname(this.file)) || '.';
  }
}
