/**
 * How a compose file is really brought up, for step 9: a file whose services depend on a service it does not define
 * (`docker-compose.dev.yml`'s `backend` needs `db` from `docker-compose.yml`) fails on its own ("depends on undefined
 * service"), so it is shown with its base file, or with the repository's own script that combines them; services
 * under `profiles:` start only when a profile is named.
 */
import path from 'node:path';
import type { ComposeServiceData } from '../../detectors/compose/index.js';
import type { ScriptData } from '../../detectors/scripts/index.js';
import type { TaskData } from '../../detectors/tasks/index.js';
import { invocation } from '../../detectors/tasks/index.js';
import { cite } from '../../markdown/cite.js';
import { code } from '../../markdown/text.js';
import { names } from './format.js';

/** Services the file's services depend on that the file does not define. */
export function missingDependencies(list: readonly ComposeServiceData[]): string[] {
  const defined = new Set(list.map((s) => s.name));
  return [...new Set(list.flatMap((s) => s.dependsOn).filter((d) => !defined.has(d)))];
}

/** The compose file that defines every missing dependency: in the same folder first, then by path. */
export function baseFile(file: string, missing: readonly string[], byFile: ReadonlyMap<string, readonly ComposeServiceData[]>): string | undefined {
  const dir = path.posix.dirname(file);
  const candidates = [...byFile]
    .filter(([f, list]) => f !== file && missing.every((m) => list.some((s) => s.name === m)))
    .map(([f]) => f)
    .sort((a, b) => Number(path.posix.dirname(a) !== dir) - Number(path.posix.dirname(b) !== dir) || (a < b ? -1 : a > b ? 1 : 0));
  return candidates[0];
}

/** The files a `docker compose -f a -f b up` command names, as repository paths (relative to `cwd`). */
export function composeFiles(command: string, cwd: string): string[] | undefined {
  if (!/\bdocker[- ]compose\b[^&|;]*\bup\b/.test(command)) return undefined;
  const out: string[] = [];
  for (const m of command.matchAll(/(?:^|\s)(?:-f|--file)(?:\s+|=)(["']?)([^\s"']+)\1/g)) out.push(path.posix.normalize(path.posix.join(cwd, m[2])).replace(/^\.\//, ''));
  return out;
}

export interface RepoRunner {
  readonly command: string;
  readonly file: string;
  readonly line?: number;
}

/** A package.json script or Make/just target that brings the file up together with `base`. */
export function repoRunner(
  file: string,
  base: string,
  scripts: readonly ScriptData[],
  tasks: readonly TaskData[],
  run: (s: ScriptData) => string,
): RepoRunner | undefined {
  const both = (files: readonly string[] | undefined) => !!files && files.includes(file) && files.includes(base);
  const script = [...scripts]
    .sort((a, b) => (a.manifest < b.manifest ? -1 : a.manifest > b.manifest ? 1 : (a.line ?? 0) - (b.line ?? 0)))
    .find((s) => both(composeFiles(s.command, s.dir)));
  if (script) return { command: run(script), file: script.manifest, ...(script.line ? { line: script.line } : {}) };
  const task = tasks.find((t) => t.tool !== 'procfile' && t.commands.some((c) => both(composeFiles(c, path.posix.dirname(t.file)))));
  return task ? { command: invocation(task), file: task.file, line: task.line } : undefined;
}

/** `` `db-test` (…); `app-test` with `--profile ci` ``: which services a plain `up` starts, and which need a profile. */
export function startedServices(list: readonly ComposeServiceData[], file: string): string {
  const plain = list.filter((s) => s.profiles.length === 0);
  const profiled = list.filter((s) => s.profiles.length > 0);
  const withProfile = profiled
    .slice(0, 6)
    .map((s) => `${code(s.name)} with ${s.profiles.map((p) => code(`--profile ${p}`)).join(' or ')}`)
    .join(', ');
  const more = profiled.length > 6 ? ` (+${profiled.length - 6} more)` : '';
  if (profiled.length === 0) return `starts ${names(list.map((s) => s.name), 8)} (${cite(file)})`;
  return plain.length > 0
    ? `starts ${names(plain.map((s) => s.name), 8)} (${cite(file)}); ${withProfile}${more}`
    : `starts no service without a profile (${cite(file)}): ${withProfile}${more}`;
}
