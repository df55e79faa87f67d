/**
 * Composes per-file routing into full URL paths: follows mounts across files (imports resolved to repository files,
 * Fastify autoload folders) from the units nobody mounts (the apps), joining prefixes on the way, and carries the
 * middleware in front of each route: what the route names itself, what its mount names, the `use` calls before it
 * on each router it passes through (scoped by path), and Fastify plugin hooks.
 */
import path from 'node:path';
import type { Citation } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile } from '../../scan/ts.js';
import { findDefinition } from '../shared/definitions.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { isAppSource } from '../shared/source-scope.js';
import { middlewareSkips, skipsPath } from '../shared/middleware-skips.js';
import { analyseFile, type FileRouting, type MiddlewareRef, type Mount, type RouteDecl, type Unit } from './router-declarations.js';
import { joinPaths, packageName } from './paths.js';
import { crossFileLinks } from './router-links.js';
import { notMountedAnywhere, servedInItsFile, type NotMounted } from './router-unmounted.js';
import type { HttpFramework, MiddlewareUse } from './types.js';

const AUTOHOOKS = /(^|\/)autohooks\.[cm]?[jt]s$/;

export interface ComposedRoute extends Omit<RouteDecl, 'middleware' | 'order' | 'handlerModule' | 'handlerImported' | 'handlerMember' | 'handlerLine'> {
  readonly framework: HttpFramework;
  readonly file: string;
  readonly handlerAt?: Citation;
  readonly middleware: readonly MiddlewareUse[];
  /** The route is on a router no code mounts (router-unmounted.ts): not served. */
  readonly unmountedRouter?: { readonly name: string } & NotMounted;
  /**
   * A route a factory in another file adds to every router it makes (`createServiceApp()` adding `/docs`): the file
   * of the router made by the call, whose app serves it (the factory's own package only defines it).
   */
  readonly madeIn?: string;
}

/** Middleware active on a router: applies to what is declared after it, under its path (`''` = everywhere). */
interface Active {
  readonly use: MiddlewareUse;
  /** Full path pattern; `/admin` covers `/admin` and below, Hono's `/api/*` likewise. */
  readonly under: string;
  /** Source position of the `use` call on this router: only what is declared after it passes through it. */
  readonly after: number;
}

export function composeRoutes(index: RepoIndex, candidates: readonly string[]): ComposedRoute[] {
  const resolver = moduleResolver(index);
  const links = crossFileLinks(index);
  const analysed = new Map<string, FileRouting | undefined>();
  const routingOf = (file: string): FileRouting | undefined => {
    if (!analysed.has(file)) {
      const sf = isSourceFile(file) ? index.parse(file) : undefined;
      analysed.set(file, sf ? analyseFile(sf, links) : undefined);
    }
    return analysed.get(file);
  };
  // Keys join file and unit name with NUL, which neither holds (`this.#fastify` names a unit with a `#`).
  const key = (file: string, name: string) => `${file}\0${name}`;
  const fileOf = (k: string) => k.slice(0, k.indexOf('\0'));
  const unitAt = (k: string): Unit | undefined => routingOf(fileOf(k))?.units.get(k.slice(k.indexOf('\0') + 1));

  /** The unit a module exports under a name, through barrels (`export { a as b } from`, `export * from`). */
  const exportedUnit = (from: string, module: string, imported: string, depth: number): string | undefined => {
    const target = resolver.resolve(from, module);
    const routing = target ? routingOf(target) : undefined;
    if (!target || !routing || depth > 4) return undefined;
    const exported = routing.exports.get(imported) ?? imported;
    const name = routing.aliases.get(exported) ?? exported;
    if (routing.units.has(name)) return key(target, name);
    const re = routing.reExports.get(imported);
    if (re) return exportedUnit(target, re.module, re.imported, depth + 1);
    if (imported === 'default') return undefined;
    for (const star of routing.starExports) {
      const found = exportedUnit(target, star, imported, depth + 1);
      if (found) return found;
    }
    return undefined;
  };

  /** Target units of a mount, as keys (an autoload folder gives one per plugin file, with its folder as prefix). */
  const targetsOf = (file: string, mount: Mount): { key: string; prefix: string; hooks?: string[]; skipOverride?: boolean }[] => {
    const t = mount.target;
    if (!t) return [];
    if (t.kind === 'unit') {
      const at = t.file ?? file;
      const name = routingOf(at)?.aliases.get(t.name) ?? t.name;
      return routingOf(at)?.units.has(name) ? [{ key: key(at, name), prefix: '' }] : [];
    }
    if (t.kind === 'import') {
      const found = exportedUnit(t.file ?? file, t.module, t.imported, 0);
      const from = resolver.resolve(t.file ?? file, t.module);
      const wrapped = !!from && !!routingOf(from)?.skipOverrideExports.has(t.imported);
      return found ? [{ key: found, prefix: '', ...(wrapped ? { skipOverride: true } : {}) }] : [];
    }
    const dir = path.posix.join(path.posix.dirname(file), t.dir);
    const files = index.filesUnder(dir).filter((f) => isAppSource(index, f));
    // `autohooks.ts` files are not route plugins: their hooks go to the plugins of their folder (and below).
    const hookFiles = t.autoHooks ? files.filter((f) => AUTOHOOKS.test(f)) : [];
    return files
      .filter((f) => !AUTOHOOKS.test(f) || !t.autoHooks)
      .flatMap((f) => {
        const routing = routingOf(f);
        const name = routing?.exports.get('default') ?? 'default';
        if (!routing?.units.has(name)) return [];
        const folder = path.posix.dirname(f.slice(dir.length + 1));
        const here = path.posix.dirname(f);
        const hooks = hookFiles
          .filter((h) => {
            const hd = path.posix.dirname(h);
            return hd === here || (t.autoHooks === 'cascade' && here.startsWith(`${hd}/`));
          })
          .map((h) => key(h, routingOf(h)?.exports.get('default') ?? 'default'));
        const wrapped = routing.skipOverrideExports.has('default');
        return [{ key: key(f, name), prefix: folder === '.' ? '' : folder, hooks, ...(wrapped ? { skipOverride: true } : {}) }];
      });
  };

  for (const file of candidates) routingOf(file);
  const mounted = new Set<string>();
  const edges = new Map<Mount, { target: string; extra: string; hooks: string[]; skipOverride: boolean }[]>();
  // Mount targets may live in files that were not candidates; analysing them can reveal further mounts.
  const queue = [...analysed.keys()];
  const seen = new Set<string>();
  const unitKeys: string[] = [];
  // `const app = createServiceApp()`: the router the factory makes is this one, not an app of its own.
  const bases = new Map<string, string[]>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const unit of routingOf(file)?.units.values() ?? []) {
      unitKeys.push(key(file, unit.name));
      if (unit.base) {
        const synthetic: Mount = { prefix: '', middleware: [], resolved: true, target: unit.base, viaUse: false, line: 0, order: 0 };
        const list = targetsOf(file, synthetic).map((t) => t.key).filter((t) => t !== key(file, unit.name));
        bases.set(key(file, unit.name), list);
        for (const t of list) {
          mounted.add(t);
          queue.push(fileOf(t));
        }
      }
      for (const mount of unit.mounts) {
        const list = targetsOf(file, mount).map((t) => ({ target: t.key, extra: t.prefix, hooks: t.hooks ?? [], skipOverride: !!t.skipOverride }));
        edges.set(mount, list);
        for (const t of list) {
          mounted.add(t.target);
          queue.push(fileOf(t.target));
        }
      }
    }
  }

  /** Fastify decorators (`fastify.decorate('authenticate', …)`) anywhere in the app, for `fastify.authenticate`. */
  const decorators = new Map<string, Citation>();
  for (const file of [...analysed.keys()].sort()) {
    for (const [name, line] of routingOf(file)?.decorators ?? []) if (!decorators.has(name)) decorators.set(name, { file, line });
  }

  /** Where a handler's or middleware's code is: an imported definition, a same-file one, or a Fastify decorator. */
  const codeOf = (file: string, ref: Pick<MiddlewareRef, 'name' | 'module' | 'imported' | 'member' | 'localLine'>): Citation | undefined => {
    if (ref.module) {
      const target = resolver.resolve(file, ref.module);
      if (!target) return undefined;
      return findDefinition(index, { file: target, name: ref.imported ?? 'default', ...(ref.member ? { member: ref.member } : {}) });
    }
    if (ref.localLine !== undefined) return { file, line: ref.localLine };
    const decorated = /^[\w$]+\.([\w$]+)$/.exec(ref.name)?.[1];
    return decorated ? decorators.get(decorated) : undefined;
  };
  const useOf = (routeFile: string, ref: MiddlewareRef, kind: MiddlewareUse['kind']): MiddlewareUse => {
    const file = ref.file ?? routeFile;
    const code = codeOf(file, ref);
    const from = !code && ref.module && !ref.module.startsWith('.') && !resolver.resolve(file, ref.module) ? packageName(ref.module) : undefined;
    const skips = kind === 'use' || kind === 'mount' ? middlewareSkips(index, ref.name, { file, line: ref.line }, code) : undefined;
    return {
      name: ref.name,
      kind,
      ...(ref.hook && ref.hook !== 'wrapper' ? { hook: ref.hook } : {}),
      at: { file, line: ref.line },
      ...(code ? { code } : {}),
      ...(from ? { from } : {}),
      ...(skips ? { skips } : {}),
    };
  };

  /** `const app = createApp()`: the `use` middleware that the factory's own router added applies to this one. */
  const baseUses = (k: string, unit: Unit): Active[] => {
    if (!unit.base) return [];
    const synthetic: Mount = { prefix: '', middleware: [], resolved: true, target: unit.base, viaUse: false, line: 0, order: 0 };
    return targetsOf(fileOf(k), synthetic).flatMap((t) => {
      const b = unitAt(t.key);
      const bFile = fileOf(t.key);
      return (b?.mounts ?? [])
        .filter((m) => m.asMiddleware && m.viaUse && (edges.get(m) ?? []).length === 0 && appliesTo(m, unit.baseOptions))
        .map((m) => ({ use: useOf(bFile, m.asMiddleware!, 'use'), under: m.prefix === '' || m.prefix === '*' ? '' : m.prefix, after: -1 }));
    });
  };

  /** The `use` middleware a registrar adds to the router it is handed, through the registrars it calls in turn. */
  const registrarUses = (k: string, base: string, after: number, stack: Set<string>): Active[] => {
    const unit = unitAt(k);
    if (!unit || stack.has(k) || stack.size > 20) return [];
    stack.add(k);
    const file = fileOf(k);
    return [...unit.mounts]
      .sort((a, b) => a.order - b.order)
      .flatMap((m): Active[] => {
        const targets = edges.get(m) ?? [];
        if (m.registrar) return targets.flatMap((t) => registrarUses(t.target, base, after, stack));
        if (targets.length > 0 || !m.asMiddleware || !m.viaUse) return [];
        return [{ use: useOf(file, m.asMiddleware, 'use'), under: m.prefix === '' || m.prefix === '*' ? base : joinPaths(base, m.prefix), after }];
      });
  };

  const out: ComposedRoute[] = [];
  const emitted = new Set<string>();
  type Root = ComposedRoute['unmountedRouter'];
  const visit = (k: string, prefix: string, resolved: boolean, inherited: HttpFramework | undefined, stack: Set<string>, outer: readonly Active[], root?: Root, madeIn?: string) => {
    const unit = unitAt(k);
    if (!unit || stack.has(k) || stack.size > 20) return;
    const file = fileOf(k);
    const framework = unit.guessed ? inherited ?? unit.framework : unit.framework ?? inherited;
    const base = joinPaths(prefix, unit.prefix);
    // Fastify hooks apply to the whole plugin, wherever they are added; `use` only to what follows it.
    const hooks: Active[] = unit.hooks.map((h) => ({ use: useOf(file, h.ref, 'hook'), under: '', after: -1 }));
    const active: Active[] = [...outer, ...baseUses(k, unit), ...hooks];
    const next = new Set(stack).add(k);
    // The routes the factory declared on the router before returning it are this router's first ones.
    for (const b of bases.get(k) ?? []) visit(b, base, resolved, framework, next, outer, root, madeIn ?? file);
    const entries: ({ order: number } & ({ route: RouteDecl } | { mount: Mount }))[] = [
      ...unit.routes.map((route) => ({ order: route.order, route })),
      ...unit.mounts.map((mount) => ({ order: mount.order, mount })),
    ].sort((a, b) => a.order - b.order);
    for (const entry of entries) {
      if ('route' in entry) {
        const r = entry.route;
        const fullPath = joinPaths(base, r.path);
        const id = `${r.method} ${fullPath} ${file}:${r.line}${madeIn ? ` ${madeIn}` : ''}`;
        if (emitted.has(id) || !framework) continue;
        emitted.add(id);
        const own = r.middleware.map((m) => useOf(file, m, m.hook === 'wrapper' ? 'wrapper' : m.hook ? 'hook' : 'route'));
        // A path the middleware's own options list as skipped (`publicPaths: ['/webhooks/stripe']`) does not pass through it.
        const inFront = active.filter((a) => a.after < r.order && covers(a.under, fullPath) && !skipsPath(a.use.skips, fullPath)).map((a) => a.use);
        const handlerAt = r.handlerResolved && r.handler === undefined && r.handlerLine !== undefined
          ? { file, line: r.handlerLine }
          : r.handlerResolved && r.handler !== undefined
            ? codeOf(file, { name: r.handler, module: r.handlerModule, imported: r.handlerImported, member: r.handlerMember, localLine: r.handlerLine })
            : undefined;
        out.push({
          method: r.method,
          path: fullPath,
          resolved: resolved && r.resolved,
          ...(r.handler !== undefined ? { handler: r.handler } : {}),
          handlerResolved: r.handlerResolved,
          ...(handlerAt ? { handlerAt } : {}),
          middleware: [...inFront, ...own],
          framework,
          file,
          line: r.line,
          ...(root ? { unmountedRouter: root } : {}),
          ...(madeIn ? { madeIn } : {}),
        });
        continue;
      }
      const m = entry.mount;
      const targets = edges.get(m) ?? [];
      const before = m.middleware.map((ref) => useOf(file, ref, 'mount'));
      const under = joinPaths(base, m.prefix);
      if (targets.length === 0 && m.asMiddleware && m.viaUse) {
        // `app.use(requireAuth)`, `app.use('/admin', requireAdmin)`: in front of every later route under the path.
        // With a path of its own, the legend says where it applies: it is no middleware of the other routes.
        const own = m.prefix !== '' && m.prefix !== '*';
        const use = useOf(file, m.asMiddleware, 'use');
        active.push({ use: own ? { ...use, under } : use, under: own ? under : base, after: m.order });
        continue;
      }
      const passing = active.filter((a) => a.after < m.order).map((a) => ({ ...a, after: -1 }));
      for (const t of targets) {
        const scoped = before.map((use) => ({ use, under: '', after: -1 }));
        const autoHooks = t.hooks.flatMap((h) => (unitAt(h)?.hooks ?? []).map((hook) => ({ use: useOf(fileOf(h), hook.ref, 'hook'), under: '', after: -1 })));
        // A `fastify-plugin` plugin is registered into the registering instance itself (skip-override): Fastify ignores
        // the `prefix` it is given, so neither the mount's prefix nor an autoload folder's applies. Autoload wraps a
        // folder with autohooks in a plugin of its own under the folder's prefix, and that one does apply.
        const ignored = framework === 'fastify' && t.hooks.length === 0 && (m.skipOverride || t.skipOverride || !!unitAt(t.target)?.skipOverride);
        visit(t.target, ignored ? base : joinPaths(under, t.extra), resolved && m.resolved, framework, next, [...passing, ...scoped, ...autoHooks], root, madeIn);
      }
      // `registerSecurity(app)`: what it `use`s on the app it is handed runs in front of this router's later routes.
      if (m.registrar) for (const t of targets) active.push(...registrarUses(t.target, base, m.order, new Set(next)));
    }
  };
  // Packages where a Hono `route()` mount could not be followed (`app.route(r.path, r.router)`, a target not found):
  // any Hono router there that nothing we read mounts may be what it mounts, so its paths are not known to be full.
  const pkgOf = (k: string) => index.packageOf(fileOf(k))?.dir ?? '';
  const open = new Set<string>();
  for (const k of unitKeys) {
    const u = unitAt(k);
    const unfollowed = u?.mounts.some((m) => m.target && !m.viaUse && !m.registrar && (edges.get(m) ?? []).length === 0);
    if (u?.framework === 'hono' && (u.openMounts?.length || unfollowed)) open.add(pkgOf(k));
  }
  const mountedSomewhere = (k: string, u: Unit | undefined) =>
    !!u?.mountable || (u?.framework === 'hono' && open.has(pkgOf(k)) && !u.openMounts?.length && !u.mounts.some((m) => m.target && !m.viaUse));
  for (const k of [...new Set(unitKeys)].sort()) {
    // A router made to be mounted that nothing we read mounts (`router.use(`/${name}`, require(file))`): its paths
    // are only the tail of the real ones, so they are marked unresolved rather than shown as if at the root.
    if (mounted.has(k)) continue;
    const u = unitAt(k);
    // One the whole repository confirms no code mounts (its mounts only in comments): its routes are not served.
    // `exports` holds only renamed and default exports; `export const authRouter` is exported under its own name.
    const exportedAs = [u?.name ?? '', ...[...(routingOf(fileOf(k))?.exports ?? [])].filter(([, unit]) => unit === u?.name).map(([name]) => name)];
    // Any Elysia instance is a plugin another may `use`; one its own file does not serve (`listen`, `fetch`, `handle`) and
    // no code takes is not served either.
    const plugin = u?.framework === 'elysia' && !servedInItsFile(index, fileOf(k), u.name);
    const none = u?.mountable || plugin ? notMountedAnywhere(index, fileOf(k), u!.name, exportedAs) : undefined;
    visit(k, '', !mountedSomewhere(k, u), undefined, new Set(), [], none && { name: u!.name, ...none });
  }
  return out;
}

/** A factory's `if (isProtected) r.use(auth)`: whether the options its caller passed turn it on (unknown: it may). */
function appliesTo(m: Mount, options: Readonly<Record<string, boolean>> | undefined): boolean {
  if (!m.when) return true;
  const value = options?.[m.when.option] ?? m.when.fallback;
  return value === undefined || value !== m.when.negated;
}

/** Whether middleware used under `pattern` runs for `route`: `/admin` covers `/admin/x`; `/api/*` covers `/api/x`. */
function covers(pattern: string, route: string): boolean {
  const p = pattern.replace(/\/\*$/, '').replace(/\*$/, '');
  if (p === '' || p === '/') return true;
  if (p.includes('*')) {
    const re = new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}(/|$)`);
    return re.test(route);
  }
  return route === p || route.startsWith(`${p}/`);
}
