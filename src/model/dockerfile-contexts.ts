/**
 * The build contexts package scripts give a Dockerfile: `docker build -f docker/Dockerfile.server -t server .` run
 * from the root builds with the root as context, though the file sits in docker/. Without them a Dockerfile whose
 * only COPY source is `.` would be taken to copy its own folder.
 */
import path from 'node:path';
import type { RepoIndex } from '../scan/repo-index.js';

/** Options of `docker build` that take no value: any other option is followed by its value. */
const FLAGS = new Set(['--push', '--load', '--no-cache', '--pull', '-q', '--quiet', '--rm', '--force-rm', '--compress', '--squash']);

/** Repo-relative context folders ('' for the root) of the scripts that build `dockerfile` with `-f`. */
export function scriptContexts(index: RepoIndex, dockerfile: string): string[] {
  const out = new Set<string>();
  for (const p of index.packages) {
    for (const script of Object.values(p.manifest.scripts ?? {})) {
      if (typeof script !== 'string' || !script.includes('docker')) continue;
      for (const command of script.split(/&&|\|\||[;|]/)) {
        const build = buildArgs(command.trim().split(/\s+/));
        if (!build?.file || build.context === undefined) continue;
        const at = (rel: string) => path.posix.normalize(path.posix.join(p.dir || '.', rel)).replace(/^\.$/, '').replace(/\/$/, '');
        if (at(build.file) === dockerfile && !at(build.context).startsWith('..')) out.add(at(build.context));
      }
    }
  }
  return [...out];
}

/** `docker build` / `docker buildx build`: the `-f` file and the context argument. */
function buildArgs(words: readonly string[]): { file?: string; context?: string } | undefined {
  const i = words.indexOf('docker');
  if (i === -1) return undefined;
  let j = i + 1;
  if (words[j] === 'buildx') j++;
  if (words[j] !== 'build') return undefined;
  let file: string | undefined;
  let context: string | undefined;
  for (let k = j + 1; k < words.length; k++) {
    const w = words[k];
    if (w === '-f' || w === '--file') file = words[++k];
    else if (w.startsWith('--file=')) file = w.slice(7);
    else if (w.startsWith('-')) {
      if (!w.includes('=') && !FLAGS.has(w)) k++;
    } else if (context === undefined && !/^[a-z]+:\/\//i.test(w)) context = w;
  }
  return { file, context };
}
