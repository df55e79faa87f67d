/**
 * The folders whose code a Dockerfile's image holds, so that its `ENV` is said to reach that code only: the build
 * context (from a compose `build:` that names the Dockerfile, else a package script's `docker build -f`, else the
 * Dockerfile's own folder, else the root when the COPY sources only exist from there), narrowed to the COPY / ADD
 * sources, and for an image that copies a whole monorepo, to the packages its commands name (`apps/api`,
 * `--filter api`, `-w @x/api`).
 */
import path from 'node:path';
import type { RepoIndex } from '../scan/repo-index.js';
import { scriptContexts } from './dockerfile-contexts.js';

/**
 * Repo-relative folders; `''` is the whole repository. `final`: for a multi-stage file, the first line of its last
 * stage (the image that runs) and the packages that stage runs, named by its WORKDIR / RUN / CMD / ENTRYPOINT
 * (`WORKDIR /app/packages/server`): an `ENV` there reaches those, not a package an earlier stage only builds.
 */
export interface DockerfileScope {
  readonly all: string[];
  readonly final?: { readonly from: number; readonly scope: string[] };
}

export function dockerfileScope(index: RepoIndex, file: string, composeContexts: readonly string[]): DockerfileScope {
  const text = index.read(file) ?? '';
  const { sources, commands } = readInstructions(text);
  const own = folder(file);
  // Compose's `build.context`, else the context a package script's `docker build -f` gives it.
  const given = composeContexts.length > 0 ? composeContexts : scriptContexts(index, file);
  const contexts = given.length > 0 ? given : [resolves(index, own, sources) || !resolves(index, '', sources) ? own : ''];
  const out = new Set<string>();
  for (const context of contexts) {
    const found = sources.map((s) => sourceFolder(index, context, s)).filter((d): d is string => d !== undefined);
    for (const d of found.length > 0 ? found : [context]) out.add(d);
  }
  const all = narrow(index, [...out], commands);
  const final = finalStage(text);
  if (!final) return { all };
  const runs = named(index, [...out], final.commands);
  return runs.length > 0 ? { all, final: { from: final.from, scope: runs.map((p) => p.dir) } } : { all };
}

/** The last stage of a file with two or more `FROM`s: its first line (1-based) and the text of its commands. */
function finalStage(text: string): { from: number; commands: string } | undefined {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const froms = lines.flatMap((l, i) => (/^\s*FROM\s/i.test(l) ? [i] : []));
  if (froms.length < 2) return undefined;
  const start = froms[froms.length - 1];
  const commands = lines
    .slice(start)
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .flatMap((l) => /^\s*(?:WORKDIR|RUN|CMD|ENTRYPOINT)\s+(.*)$/i.exec(l)?.[1] ?? []);
  return { from: start + 1, commands: commands.join('\n') };
}

/** COPY / ADD sources (not `--from=` a stage, not URLs) and the text of RUN / CMD / ENTRYPOINT. */
function readInstructions(text: string): { sources: string[]; commands: string } {
  const sources: string[] = [];
  const commands: string[] = [];
  const joined = text.replace(/\r\n?/g, '\n').replace(/\\\n/g, ' ');
  for (const line of joined.split('\n')) {
    const m = /^\s*(COPY|ADD|RUN|CMD|ENTRYPOINT)\s+(.*)$/i.exec(line);
    if (!m) continue;
    const op = m[1].toUpperCase();
    if (op !== 'COPY' && op !== 'ADD') {
      commands.push(m[2]);
      continue;
    }
    if (/--from[=\s]/i.test(m[2])) continue;
    let args: string[];
    const rest = m[2].replace(/(^|\s)--[\w-]+(=\S+)?/g, ' ').trim();
    if (rest.startsWith('[')) {
      try {
        args = (JSON.parse(rest) as unknown[]).map(String);
      } catch {
        args = rest.split(/\s+/);
      }
    } else args = rest.split(/\s+/);
    sources.push(...args.slice(0, -1).filter((s) => s && !/^[a-z]+:\/\//i.test(s)));
  }
  return { sources, commands: commands.join('\n') };
}

/** Whether any source (other than `.`) exists relative to `context`. */
function resolves(index: RepoIndex, context: string, sources: readonly string[]): boolean {
  return sources.some((s) => !/^\.\/?$/.test(s) && sourceFolder(index, context, s) !== undefined);
}

/** The folder a COPY source brings in: the folder itself, a file's folder, a glob's folder part; undefined if absent. */
function sourceFolder(index: RepoIndex, context: string, source: string): string | undefined {
  const clean = source.replace(/^\.\//, '').replace(/\/+$/, '');
  if (clean === '' || clean === '.') return context;
  const parts = clean.split('/');
  const glob = parts.findIndex((p) => /[*?[]/.test(p));
  const fixed = glob === -1 ? parts : parts.slice(0, glob);
  const p = path.posix.normalize(path.posix.join(context, ...fixed)).replace(/^\.$/, '');
  if (p.startsWith('..')) return undefined;
  if (glob !== -1) return p === '' || index.hasDir(p) ? p : undefined;
  if (index.has(p)) return folder(p);
  return index.hasDir(p) ? p : undefined;
}

/**
 * A scope that holds several packages (the root, `apps/`) narrowed to the packages the image's commands name:
 * a `RUN npm run build -w @x/api` or `CMD ["node", "apps/api/dist/main.js"]` says which one the image runs.
 */
function narrow(index: RepoIndex, scope: readonly string[], commands: string): string[] {
  const found = named(index, scope, commands);
  if (found.length === 0) return [...scope];
  // The scope's own files outside those packages (root config, shared code not in a package) stay in it.
  return found.map((p) => p.dir);
}

/** The packages inside `scope` that the commands name, when the scope holds several. */
function named(index: RepoIndex, scope: readonly string[], commands: string) {
  const packages = index.packages.filter((p) => !p.isRoot && scope.some((d) => d === '' || p.dir === d || p.dir.startsWith(`${d}/`)));
  if (packages.length < 2) return [];
  return packages.filter((p) => mentions(commands, p.dir) || (p.name !== p.dir.split('/').pop() && mentions(commands, p.name)) || workspaceFlag(commands, p.name));
}

function mentions(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s"'=/])${escaped}(?=$|[\\s"'/])`, 'm').test(text);
}

/** `--filter api`, `--filter=@x/api`, `-w api`, `--workspace=@x/api`, `turbo run build --filter=api...`. */
function workspaceFlag(text: string, name: string): boolean {
  const short = name.replace(/^@[^/]+\//, '');
  return [...text.matchAll(/(?:--filter|--workspace|-w|--scope)[=\s]+['"]?([@\w./-]+?)(?:\.\.\.)?['"]?(?=\s|$)/g)].some((m) => m[1] === name || m[1] === short);
}

function folder(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '' : file.slice(0, slash);
}
