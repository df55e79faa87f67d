/**
 * Composes per-file routing into full URL paths: follows mounts across files (imports resolved to repository files,
 * Fastify autoload folders) from the units nobody mounts (the apps), joining prefixes on the way.
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile } from '../../scan/ts.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { isAppSource } from '../shared/source-scope.js';
import { analyseFile, type FileRouting, type Mount, type RouteDecl, type Unit } from './router-file.js';
import { joinPaths } from './paths.js';
import type { HttpFramework } from './types.js';

export interface ComposedRoute extends RouteDecl {
  readonly framework: HttpFramework;
  readonly file: string;
  readonly handlerFile?: string;
}

export function composeRoutes(index: RepoIndex, candidates: readonly string[]): ComposedRoute[] {
  const resolver = moduleResolver(index);
  const analysed = new Map<string, FileRouting | undefined>();
  const routingOf = (file: string): FileRouting | undefined => {
    if (!analysed.has(file)) {
      const sf = isSourceFile(file) ? index.parse(file) : undefined;
      analysed.set(file, sf ? analyseFile(sf) : undefined);
    }
    return analysed.get(file);
  };
  const key = (file: string, name: string) => `${file}#${name}`;
  const unitAt = (k: string): Unit | undefined => {
    const hash = k.lastIndexOf('#');
    return routingOf(k.slice(0, hash))?.units.get(k.slice(hash + 1));
  };

  /** Target units of a mount, as keys (an autoload folder gives one per plugin file, with its folder as prefix). */
  const targetsOf = (file: string, mount: Mount): { key: string; prefix: string }[] => {
    const t = mount.target;
    if (t.kind === 'unit') {
      const name = routingOf(file)?.aliases.get(t.name) ?? t.name;
      return routingOf(file)?.units.has(name) ? [{ key: key(file, name), prefix: '' }] : [];
    }
    if (t.kind === 'import') {
      const target = resolver.resolve(file, t.module);
      const routing = target ? routingOf(target) : undefined;
      if (!target || !routing) return [];
      const exported = routing.exports.get(t.imported) ?? t.imported;
      const name = routing.aliases.get(exported) ?? exported;
      return routing.units.has(name) ? [{ key: key(target, name), prefix: '' }] : [];
    }
    const dir = path.posix.join(path.posix.dirname(file), t.dir);
    return index
      .filesUnder(dir)
      .filter(isAppSource)
      .flatMap((f) => {
        const routing = routingOf(f);
        const name = routing?.exports.get('default') ?? 'default';
        if (!routing?.units.has(name)) return [];
        const folder = path.posix.dirname(f.slice(dir.length + 1));
        return [{ key: key(f, name), prefix: folder === '.' ? '' : folder }];
      });
  };

  for (const file of candidates) routingOf(file);
  const mounted = new Set<string>();
  const edges = new Map<string, { mount: Mount; target: string; extra: string }[]>();
  // Mount targets may live in files that were not candidates; analysing them can reveal further mounts.
  const queue = [...analysed.keys()];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const unit of routingOf(file)?.units.values() ?? []) {
      const list: { mount: Mount; target: string; extra: string }[] = [];
      for (const mount of unit.mounts) {
        for (const t of targetsOf(file, mount)) {
          list.push({ mount, target: t.key, extra: t.prefix });
          mounted.add(t.key);
          queue.push(t.key.slice(0, t.key.lastIndexOf('#')));
        }
      }
      edges.set(key(file, unit.name), list);
    }
  }

  const out: ComposedRoute[] = [];
  const emitted = new Set<string>();
  const visit = (
    k: string,
    prefix: string,
    resolved: boolean,
    inherited: HttpFramework | undefined,
    stack: Set<string>,
    guards: readonly string[] = [],
  ) => {
    const unit = unitAt(k);
    if (!unit || stack.has(k) || stack.size > 20) return;
    const file = k.slice(0, k.lastIndexOf('#'));
    const framework = unit.framework ?? inherited;
    const base = joinPaths(prefix, unit.prefix);
    for (const r of unit.routes) {
      const fullPath = joinPaths(base, r.path);
      const id = `${r.method} ${fullPath} ${file}:${r.line}`;
      if (emitted.has(id) || !framework) continue;
      emitted.add(id);
      const handlerFile = r.handlerModule ? resolver.resolve(file, r.handlerModule) : undefined;
      const middleware = [...guards, ...r.middleware];
      out.push({ ...r, middleware, path: fullPath, resolved: resolved && r.resolved, framework, file, ...(handlerFile ? { handlerFile } : {}) });
    }
    const next = new Set(stack).add(k);
    for (const e of edges.get(k) ?? []) {
      visit(e.target, joinPaths(base, e.mount.prefix, e.extra), resolved && e.mount.resolved, framework, next, [...guards, ...e.mount.middleware]);
    }
  };
  for (const k of [...edges.keys()].sort()) {
    if (!mounted.has(k)) visit(k, '', true, undefined, new Set());
  }
  return out;
}
