/**
 * tRPC: every procedure by its path from the app router (`bookmarks.create`), query, mutation or subscription, the
 * builder it is made from (`protectedProcedure`) with that builder's middleware chain (`t.procedure.use(isAuthed)`)
 * as its guard, the resolver's code, and the HTTP endpoint the router is served at when an adapter shows it.
 */
import type { Citation, Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { dependsOn } from '../../scan/package-json.js';
import { importsOf } from '../shared/ast.js';
import { findDefinition } from '../shared/definitions.js';
import type { MiddlewareUse } from '../shared/middleware-use.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { isAppSource } from '../shared/source-scope.js';
import { stableIds } from '../shared/stable-ids.js';
import { ADAPTER_TEXT, endpointsIn, type TrpcEndpoint } from './adapters.js';
import { readTrpcFile, type Builder, type Middleware, type ProcedureType, type Ref, type TrpcFile } from './file.js';

export interface TrpcProcedureData {
  /** The package whose code declares the procedure. */
  readonly app: string;
  /** Dotted path from the root router: `bookmarks.create`. */
  readonly path: string;
  readonly type: ProcedureType;
  /** The builder as written (`protectedProcedure`, `t.procedure`), and where it is defined. */
  readonly builder?: string;
  readonly builderAt?: Citation;
  /** The builder's middleware chain, base first, then the procedure's own `.use(…)`. */
  readonly middleware: readonly MiddlewareUse[];
  /** A named resolver (`getUserHandler`); absent when inline. */
  readonly handler?: string;
  readonly handlerAt?: Citation;
  /** The root router and where it is created. */
  readonly router: string;
  readonly routerAt: Citation;
  /** URL prefix from the HTTP adapter, when one serves this router. */
  readonly endpoint?: string;
  readonly endpointAt?: Citation;
  /**
   * No adapter serves this router: the one of its package serves another root router (`router`), which does not
   * include this one, and no other file we read names it (`companyRouter` that `appRouter` never lists).
   */
  readonly notServed?: { readonly router: string; readonly endpoint: string; readonly endpointAt: Citation };
  readonly file: string;
  readonly line: number;
}

export type TrpcProcedureFact = Fact<'trpc.procedure', TrpcProcedureData>;

const ROUTER_TEXT = /\b(?:createTRPCRouter|createTrpcRouter|router|createRouter|mergeRouters)\s*\(|Procedure\b|\.procedure\b|\.middleware\s*\(/;

export const trpcDetector: Detector = {
  id: 'trpc',
  isEnabled: (index) => index.packages.some((p) => dependsOn(p.manifest, '@trpc/server')),
  detect(index) {
    const procedures = trpcProcedures(index);
    const ids = stableIds(procedures, [(d) => `trpc ${d.path}`, (d) => `trpc ${d.app} ${d.path}`, (d) => `trpc ${d.app} ${d.path} ${d.file}`]);
    return procedures.map((data, i): TrpcProcedureFact => ({ kind: 'trpc.procedure', id: ids[i], data, at: [{ file: data.file, line: data.line }] }));
  },
};

function trpcProcedures(index: RepoIndex): TrpcProcedureData[] {
  const resolver = moduleResolver(index);
  const trpcPackages = new Set(index.packages.filter((p) => dependsOn(p.manifest, '@trpc/server')).map((p) => p.dir));
  const inScope = (file: string) => {
    const pkg = index.packageOf(file);
    return !pkg || trpcPackages.has(pkg.dir);
  };
  const read = new Map<string, TrpcFile | undefined>();
  const fileOf = (file: string): TrpcFile | undefined => {
    if (!read.has(file)) {
      const sf = index.parse(file);
      read.set(file, sf ? readTrpcFile(sf) : undefined);
    }
    return read.get(file);
  };
  const endpoints: TrpcEndpoint[] = [];
  for (const file of index.files) {
    if (!isAppSource(index, file) || !inScope(file)) continue;
    const text = index.read(file);
    if (!text) continue;
    if (ROUTER_TEXT.test(text)) fileOf(file);
    if (ADAPTER_TEXT.test(text)) {
      const sf = index.parse(file);
      if (sf) endpoints.push(...endpointsIn(index, file, sf));
    }
  }

  /** The file and local name a reference leads to, following imports and re-exporting barrels. */
  const locate = (from: string, ref: Ref, has: (f: TrpcFile, name: string) => boolean): { file: string; name: string } | undefined => {
    if (!ref.binding) return has(fileOf(from)!, ref.name) ? { file: from, name: ref.name } : undefined;
    const target = resolver.resolve(from, ref.binding.module);
    if (!target) return undefined;
    const member = ref.binding.imported === '*' ? ref.name.split('.')[1] : ref.binding.imported;
    if (!member) return undefined;
    const tf = fileOf(target);
    const local = tf?.exports.get(member) ?? member;
    if (tf && has(tf, local)) return { file: target, name: local };
    const def = findDefinition(index, { file: target, name: member });
    const df = def?.line !== undefined ? fileOf(def.file) : undefined;
    return df && has(df, member) ? { file: def!.file, name: member } : undefined;
  };

  const middlewareUse = (file: string, m: Middleware): MiddlewareUse => {
    const at = { file, line: m.line };
    // `.use(({ ctx, next }) => …)`: its code is where it is written.
    if (m.ref.name === '(inline middleware)') return { name: m.ref.name, kind: 'procedure', at, code: at };
    const found = locate(file, m.ref, (f, n) => f.middleware.has(n));
    if (found) return { name: m.ref.name, kind: 'procedure', at, code: { file: found.file, line: fileOf(found.file)!.middleware.get(found.name)! } };
    const target = m.ref.binding && resolver.resolve(file, m.ref.binding.module);
    const code = target ? findDefinition(index, { file: target, name: m.ref.binding!.imported }) : undefined;
    return { name: m.ref.name, kind: 'procedure', at, ...(code ? { code } : {}) };
  };
  /** A builder's whole chain, base first: `protectedProcedure` → `t.procedure` + `.use(isAuthed)`. */
  const builderChain = (file: string, ref: Ref | undefined, depth = 0): { at?: Citation; middleware: MiddlewareUse[] } => {
    if (!ref || depth > 8 || ref.name.endsWith('.procedure')) return { middleware: [] };
    const found = locate(file, ref, (f, n) => f.builders.has(n));
    if (!found) return { middleware: [] };
    const b: Builder = fileOf(found.file)!.builders.get(found.name)!;
    const base = builderChain(found.file, b.base, depth + 1);
    return { at: { file: found.file, line: b.line }, middleware: [...base.middleware, ...b.middleware.map((m) => middlewareUse(found.file, m))] };
  };

  // Every router, and which are nested in another: the others are roots.
  const routers: { file: string; name: string }[] = [];
  const nested = new Set<string>();
  const key = (file: string, name: string) => `${file}#${name}`;
  const childOf = (file: string, router: Ref | { inline: string }) =>
    'inline' in router ? { file, name: router.inline } : locate(file, router, (f, n) => f.routers.has(n));
  for (const [file, tf] of [...read.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const [name, r] of tf?.routers ?? []) {
      routers.push({ file, name });
      for (const e of r.entries) {
        if (e.kind !== 'router') continue;
        const child = childOf(file, e.router);
        if (child) nested.add(key(child.file, child.name));
      }
    }
  }

  const out: TrpcProcedureData[] = [];
  /** A named resolver imported from another module. */
  const handlerCode = (file: string, ref: Ref): Citation | undefined => {
    if (!ref.binding) return undefined;
    const target = resolver.resolve(file, ref.binding.module);
    return target ? findDefinition(index, { file: target, name: ref.binding.imported === '*' ? ref.name.split('.').pop()! : ref.binding.imported }) : undefined;
  };
  const appOf = (file: string) => index.packageOf(file)?.name ?? '';
  const roots = routers.filter((r) => !nested.has(key(r.file, r.name)) && !r.name.startsWith('inline@'));
  const served = servedRoots(roots, endpoints, (e) => {
    // The router the adapter is given, followed through its import: `router: appRouter` from `./trpc/routers`.
    const binding = e.router ? importsOf(index.parse(e.file)!).get(e.router.split('.')[0]) : undefined;
    return e.router ? locate(e.file, { name: e.router, ...(binding ? { binding } : {}) }, (f, n) => f.routers.has(n)) : undefined;
  });
  /** A root no adapter serves, while its package's adapter serves another that no file but its own names it. */
  const notServed = (root: { file: string; name: string }): TrpcProcedureData['notServed'] => {
    if (root.name === 'default') return undefined;
    const other = [...served.entries()].find(([k, e]) => index.packageOf(e.file)?.dir === index.packageOf(root.file)?.dir && k !== key(root.file, root.name));
    if (!other) return undefined;
    const word = new RegExp(`\\b${root.name.replace(/[$]/g, '\\$')}\\b`);
    // Any other file of the package naming it may use it (`createCaller(companyRouter)`, a merge we do not follow).
    const dir = index.packageOf(root.file)?.dir;
    const named = index.files.some((f) => {
      if (f === root.file || index.packageOf(f)?.dir !== dir || !isAppSource(index, f)) return false;
      const text = index.read(f);
      return !!text && text.includes(root.name) && word.test(text);
    });
    if (named) return undefined;
    const [otherKey, e] = other;
    return { router: otherKey.slice(otherKey.indexOf('#') + 1), endpoint: e.endpoint, endpointAt: { file: e.file, line: e.line } };
  };
  for (const root of roots) {
    const rootRouter = fileOf(root.file)!.routers.get(root.name)!;
    const endpoint = served.get(key(root.file, root.name));
    const unserved = endpoint ? undefined : notServed(root);
    const emit = (file: string, name: string, prefix: string, stack: Set<string>) => {
      const k = key(file, name);
      const router = fileOf(file)?.routers.get(name);
      if (!router || stack.has(k) || stack.size > 12) return;
      const next = new Set(stack).add(k);
      for (const e of router.entries) {
        const path = [prefix, e.key].filter(Boolean).join('.');
        if (e.kind === 'router') {
          const child = childOf(file, e.router);
          if (child) emit(child.file, child.name, path, next);
          continue;
        }
        const chain = builderChain(file, e.builder);
        const handlerAt = e.handlerLine !== undefined ? { file, line: e.handlerLine } : e.handler ? handlerCode(file, e.handler) : undefined;
        out.push({
          app: appOf(file),
          path,
          type: e.type,
          ...(e.builder ? { builder: e.builder.name } : {}),
          ...(chain.at ? { builderAt: chain.at } : {}),
          middleware: [...chain.middleware, ...e.middleware.map((m) => middlewareUse(file, m))],
          ...(e.handler ? { handler: e.handler.name } : {}),
          ...(handlerAt ? { handlerAt } : {}),
          router: root.name === 'default' ? 'default export' : root.name,
          routerAt: { file: root.file, line: rootRouter.line },
          ...(endpoint ? { endpoint: endpoint.endpoint, endpointAt: { file: endpoint.file, line: endpoint.line } } : {}),
          ...(unserved ? { notServed: unserved } : {}),
          file,
          line: e.line,
        });
      }
    };
    emit(root.file, root.name, '', new Set());
  }
  return out.sort((a, b) => (a.app < b.app ? -1 : a.app > b.app ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Which root router each adapter serves (key `file#name` → adapter): the router it is given, followed to its
 * declaration; by name when that cannot be followed; and an adapter whose router is not known serves the package's
 * only root. A root no adapter names is not served by one (`companyRouter` beside the `appRouter` the adapter serves).
 */
function servedRoots(
  roots: readonly { file: string; name: string }[],
  endpoints: readonly TrpcEndpoint[],
  locateRouter: (e: TrpcEndpoint) => { file: string; name: string } | undefined,
): Map<string, TrpcEndpoint> {
  const out = new Map<string, TrpcEndpoint>();
  const keyOf = (r: { file: string; name: string }) => `${r.file}#${r.name}`;
  const rootKeys = new Set(roots.map(keyOf));
  for (const e of endpoints) {
    const found = locateRouter(e);
    const byName = found && rootKeys.has(keyOf(found)) ? [found] : roots.filter((r) => r.name === e.router);
    const target = byName.length > 0 ? byName : roots.length === 1 && (!found || !rootKeys.has(keyOf(found))) ? roots : [];
    for (const r of target) if (!out.has(keyOf(r))) out.set(keyOf(r), e);
  }
  return out;
}
