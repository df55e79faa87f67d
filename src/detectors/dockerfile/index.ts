/**
 * Dockerfiles (`Dockerfile`, `Dockerfile.dev`, `api.dockerfile`): build stages with their base images, exposed
 * ports, the command the container runs (CMD / ENTRYPOINT, redacted), ENV and ARG names (never values).
 */
import { isDockerfileName } from '../../scan/file-kinds.js';
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { redactSecrets } from '../../secrets/redact.js';
import { isBuildOrVendor } from '../shared/source-scope.js';

export interface DockerfileData {
  readonly file: string;
  /** `FROM` lines in order; the last one is the image that runs. */
  readonly stages: readonly { readonly base: string; readonly name?: string; readonly line: number }[];
  readonly expose: readonly string[];
  readonly cmd?: { readonly text: string; readonly line: number };
  readonly entrypoint?: { readonly text: string; readonly line: number };
  /** `ENV` names of the final stage, with their lines. */
  readonly env: readonly { readonly name: string; readonly line: number }[];
  /**
   * `ENV` names set in earlier stages the final one is not built from (`FROM deps AS build` … `ENV NEXT_PUBLIC_API_URL`):
   * they apply while that stage builds (a bundle bakes them in), not in the running container. `stage` is its `AS` name,
   * else its 1-based number.
   */
  readonly stageEnv?: readonly { readonly stage: string; readonly name: string; readonly line: number }[];
  readonly args: readonly string[];
}

export type DockerfileFact = Fact<'docker.dockerfile', DockerfileData>;

export function isDockerfile(index: RepoIndex, file: string): boolean {
  return isDockerfileName(file) && !isBuildOrVendor(index, file);
}

export const dockerfileDetector: Detector = {
  id: 'dockerfile',
  isEnabled: (index) => index.files.some((f) => isDockerfile(index, f)),
  detect(index: RepoIndex): Fact[] {
    return index.files.filter((f) => isDockerfile(index, f)).flatMap((file) => {
      const text = index.read(file);
      if (text === undefined) return [];
      const data = readDockerfile(file, text);
      if (data.stages.length === 0) return [];
      return [{ kind: 'docker.dockerfile', id: file, data, at: [{ file, line: data.stages[0].line }] } satisfies DockerfileFact];
    });
  },
};

/** Instructions with their first line; `\` continuations joined, comments and parser directives skipped. */
function instructions(text: string): { op: string; args: string; line: number }[] {
  const out: { op: string; args: string; line: number }[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*(#|$)/.test(lines[i])) continue;
    const start = i;
    let joined = lines[i];
    while (/\\\s*$/.test(joined) && i + 1 < lines.length) {
      i++;
      if (/^\s*#/.test(lines[i])) continue;
      joined = joined.replace(/\\\s*$/, ' ') + lines[i];
    }
    const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(joined);
    if (m) out.push({ op: m[1].toUpperCase(), args: m[2].trim(), line: start + 1 });
  }
  return out;
}

export function readDockerfile(file: string, text: string): DockerfileData {
  const stages: { base: string; name?: string; line: number }[] = [];
  const expose: string[] = [];
  let cmd: DockerfileData['cmd'];
  let entrypoint: DockerfileData['entrypoint'];
  let env: { name: string; line: number }[] = [];
  const all: { stage: string; name: string; line: number }[] = [];
  const args = new Set<string>();
  // A stage built `FROM` an earlier named stage inherits its ENV, CMD and ENTRYPOINT (`FROM base` after `FROM node AS base`).
  const named = new Map<string, { env: typeof env; cmd: typeof cmd; entrypoint: typeof entrypoint }>();
  for (const { op, args: rest, line } of instructions(text)) {
    if (op === 'FROM') {
      const current = stages.at(-1)?.name;
      if (current) named.set(current.toLowerCase(), { env, cmd, entrypoint });
      const m = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(rest);
      if (m) stages.push({ base: m[1], ...(m[2] ? { name: m[2] } : {}), line });
      // What the container runs and sets comes from the last stage (and the stages it is built from).
      const inherited = m ? named.get(m[1].toLowerCase()) : undefined;
      cmd = inherited?.cmd;
      entrypoint = inherited?.entrypoint;
      env = [...(inherited?.env ?? [])];
    } else if (op === 'EXPOSE') expose.push(...rest.split(/\s+/).filter(Boolean));
    else if (op === 'CMD') cmd = { text: commandText(rest), line };
    else if (op === 'ENTRYPOINT') entrypoint = { text: commandText(rest), line };
    else if (op === 'ENV') {
      const names = envNames(rest);
      env.push(...names.map((name) => ({ name, line })));
      const stage = stages.at(-1);
      if (stage) all.push(...names.map((name) => ({ stage: stage.name ?? String(stages.length), name, line })));
    }
    else if (op === 'ARG') {
      const name = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(rest)?.[1];
      if (name) args.add(name);
    }
  }
  const final = new Set(env.map((e) => `${e.name}:${e.line}`));
  const stageEnv = all.filter((e) => !final.has(`${e.name}:${e.line}`));
  return {
    file,
    stages,
    ...(stageEnv.length > 0 ? { stageEnv } : {}),
    expose: [...new Set(expose)],
    ...(cmd ? { cmd } : {}),
    ...(entrypoint ? { entrypoint } : {}),
    env,
    args: [...args].sort(),
  };
}

/** `ENV A=1 B="x y"` or the legacy `ENV A value`: the names. */
function envNames(rest: string): string[] {
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(rest)) {
    const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s/.exec(rest)?.[1];
    return legacy ? [legacy] : [];
  }
  return [...rest.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=(?:"(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)].map((m) => m[1]);
}

/** `["node", "dist/server.js"]` → `node dist/server.js`; the shell form as written; both redacted. */
function commandText(rest: string): string {
  let text = rest;
  if (rest.startsWith('[')) {
    try {
      const parsed = JSON.parse(rest) as unknown;
      if (Array.isArray(parsed)) text = parsed.map(String).join(' ');
    } catch {
      /* not JSON: the shell form */
    }
  }
  return redactSecrets(text.replace(/\s+/g, ' ').trim());
}
