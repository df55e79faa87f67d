/**
 * `next.alias`: the URL aliases (`rewrites`) and redirects a Next.js app declares in `next.config.*`, one fact per
 * entry, beside the routes they point to (steps 3 and 5). A small detector of its own: it reads one config file per
 * app, so the frontend step need not run the HTTP route readers to show them.
 */
import type { Detector, Fact } from '../../facts.js';
import { dependsOn } from '../../scan/package-json.js';
import { nextUrlAliases, type NextUrlAlias } from '../shared/next-url-aliases.js';

/** `app` is the package name (as on `http.route`), `dir` its folder. `unread` entries are built in code: only their line is known. */
export type NextAliasData = { readonly app: string; readonly dir: string } & (
  | ({ readonly unread?: undefined } & NextUrlAlias)
  | { readonly unread: true; readonly kind: 'rewrite' | 'redirect'; readonly file: string; readonly line: number }
);
export type NextAliasFact = Fact<'next.alias', NextAliasData>;

export const nextAliasesDetector: Detector = {
  id: 'next-aliases',
  isEnabled: (index) => index.packages.some((p) => dependsOn(p.manifest, 'next')),
  detect(index) {
    const out: NextAliasFact[] = [];
    const ids = new Set<string>();
    // The same source may be listed twice (a beforeFiles and a fallback rewrite): the line keeps their ids apart.
    const idOf = (id: string, line: number) => (ids.has(id) ? `${id}:${line}` : (ids.add(id), id));
    for (const pkg of index.packages.filter((p) => dependsOn(p.manifest, 'next'))) {
      const { aliases, unread } = nextUrlAliases(index, pkg.dir);
      const base = { app: pkg.name, dir: pkg.dir };
      for (const a of aliases) out.push({ kind: 'next.alias', id: idOf(`${pkg.name} ${a.kind} ${a.source}`, a.line), data: { ...base, ...a }, at: [{ file: a.file, line: a.line }] });
      for (const u of unread) out.push({ kind: 'next.alias', id: `${pkg.name} ${u.kind} unread ${u.line}`, data: { ...base, unread: true, ...u }, at: [{ file: u.file, line: u.line }] });
    }
    return out;
  },
};
