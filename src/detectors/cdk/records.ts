/**
 * What the evaluator records while it reads CDK code: every construct created (with the scope it was created in and
 * the chain of project calls that led there), routes, grants and the other wiring calls. `emit-*.ts` turn these into
 * facts once the whole app has been read.
 */
import type { ts } from '../../scan/ts.js';
import type { Category } from './catalogue.js';
import type { CdkText } from './facts.js';
import type { LibraryConstruct } from './library-catalogue.js';
import type { ImportRef, Value } from './values.js';

/** One call of project code: a stack/construct constructor, a helper function or method, or the app script. */
export interface Frame {
  readonly name: string;
  readonly kind: 'script' | 'stack' | 'ctor' | 'fn';
  /** Where it was called from (absent for the app script and for classes read on their own). */
  readonly callSite?: ts.Node;
  /** The function or class entered. */
  readonly fnNode?: ts.Node;
  readonly parent?: Frame;
  /** How many constructs of each category were created inside this call (nested calls included). */
  readonly counts: Map<string, number>;
}

export interface Rec {
  readonly seq: number;
  /** `cdk` for a CDK class (or a project subclass of one), `instance` for any other project class. */
  readonly kind: 'app' | 'stack' | 'stage' | 'cdk' | 'instance';
  category?: Category;
  /** The class written after `new`: a CDK class or a project class. */
  readonly className: string;
  /** For a project class extending a CDK construct class (`class Api extends RestApi`): that class. */
  cdkClass?: string;
  module: string;
  idText: CdkText;
  readonly parent?: Rec;
  readonly node: ts.Node;
  readonly frame: Frame;
  props?: Value;
  /** Where the construct id was written (a literal in a helper, or an argument at the helper's call site). */
  readonly idNode?: ts.Node;
  readonly conditions: readonly string[];
  /** The loop it is created in when the loop's iterations are not known: one record stands for each pass. */
  readonly loop?: ts.Node;
  readonly fields: Map<string, Value>;
  variable?: string;
  /** Project class declaration, for instances of project classes. */
  readonly decl?: ts.ClassLikeDeclaration;
  /** A reference to an existing resource (`Table.fromTableName`), not a resource the app creates. */
  imported?: boolean;
  /** Category-specific additions made by method calls (`addGlobalSecondaryIndex`, `addEnvironment`…). */
  readonly extras: Map<string, Extra[]>;
  /** A construct of a well-known library (`CloudFrontToS3`): what it creates (see `library-catalogue.ts`). */
  library?: LibraryConstruct;
  /** A resource created by a library construct, and that construct. */
  createdBy?: Rec;
  /** For a function a library creates: where its code is (a folder prop) or what ships it, in words. */
  libraryCode?: { readonly value?: Value; readonly note: string };
}

export interface Extra {
  readonly values: readonly (Value | undefined)[];
  readonly node: ts.Node;
  readonly frame: Frame;
  readonly conditions: readonly string[];
}

export interface RouteRec {
  readonly api?: Rec;
  readonly method: string;
  readonly path: string;
  readonly pathResolved: boolean;
  readonly integration?: Value;
  readonly options?: Value;
  /** `defaultMethodOptions` of the resources above the method, nearest first. */
  readonly inherited: readonly Value[];
  readonly source: 'rest' | 'http' | 'proxy' | 'table';
  readonly node: ts.Node;
  /** Where the method was written: a helper's call site when it is passed in. */
  readonly methodNode?: ts.Node;
  /** Where the resource the method is added to was made: a helper's call site when it is passed in. */
  readonly pathNode?: ts.Node;
  readonly frame: Frame;
  readonly conditions: readonly string[];
  /** The literal the path or method came from when it is data (a route table row) rather than the call itself. */
  readonly row?: ts.Node;
  /** Added to an imported API: the method is a construct of the importing stack. */
  readonly importedBy?: ImportRef;
}

/** `resource.addResource('x')` / `resourceForPath('a/b')` on a REST API reached through an import (see `ImportRef`). */
export interface RestResourceRec {
  readonly api: Rec;
  readonly importedBy: ImportRef;
  /** Resources created: one per new path segment. */
  readonly count: number;
  readonly node: ts.Node;
  /** Made in a loop whose passes are not known: one record stands for each pass. */
  readonly inLoop: boolean;
}

export interface GrantRec {
  readonly method: string;
  readonly resource: Value;
  readonly grantee: Value;
  readonly node: ts.Node;
  readonly frame: Frame;
}

export interface StackUse {
  readonly props?: Value;
  readonly node: ts.Node;
  readonly conditions: readonly string[];
  readonly idText: CdkText;
  variable?: string;
}

export class Model {
  readonly recs: Rec[] = [];
  readonly routes: RouteRec[] = [];
  readonly importedApiResources: RestResourceRec[] = [];
  /** Method calls on constructs that no rule reads (`bucket.addCorsRule(…)`), with the stack being read. */
  readonly unreadCalls: { readonly stack?: Rec; readonly text: string; readonly node: ts.Node }[] = [];
  readonly grants: GrantRec[] = [];
  readonly dependencies: { readonly from: Rec; readonly to: Rec; readonly node: ts.Node }[] = [];
  readonly contextReads: { readonly key: string; readonly node: ts.Node }[] = [];
  readonly envReads: { readonly name: string; readonly node: ts.Node }[] = [];
  /** Stack class declaration → its record (its constructor is read once) and every place it is instantiated. */
  readonly stackRecs = new Map<ts.Node, Rec>();
  readonly stackUses = new Map<Rec, StackUse[]>();
  private seq = 0;

  add(rec: Omit<Rec, 'seq' | 'fields' | 'extras'>): Rec {
    const full: Rec = { ...rec, seq: this.seq++, fields: new Map(), extras: new Map() };
    this.recs.push(full);
    if (full.category) count(full.frame, full.category);
    return full;
  }

  extra(rec: Rec, key: string, extra: Extra): void {
    const list = rec.extras.get(key);
    if (list) list.push(extra);
    else rec.extras.set(key, [extra]);
  }
}

export function count(frame: Frame | undefined, category: string): void {
  for (let f = frame; f; f = f.parent) f.counts.set(category, (f.counts.get(category) ?? 0) + 1);
}

/** The stack a construct belongs to: through its scope chain, else the nearest stack constructor being read. */
export function stackOf(rec: Rec | undefined): Rec | undefined {
  for (let r = rec; r; r = r.parent) if (r.kind === 'stack') return r;
  return undefined;
}

/**
 * Project calls that only wrap this one construct (a `createFunction` helper, an `addRoute` helper) are transparent
 * when what tells the construct apart (its id, a route's method) is passed in by the caller: the construct is cited
 * where the wrapper is called, since that is where it is written. A construct class that makes one table with a
 * literal id keeps the table's own line.
 */
export function wrapperCalls(frame: Frame, category: string, origin?: ts.Node): Frame[] {
  const out: Frame[] = [];
  for (let f: Frame | undefined = frame; f && f.callSite && (f.kind === 'fn' || f.kind === 'ctor'); f = f.parent) {
    if ((f.counts.get(category) ?? 0) !== 1 || !origin || within(origin, f.fnNode)) break;
    out.push(f);
  }
  return out;
}

export function within(node: ts.Node, outer: ts.Node | undefined): boolean {
  return outer !== undefined && node.getSourceFile() === outer.getSourceFile() && node.pos >= outer.pos && node.end <= outer.end;
}

/** Name of the enclosing class or function for `scope`. */
export function scopeName(frame: Frame): string {
  for (let f: Frame | undefined = frame; f; f = f.parent) if (f.name && f.name !== '(anonymous)') return f.name;
  return 'app';
}
