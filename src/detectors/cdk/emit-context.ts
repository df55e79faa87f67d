/**
 * Shared by the fact builders: stable fact ids for records, the scope chain, references between constructs
 * (which lambda an integration runs, which table an env var names) and citations that see through wrappers.
 */
import path from 'node:path';
import type { Citation } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import type { ts } from '../../scan/ts.js';
import type { AppInfo } from './app.js';
import { INTEGRATIONS } from './catalogue.js';
import type { CdkConstructData } from './facts.js';
import { scopeName, stackOf, within, wrapperCalls, type Model, type Rec } from './records.js';
import { citationOf, prop, propTexts, textOf, type Value } from './values.js';

const MAX_PROP_TEXT = 120;
const MAX_ID_TEXT = 48;

/** Unresolved ids are expressions as written; long ones are cut so ids and tables stay readable. */
export function shortId(id: { text: string; resolved: boolean }): string {
  return !id.resolved && id.text.length > MAX_ID_TEXT ? `${id.text.slice(0, MAX_ID_TEXT - 1)}…` : id.text;
}

export class EmitContext {
  private readonly ids = new Map<Rec, string>();
  readonly children = new Map<Rec, Rec[]>();

  constructor(
    readonly index: RepoIndex,
    readonly model: Model,
    readonly apps: readonly AppInfo[],
  ) {
    this.nameClasses();
    for (const rec of model.recs) {
      if (!rec.parent) continue;
      const list = this.children.get(rec.parent);
      if (list) list.push(rec);
      else this.children.set(rec.parent, [rec]);
    }
  }

  /** A lambda made by a project construct that makes only it (`new KvFunction(this, 'KvGetFn')`) is named after it. */
  wrapperOf(rec: Rec): Rec | undefined {
    const parent = rec.parent;
    if (!parent || !parent.decl || parent.kind !== 'cdk' || parent.category) return undefined;
    const lambdas = (this.children.get(parent) ?? []).filter((c) => c.category === 'lambda');
    return lambdas.length === 1 ? parent : undefined;
  }

  stackName(rec: Rec | undefined): string | undefined {
    const stack = stackOf(rec);
    if (!stack) return undefined;
    return stack.decl ? (this.classNames.get(stack.decl) ?? stack.className) : shortId(stack.idText);
  }

  /**
   * Classes are told apart by file and name: two stack (or construct) classes of one name in different files are
   * different classes, and the second is named `Name@file:line` — never merged into one stack.
   */
  private readonly classNames = new Map<ts.Node, string>();

  className(decl: ts.ClassLikeDeclaration | undefined, name: string): string {
    return (decl && this.classNames.get(decl)) ?? name;
  }

  private nameClasses(): void {
    const byName = new Map<string, Set<ts.ClassLikeDeclaration>>();
    for (const rec of this.model.recs) {
      if (!rec.decl || (rec.kind !== 'stack' && rec.kind !== 'cdk')) continue;
      const key = `${rec.kind === 'stack' ? 'stack' : 'construct'}\u0000${rec.className}`;
      byName.set(key, (byName.get(key) ?? new Set()).add(rec.decl));
    }
    for (const decls of byName.values()) {
      if (decls.size < 2) continue;
      // The first one the app reached keeps the plain name (records are in reading order).
      [...decls].slice(1).forEach((decl) => {
        const c = citationOf(decl.name ?? decl);
        this.classNames.set(decl, `${decl.name?.text ?? '(class)'}@${c.file}:${c.line}`);
      });
    }
  }

  /** `<Stack>/<id>/<id>`: ids below the stack, or below the enclosing class when the stack is not known. */
  id(rec: Rec): string {
    let id = this.ids.get(rec);
    if (id) return id;
    const named = rec.category === 'lambda' ? (this.wrapperOf(rec) ?? rec) : rec;
    const parts: string[] = [];
    let top: Rec | undefined = named;
    for (; top && top.kind !== 'stack'; top = top.parent) parts.unshift(this.siteId(top));
    const prefix = rec.kind === 'stack' ? '' : top ? this.stackName(top) : scopeName(named.frame);
    id = rec.kind === 'stack' ? this.stackName(rec) ?? rec.idText.text : [prefix, ...parts].filter(Boolean).join('/');
    this.ids.set(rec, id);
    return id;
  }

  setId(rec: Rec, id: string): void {
    this.ids.set(rec, id);
  }

  /** Ids worked out before the calls that tell repeats apart were known are worked out again. */
  clearIds(): void {
    this.ids.clear();
  }

  /**
   * One of several constructs the same `new` makes under an id not known statically, each through a different call
   * (`addResource(...)` per endpoint): that call names it (`id@file:line`) and is where it is cited.
   */
  private readonly sites = new Map<Rec, { node: ts.Node; suffix: string }>();

  setSite(rec: Rec, node: ts.Node, suffix: string): void {
    this.sites.set(rec, { node, suffix });
  }

  /**
   * A construct's own id part. One told apart by the call that made it is named by that call (`@stack.ts:32`); its id
   * expression is then cut to the function it calls (`makeName(…)`): the whole expression only repeated itself per row.
   */
  private siteId(rec: Rec): string {
    const site = this.sites.get(rec);
    if (!site) return shortId(rec.idText);
    const call = /^([\w$.]+)\(/.exec(rec.idText.text);
    return `${call ? `${call[1]}(…)` : shortId(rec.idText)}${site.suffix}`;
  }

  /**
   * Records that stand for more than one construct: made in a loop whose passes are not known, or made again at the
   * same line under an id not known statically (a loop over `[A, B]` with ids from each item). The CDK refuses one id
   * twice in a scope, so a repeat under a resolved id is the same construct read twice, not another one.
   */
  readonly repeated = new Set<Rec>();

  /** Citations of a construct: where it is declared for the reader (through wrappers), then where `new` is. */
  at(rec: Rec, category = rec.category ?? 'resource'): Citation[] {
    const site = this.sites.get(rec)?.node;
    if (site) {
      const [first, own] = [citationOf(site), citationOf(rec.node)];
      return first.file === own.file && first.line === own.line ? [own] : [first, own];
    }
    return this.citeThrough(rec.node, rec.frame, category, rec.idNode);
  }

  citeThrough(node: ts.Node, frame: Rec['frame'], category: string, origin: ts.Node | undefined): Citation[] {
    const wrappers = wrapperCalls(frame, category, origin);
    const outer = wrappers[wrappers.length - 1]?.callSite;
    const own = citationOf(node);
    if (!outer) return [own];
    const first = citationOf(outer);
    return first.file === own.file && first.line === own.line ? [own] : [first, own];
  }

  /** The call in stack (or app) code that reaches a helper doing the work, when the helper is not a plain wrapper. */
  via(frame: Rec['frame'], pathNode: ts.Node | undefined): Citation | undefined {
    let outer: Rec['frame'] | undefined;
    for (let f: Rec['frame'] | undefined = frame; f && f.callSite && (f.kind === 'fn' || f.kind === 'ctor'); f = f.parent) {
      if (!pathNode || within(pathNode, f.fnNode)) break;
      outer = f;
    }
    return outer?.callSite ? citationOf(outer.callSite) : undefined;
  }

  base(rec: Rec, display: Rec = rec): CdkConstructData {
    const props = propTexts(rec.props, MAX_PROP_TEXT);
    const frame = display === rec ? rec.frame : display.frame;
    // A resource a library construct creates reads best under that construct's id: `Site/CloudFrontDistribution`.
    const owner = display.createdBy;
    return {
      constructId: owner ? `${shortId(owner.idText)}/${this.siteId(display)}` : this.siteId(display),
      idResolved: display.idText.resolved,
      className: rec.className,
      module: rec.module,
      ...(display.variable ? { variable: display.variable } : {}),
      scope: scopeName(frame),
      ...(this.stackName(display) ? { stack: this.stackName(display) } : {}),
      props,
      ...(display.conditions.length > 0 ? { conditions: [...display.conditions] } : {}),
      ...(display.loop || this.repeated.has(display) ? { repeated: true as const } : {}),
    };
  }

  /** The record a value refers to: a construct, an attribute of one (`table.tableName`), a wrapper's only lambda. */
  recOf(value: Value | undefined, category?: string): Rec | undefined {
    if (!value) return undefined;
    let rec: Rec | undefined;
    if (value.k === 'rec') rec = value.rec;
    else if (value.k === 'attr') rec = value.of;
    if (!rec) return undefined;
    if (!category || rec.category === category) return rec;
    if (category === 'lambda') return this.lambdaIn(rec);
    return undefined;
  }

  lambdaOf(value: Value | undefined, depth = 0): Rec | undefined {
    if (value?.k === 'unknown' && value.refs && depth < 3) {
      // `'integrations/' + integration.ref` (an L1 route target) or an ARN built from `fn.functionArn`.
      for (const ref of value.refs) {
        if (ref.category === 'lambda') return ref;
        if (ref.className === 'CfnIntegration') {
          const found = this.lambdaOf(prop(ref.props, 'integrationUri'), depth + 1);
          if (found) return found;
        }
      }
      return undefined;
    }
    if (value?.k === 'rec' && value.rec.className === 'CfnIntegration' && depth < 3) return this.lambdaOf(prop(value.rec.props, 'integrationUri'), depth + 1);
    if (value?.k === 'ext' && value.args) {
      const name = value.path[value.path.length - 1];
      const where = INTEGRATIONS[name];
      if (where === 'handler') return this.recOf(prop(value.args[0], 'handler'), 'lambda');
      if (typeof where === 'number') return this.recOf(value.args[where], 'lambda');
      return undefined;
    }
    return this.recOf(value, 'lambda');
  }

  private lambdaIn(rec: Rec): Rec | undefined {
    const lambdas = (this.children.get(rec) ?? []).filter((c) => c.category === 'lambda');
    if (lambdas.length === 1) return lambdas[0];
    for (const field of ['function', 'fn', 'lambda', 'handler', 'func', 'lambdaFunction']) {
      const v = rec.fields.get(field);
      if (v?.k === 'rec' && v.rec.category === 'lambda') return v.rec;
    }
    return undefined;
  }

  /** A fact id when the value is a construct, else the expression as written. */
  ref(value: Value | undefined, category?: string): { text: string; resolved: boolean } {
    const rec = category === 'lambda' ? this.lambdaOf(value) : this.recOf(value, category);
    return rec ? { text: this.id(rec), resolved: true } : { text: textOf(value), resolved: false };
  }

  /** The CDK app folder a file belongs to: relative `entry` paths resolve against it (the `cdk` working directory). */
  /** True when `file` is inside a CDK app's folder (or the app is at the root). */
  inApp(file: string): boolean {
    return this.apps.some((a) => a.dir === '' || file.startsWith(`${a.dir}/`));
  }

  appDirFor(file: string): string {
    const app = [...this.apps]
      .filter((a) => a.dir === '' || file.startsWith(`${a.dir}/`))
      .sort((a, b) => b.dir.length - a.dir.length)[0];
    if (app) return app.dir;
    return this.index.packageOf(file)?.dir ?? path.posix.dirname(file);
  }
}
