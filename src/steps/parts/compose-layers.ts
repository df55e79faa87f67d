/**
 * Which compose files are overlays, and over which files. A service with neither `image` nor `build` cannot run on
 * its own: the file that holds it is read on top of the file that defines that service (`docker compose -f
 * docker-compose.yml -f dev/docker-compose.dev.yml up`), even when the same file also adds complete services. The
 * base is searched in the overlay's own folder first, then in each parent folder, and is itself layered when it is an
 * overlay (a test file that adjusts `rustfs` goes over `docker-compose.rustfs.yml`, which goes over
 * `docker-compose.yml`). A file whose services no single file defines gets no command: one that cannot work is worse
 * than none.
 */
import path from 'node:path';
import type { ComposeServiceData } from '../../detectors/compose/index.js';
import { pushTo } from '../../collections.js';

export interface ComposeLayer {
  /** The services of the file that have neither image nor build: what it adjusts. */
  readonly adjusts: readonly string[];
  /** The files to name with `-f` before it, base first; undefined when no single file defines what it adjusts. */
  readonly bases: readonly string[] | undefined;
}

const DEFAULT = /^(compose|docker-compose)\.ya?ml$/;
const OVERRIDE = /^(compose|docker-compose)\.override\.ya?ml$/;

// A service that `extends` another is complete through it (`docker compose up` merges the two itself): no overlay.
const partial = (s: ComposeServiceData) => !s.image && !s.build && !s.extends;

/** Every overlay file (not `compose.override.yaml`, which `docker compose up` merges itself) and its bases. */
export function composeLayers(services: readonly ComposeServiceData[]): Map<string, ComposeLayer> {
  const byFile = new Map<string, ComposeServiceData[]>();
  for (const s of services) pushTo(byFile, s.file, s);
  const out = new Map<string, ComposeLayer>();
  const resolving = new Set<string>();
  const defines = (file: string, names: readonly string[]) => names.every((n) => (byFile.get(file) ?? []).some((s) => s.name === n && !partial(s)));
  // Nearest folder first (the file's own, then each parent), the default-named file first within a folder; then any.
  const ordered = (file: string): string[] => {
    const dir = path.posix.dirname(file);
    const depth = (f: string): number => {
      const d = path.posix.dirname(f);
      if (d === dir) return 0;
      if (d === '.' || dir.startsWith(`${d}/`)) return dir.split('/').length - (d === '.' ? 0 : d.split('/').length);
      return Number.MAX_SAFE_INTEGER;
    };
    return [...byFile.keys()]
      .filter((f) => f !== file)
      .sort((a, b) => depth(a) - depth(b) || Number(!DEFAULT.test(path.posix.basename(a))) - Number(!DEFAULT.test(path.posix.basename(b))) || (a < b ? -1 : a > b ? 1 : 0));
  };
  const layer = (file: string): ComposeLayer | undefined => {
    if (out.has(file)) return out.get(file);
    const list = byFile.get(file) ?? [];
    const adjusts = list.filter(partial).map((s) => s.name);
    if (adjusts.length === 0 || OVERRIDE.test(path.posix.basename(file)) || resolving.has(file)) return undefined;
    resolving.add(file);
    const base = ordered(file).find((f) => defines(f, adjusts));
    // A file that adds complete services and adjusts one nobody defines is not called an overlay on that alone.
    const anyDefiner = base ?? [...byFile.keys()].find((f) => f !== file && adjusts.some((n) => defines(f, [n])));
    let result: ComposeLayer | undefined;
    if (base) {
      const under = layer(base);
      result = { adjusts, bases: under ? (under.bases ? [...under.bases, base] : undefined) : [base] };
    } else if (anyDefiner || list.every(partial)) result = { adjusts, bases: undefined };
    resolving.delete(file);
    if (result) out.set(file, result);
    return result;
  };
  for (const file of byFile.keys()) layer(file);
  return out;
}

/**
 * The services each overlay file adjusts rather than defines: every service of a `compose.override.yaml` (merged by
 * `docker compose up` itself), and the image-less, build-less services of the other overlays — a file that also adds
 * complete services keeps those as services. Steps 6 and 9 read overlays through this one rule.
 */
export function composeAdjustments(services: readonly ComposeServiceData[]): Map<string, { readonly adjusted: readonly ComposeServiceData[]; readonly bases: readonly string[] | undefined }> {
  const layers = composeLayers(services);
  const out = new Map<string, { adjusted: ComposeServiceData[]; bases: readonly string[] | undefined }>();
  for (const s of services) {
    const override = OVERRIDE.test(path.posix.basename(s.file));
    const layer = layers.get(s.file);
    if (!override && !(layer && partial(s))) continue;
    const entry = out.get(s.file) ?? { adjusted: [], bases: override ? undefined : layer?.bases };
    entry.adjusted.push(s);
    out.set(s.file, entry);
  }
  return out;
}
