/** `cdk.app`, `cdk.stack`, `cdk.construct`, and the generic resources: alarms, outputs, everything else. */
import type { Citation } from '../../facts.js';
import type { ts } from '../../scan/ts.js';
import { serviceOf } from './catalogue.js';
import { alternativesOf, exclusive } from './alternatives.js';
import { cfnDatabase, databaseEngine } from './emit-databases.js';
import { resourceLabel } from './resource-labels.js';
import { baseOf, classKind } from './classes.js';
import type { EmitContext } from './emit-context.js';
import type {
  CdkAlarmFact,
  CdkAppFact,
  CdkConstructClassFact,
  CdkCrossStackRef,
  CdkOutputFact,
  CdkResourceData,
  CdkResourceFact,
  CdkStackData,
  CdkStackFact,
} from './facts.js';
import type { Interpreter } from './interpreter.js';
import type { AppInfo } from './app.js';
import { versionOf } from './other-apps.js';
import { dependsOn } from '../../scan/package-json.js';
import { stackOf, within as inside, type Rec, type StackUse } from './records.js';
import type { UnusedStackClass } from './unreached.js';
import { citationOf, prop, propNode, propText, propTexts, stringOf, textOf, type Value } from './values.js';

export function appFacts(ctx: EmitContext, unused: readonly UnusedStackClass[] = []): CdkAppFact[] {
  // The version is the deployed app's: its package's CDK dependency, else the modules its constructs come from
  // (`@aws-cdk/*-alpha` modules are CDK v2's experimental ones).
  const fromCode = versionOf(ctx.model.recs.map((r) => r.module));
  const versionOfApp = (app: AppInfo): 1 | 2 => {
    const manifest = ctx.index.packageOf(app.entry ?? app.cdkJson ?? `${app.dir}/x`)?.manifest;
    if (manifest && dependsOn(manifest, /^(aws-cdk-lib|monocdk)$/)) return 2;
    if (manifest && dependsOn(manifest, /^@aws-cdk\/core$/)) return 1;
    return fromCode;
  };
  const within = (dir: string, file: string) => dir === '' || file.startsWith(`${dir}/`);
  const reads = <T extends { node: ts.Node }>(list: readonly T[], dir: string, key: (x: T) => string) => {
    const seen = new Set<string>();
    return list
      .filter((x) => ctx.apps.length <= 1 || within(dir, x.node.getSourceFile().fileName))
      .map((x) => ({ name: key(x), at: citationOf(x.node) }))
      .filter((x) => !seen.has(`${x.name}@${x.at.file}:${x.at.line}`) && seen.add(`${x.name}@${x.at.file}:${x.at.line}`))
      .sort((a, b) => a.name.localeCompare(b.name) || a.at.file.localeCompare(b.at.file) || (a.at.line ?? 0) - (b.at.line ?? 0));
  };
  const appOf = (file: string) => [...ctx.apps].filter((a) => within(a.dir, file)).sort((a, b) => b.dir.length - a.dir.length)[0] ?? ctx.apps[0];
  return ctx.apps.map((app) => {
    const notDeployed = unused
      .filter((u) => appOf(u.file) === app)
      .map((u) => ({ className: u.decl.name?.text ?? '(class)', reason: u.reason, at: citationOf(u.decl.name ?? u.decl) }))
      .sort((a, b) => a.at.file.localeCompare(b.at.file) || (a.at.line ?? 0) - (b.at.line ?? 0));
    return {
    kind: 'cdk.app' as const,
    id: app.cdkJson ?? app.entry ?? app.dir,
    data: {
      ...(app.cdkJson ? { cdkJson: app.cdkJson } : {}),
      dir: app.dir,
      ...(app.command ? { command: app.command } : {}),
      ...(app.entry ? { entry: app.entry } : {}),
      contextKeys: app.contextKeys,
      ...(app.contextFileKeys ? { contextFileKeys: app.contextFileKeys.map((k) => ({ key: k.key, at: { file: app.dir === '' ? 'cdk.context.json' : `${app.dir}/cdk.context.json`, line: k.line } })) } : {}),
      contextReads: [
        ...reads(ctx.model.contextReads, app.dir, (r) => r.key).map((r) => ({ key: r.name, at: r.at })),
        ...allContextReads(ctx, app.dir, ctx.model.contextReads.some((r) => r.key === '*')),
      ],
      envReads: reads(ctx.model.envReads, app.dir, (r) => r.name),
      cdkVersion: versionOfApp(app),
      ...(notDeployed.length > 0 ? { stackClassesNotDeployed: notDeployed } : {}),
    },
    at: [{ file: app.cdkJson ?? app.entry ?? app.dir }],
  };
  });
}

/**
 * Which stack a value lives in: a construct, an attribute of one, or a stack itself; nested objects are searched, and
 * so are the arguments of a library object that is no construct (`new LambdaIntegration(fn)` wraps `fn`, so passing it
 * to another stack references `fn`'s stack) and the constructs a built string mentions.
 */
function stackOfValue(value: Value | undefined, depth = 0): Rec | undefined {
  if (!value || depth > 3) return undefined;
  if (value.k === 'rec') return stackOf(value.rec);
  if (value.k === 'attr') return stackOf(value.of);
  if (value.k === 'res') return stackOf(value.api);
  const inner = value.k === 'obj' ? [...value.props.values()] : value.k === 'arr' ? value.items : value.k === 'ext' && value.isNew ? value.args ?? [] : [];
  for (const v of inner) { const s = stackOfValue(v, depth + 1); if (s) return s; }
  if (value.k === 'unknown') for (const r of value.refs ?? []) { const s = stackOf(r); if (s) return s; }
  return undefined;
}

export function stackFacts(ctx: EmitContext, it: Interpreter): CdkStackFact[] {
  const out: CdkStackFact[] = [];
  const stacks = ctx.model.recs.filter((r) => r.kind === 'stack');
  const alternatives = alternativesOf(stacks.map((r) => ({ key: r, uses: (ctx.model.stackUses.get(r) ?? []).map((u) => u.conditions) })));
  // A use of a stack under conditions that exclude every instance of another stack cannot receive its resources.
  const excluded = (use: StackUse, other: Rec) => {
    const theirs = ctx.model.stackUses.get(other) ?? [];
    return theirs.length > 0 && theirs.every((u) => exclusive(use.conditions, u.conditions));
  };
  for (const rec of stacks) {
    const uses = ctx.model.stackUses.get(rec) ?? [];
    const refs: CdkCrossStackRef[] = [];
    const depends = new Set<string>();
    for (const use of uses) {
      if (use.props?.k !== 'obj') continue;
      for (const [key, value] of use.props.props) {
        const other = stackOfValue(value);
        if (!other || other === rec || excluded(use, other)) continue;
        const name = ctx.stackName(other)!;
        depends.add(name);
        const node = propNode(use.props, key);
        refs.push({ fromStack: name, prop: key, expression: propText(use.props, key), at: citationOf(node ?? use.node) });
      }
    }
    for (const d of ctx.model.dependencies) {
      const to = stackOf(d.to);
      if (stackOf(d.from) === rec && to && to !== rec && !(alternatives.get(rec) ?? []).includes(to)) depends.add(ctx.stackName(to)!);
    }
    const constructs = new Set<string>();
    for (const r of ctx.model.recs) if (r.decl && r.kind === 'cdk' && !r.category && !r.cdkClass && stackOf(r) === rec) constructs.add(ctx.className(r.decl, r.className));
    const extendsText = rec.decl ? classKind(it, rec.decl).extendsText : rec.className;
    out.push({
      kind: 'cdk.stack',
      id: ctx.id(rec),
      data: {
        className: rec.decl ? rec.className : ctx.id(rec),
        extends: extendsText,
        ...(rec.decl ? {} : { direct: true }),
        instances: uses.map((u) => ({
          id: u.idText,
          ...(u.variable ? { variable: u.variable } : {}),
          props: propTexts(u.props),
          ...(u.conditions.length ? { conditions: [...u.conditions] } : {}),
          at: citationOf(u.node),
        })),
        dependsOn: [...depends].sort(),
        crossStackRefs: refs.sort((a, b) => a.prop.localeCompare(b.prop)),
        constructs: [...constructs].sort(),
        ...basesOf(ctx, it, rec),
        ...((alternatives.get(rec) ?? []).length > 0 ? { alternatives: alternatives.get(rec)!.map((r) => ctx.stackName(r)!).sort() } : {}),
        ...importedApisOf(ctx, rec),
        ...unmappedOf(ctx, rec),
      },
      at: [citationOf(rec.decl?.name ?? rec.decl ?? rec.node)],
    });
  }
  return out;
}

/**
 * Resources and methods a stack adds to an API it imports (`RestApi.fromRestApiAttributes(this, …)`, often in a
 * helper function): CDK creates them in the importing stack, so they are what that stack deploys.
 */
function importedApisOf(ctx: EmitContext, stack: Rec): Pick<CdkStackData, 'importedApis'> {
  const byApi = new Map<Rec, { imports: Map<string, { factory: string; at: Citation }>; methods: number; resources: number; atLeast: boolean }>();
  const entry = (api: Rec) => {
    let e = byApi.get(api);
    if (!e) byApi.set(api, (e = { imports: new Map(), methods: 0, resources: 0, atLeast: false }));
    return e;
  };
  const note = (e: ReturnType<typeof entry>, ref: { node: ts.Node; factory: string }) => {
    const at = citationOf(ref.node);
    e.imports.set(`${at.file}:${at.line}`, { factory: ref.factory, at });
  };
  const seenRoutes = new Set<string>();
  for (const route of ctx.model.routes) {
    if (!route.api || route.importedBy?.stack !== stack) continue;
    // The same method read twice (a stack constructor read again for a second `new`) is one method.
    const at = citationOf(route.node);
    const key = `${route.api.seq} ${at.file}:${at.line}:${route.node.pos} ${route.method} ${route.path}`;
    if (seenRoutes.has(key)) continue;
    seenRoutes.add(key);
    const e = entry(route.api);
    e.methods++;
    note(e, route.importedBy);
  }
  const seenResources = new Set<ts.Node>();
  for (const r of ctx.model.importedApiResources) {
    if (r.importedBy.stack !== stack || seenResources.has(r.node)) continue;
    seenResources.add(r.node);
    const e = entry(r.api);
    e.resources += r.count;
    if (r.inLoop) e.atLeast = true;
    note(e, r.importedBy);
  }
  const list = [...byApi.entries()].map(([api, e]) => {
    const apiStack = api.imported ? undefined : ctx.stackName(api);
    return {
      api: ctx.id(api),
      ...(apiStack && apiStack !== ctx.stackName(stack) ? { apiStack } : {}),
      imports: [...e.imports.values()].sort((a, b) => a.at.file.localeCompare(b.at.file) || (a.at.line ?? 0) - (b.at.line ?? 0)),
      methods: e.methods,
      resources: e.resources,
      ...(e.atLeast ? { atLeast: true } : {}),
    };
  });
  return list.length > 0 ? { importedApis: list.sort((a, b) => a.api.localeCompare(b.api)) } : {};
}

/** Fact kinds that say what a stack creates (step 6's summary of a stack). */
const CREATED = new Set(['cdk.table', 'cdk.database', 'cdk.lambda', 'cdk.api', 'cdk.authorizer', 'cdk.userPool', 'cdk.userPoolClient', 'cdk.bucket', 'cdk.distribution', 'cdk.edgeFunction', 'cdk.alarm', 'cdk.resource', 'cdk.output']);

/** `unmapped` is kept only for a stack nothing else is mapped for: elsewhere the stack's summary already says something. */
export function keepUnmappedWhereEmpty<F extends { kind: string; id: string; data: unknown }>(facts: readonly F[]): F[] {
  const mapped = new Set<string>();
  for (const f of facts) {
    const stack = CREATED.has(f.kind) ? (f.data as { stack?: string }).stack : undefined;
    if (stack) mapped.add(stack);
  }
  return facts.map((f) => {
    const data = f.kind === 'cdk.stack' ? (f.data as CdkStackData) : undefined;
    if (!data?.unmapped || !(mapped.has(f.id) || data.importedApis)) return f;
    const { unmapped: _, ...rest } = data;
    return { ...f, data: rest };
  });
}

/** Categories whose constructs become routes (or nothing) and never a fact of their own. */
const ROUTE_ONLY = new Set(['restMethod', 'restResource', 'httpRoute', 'cfnRoute']);

function unmappedOf(ctx: EmitContext, stack: Rec): Pick<CdkStackData, 'unmapped'> {
  const byText = new Map<string, { text: string; count: number; at: Citation; seen: Set<ts.Node> }>();
  const add = (text: string, node: ts.Node) => {
    const e = byText.get(text) ?? { text, count: 0, at: citationOf(node), seen: new Set<ts.Node>() };
    if (e.seen.has(node)) return;
    e.seen.add(node);
    e.count++;
    byText.set(text, e);
  };
  for (const r of ctx.model.recs) if (r.kind === 'cdk' && !r.imported && r.category && ROUTE_ONLY.has(r.category) && stackOf(r) === stack) add(`new ${r.className}`, r.node);
  for (const c of ctx.model.unreadCalls) if (c.stack === stack) add(c.text, c.node);
  const list = [...byText.values()].map(({ text, count, at }) => ({ text, count, at })).sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
  return list.length > 0 ? { unmapped: list } : {};
}

/** The project classes a stack class extends, nearest first, with how many of its constructs each one defines. */
function basesOf(ctx: EmitContext, it: Interpreter, rec: Rec): Pick<CdkStackData, 'bases'> {
  const bases: { className: string; constructs: number; at: Citation }[] = [];
  for (let b = rec.decl ? baseOf(it, rec.decl) : undefined, i = 0; b?.k === 'class' && i < 10; b = baseOf(it, b.decl), i++) {
    const decl = b.decl;
    const fromBase = (r: Rec) => {
      if (inside(r.node, decl)) return true;
      for (let f: Rec['frame'] | undefined = r.frame; f; f = f.parent) if (f.fnNode && f.fnNode !== rec.decl && inside(f.fnNode, decl)) return true;
      return false;
    };
    const constructs = ctx.model.recs.filter((r) => r !== rec && r.kind === 'cdk' && stackOf(r) === rec && fromBase(r)).length;
    bases.push({ className: decl.name?.text ?? '(class)', constructs, at: citationOf(decl.name ?? decl) });
  }
  return bases.length > 0 ? { bases } : {};
}

export function constructClassFacts(ctx: EmitContext): CdkConstructClassFact[] {
  const byDecl = new Map<ts.Node, { name: string; at: Citation; stacks: Set<string>; creates: Map<string, number> }>();
  for (const r of ctx.model.recs) {
    if (!r.decl || r.kind !== 'cdk') continue;
    const entry = byDecl.get(r.decl) ?? { name: ctx.className(r.decl, r.className), at: citationOf(r.decl.name ?? r.decl), stacks: new Set<string>(), creates: new Map<string, number>() };
    const stack = ctx.stackName(r);
    if (stack) entry.stacks.add(stack);
    // What one instance creates (the most any instance does), named by service: `EventBus` → AppSync Events API.
    for (const [label, n] of createdBy(ctx, r)) entry.creates.set(label, Math.max(n, entry.creates.get(label) ?? 0));
    byDecl.set(r.decl, entry);
  }
  return [...byDecl.values()].map((e) => ({
    kind: 'cdk.construct' as const,
    id: e.name,
    data: {
      className: e.name,
      usedBy: [...e.stacks].sort(),
      ...(e.creates.size > 0 ? { creates: [...e.creates.entries()].map(([label, n]) => (n > 1 ? `${n} × ${label}` : label)) } : {}),
    },
    at: [e.at],
  }));
}

/** Labels of the notable resources a construct instance creates, directly or through constructs inside it. */
function createdBy(ctx: EmitContext, rec: Rec): Map<string, number> {
  const out = new Map<string, number>();
  const visit = (r: Rec, depth: number) => {
    if (depth > 8) return;
    for (const child of ctx.children.get(r) ?? []) {
      const label = resourceLabel(child, databaseEngine);
      if (label) out.set(label, (out.get(label) ?? 0) + 1);
      if (!child.category || child.decl) visit(child, depth + 1);
    }
  };
  if (rec.category) {
    const own = resourceLabel(rec, databaseEngine);
    if (own) out.set(own, 1);
  }
  visit(rec, 0);
  return out;
}

export function alarmFacts(ctx: EmitContext): CdkAlarmFact[] {
  return ctx.model.recs
    .filter((r) => r.category === 'alarm')
    .map((rec) => {
      const p = rec.props;
      const text = (v: Value | undefined) => (v && v.k !== 'undef' ? (stringOf(v) ?? textOf(v)) : undefined);
      const data = { ...ctx.base(rec), metric: text(prop(p, 'metric')), threshold: text(prop(p, 'threshold')), evaluationPeriods: text(prop(p, 'evaluationPeriods')) };
      return { kind: 'cdk.alarm' as const, id: ctx.id(rec), data: JSON.parse(JSON.stringify(data)) as typeof data, at: ctx.at(rec) };
    });
}

export function outputFacts(ctx: EmitContext): CdkOutputFact[] {
  return ctx.model.recs
    .filter((r) => r.category === 'output')
    .map((rec) => {
      const exportName = prop(rec.props, 'exportName');
      const description = prop(rec.props, 'description');
      return {
        kind: 'cdk.output' as const,
        id: ctx.id(rec),
        data: {
          ...ctx.base(rec),
          value: textOf(prop(rec.props, 'value')),
          ...(exportName ? { exportName: { text: stringOf(exportName) ?? textOf(exportName), resolved: stringOf(exportName) !== undefined } } : {}),
          ...(description ? { description: stringOf(description) ?? textOf(description) } : {}),
        },
        at: ctx.at(rec),
      };
    });
}

const AS_RESOURCE = new Set(['apiStage', 'graphqlApi', 'graphqlDataSource', 'graphqlResolver', 'graphqlFunction', 'graphqlSchema', 'rule', 'apiDomain', 'usagePlan', 'userPoolDomain', 'userPoolGroup', 'identityProvider', 'bucketDeployment', 'schedule', 'topic', 'eventSourceMapping']);

export function resourceFacts(ctx: EmitContext): CdkResourceFact[] {
  return ctx.model.recs
    .filter((r) => r.kind === 'cdk' && !r.imported && ((!r.category && (!r.decl || r.cdkClass) && !cfnDatabase(r)) || (r.category && AS_RESOURCE.has(r.category))))
    .map((rec) => ({
      kind: 'cdk.resource' as const,
      id: ctx.id(rec),
      // A project subclass of an AWS construct (`class UpdateClaims extends StateMachine`) is that resource.
      data: { ...ctx.base(rec), ...(rec.decl && rec.cdkClass ? { className: rec.cdkClass } : {}), service: serviceOf(rec.module) ?? rec.module, ...libraryOf(ctx, rec) },
      at: ctx.at(rec),
    }));
}

function libraryOf(ctx: EmitContext, rec: Rec): Pick<CdkResourceData, 'library'> {
  if (!rec.library) return {};
  const creates = ctx.model.recs.filter((r) => r.createdBy === rec).map((r) => ({ id: ctx.id(r), className: r.className }));
  return { library: { summary: rec.library.summary, creates } };
}

/**
 * `app.node.getAllContext()` read from the text too: the interpreter does not always reach it (a helper module whose
 * result goes into a schema's `parse`), and a missed one would make every cdk.json key "not read".
 */
function allContextReads(ctx: EmitContext, dir: string, interpreted: boolean): { key: string; at: { file: string; line: number } }[] {
  if (interpreted) return [];
  for (const file of ctx.index.filesUnder(dir)) {
    if (!/\.[cm]?[jt]s$/.test(file) || file.endsWith('.d.ts') || /(^|\/)(node_modules|cdk\.out)\//.test(file)) continue;
    const text = ctx.index.read(file);
    const at = text ? text.search(/\.getAllContext\s*\(/) : -1;
    if (text && at >= 0) return [{ key: '*', at: { file, line: text.slice(0, at).split('\n').length } }];
  }
  return [];
}
