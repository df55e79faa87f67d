/**
 * docker-compose: `environment:` in both forms (`KEY: value` and `- KEY=value`), `env_file:` (the names of that
 * dotenv file, or of the committed example next to it when the file itself is git-ignored), and `${VAR}`
 * interpolation, which is compose reading the variable from the shell or the project's `.env`.
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { dotenvNames, isExampleDotenv } from './dotenv.js';
import { isEnvName } from './names.js';
import type { EnvConsumedData, EnvExternalSourceData, EnvSetData } from './types.js';
import { entries, get, items, readYaml, text } from './yaml.js';
import { shellReads } from './compose-shell.js';

const TOOL = 'docker compose';

export interface ComposeFindings {
  readonly sets: EnvSetData[];
  readonly consumed: EnvConsumedData[];
  readonly external: EnvExternalSourceData[];
}

/** What a compose file says, as plain data (kept across runs per file text by `index.memo`). */
export interface ComposeFile {
  readonly consumed: readonly { name: string; line: number }[];
  /** `$$X` in a command a shell runs in the container (`healthcheck`, `command`, `entrypoint`): the container reads X. */
  readonly shell?: readonly { name: string; line: number; what: string }[];
  readonly services: readonly {
    readonly name: string;
    readonly env: readonly { name: string; line: number }[];
    readonly envFiles: readonly { written: string; line: number }[];
  }[];
}

export function readCompose(source: string): ComposeFile {
  const consumed = interpolations(source);
  const escaped = source.includes('$$');
  if (!escaped && !/\benvironment:|\benv_file:/.test(source)) return { consumed, services: [] };
  const yaml = readYaml(source);
  const services: ComposeFile['services'][number][] = [];
  const shell: { name: string; line: number; what: string }[] = [];
  for (const doc of yaml.docs) {
    for (const service of entries(doc, get(doc, doc.contents, 'services'))) {
      if (escaped) shell.push(...shellReads(doc, service.value, source, yaml).filter((r) => !consumed.some((c) => c.name === r.name && c.line === r.line)));
      const env: { name: string; line: number }[] = [];
      const block = get(doc, service.value, 'environment');
      for (const e of entries(doc, block)) if (isEnvName(e.key)) env.push({ name: e.key, line: yaml.line(e.keyNode) });
      for (const item of items(doc, block)) {
        const name = text(item)?.split('=')[0].trim();
        if (name && isEnvName(name)) env.push({ name, line: yaml.line(item) });
      }
      const envFile = get(doc, service.value, 'env_file');
      const refs = text(envFile) !== undefined ? [envFile] : items(doc, envFile);
      const envFiles = refs.flatMap((ref) => {
        const written = text(ref) ?? text(get(doc, ref, 'path'));
        return written ? [{ written, line: yaml.line(ref) }] : [];
      });
      services.push({ name: service.key, env, envFiles });
    }
  }
  return { consumed, services, ...(shell.length ? { shell } : {}) };
}

/** The sets of a compose file, with each `env_file` resolved to the dotenv file (or committed example) it loads. */
export function composeEnv(index: RepoIndex, file: string, compose: ComposeFile): ComposeFindings {
  const shell = (compose.shell ?? []).map((c) => ({ name: c.name, line: c.line, file, tool: `compose ${c.what}` }));
  const out: ComposeFindings = { sets: [], consumed: [...compose.consumed.map((c) => ({ ...c, file, tool: TOOL })), ...shell], external: [] };
  for (const service of compose.services) {
    const owner = service.name;
    for (const e of service.env) out.sets.push({ name: e.name, file, line: e.line, kind: 'compose', tool: TOOL, owner });
    for (const { written, line } of service.envFiles) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), written));
      const from = index.has(target) ? target : exampleOf(index, target);
      if (!from || from.startsWith('..')) {
        out.external.push({ file, line, tool: TOOL, ref: `env_file ${written}`, owner });
        continue;
      }
      for (const n of dotenvNames(index.read(from) ?? '')) out.sets.push({ name: n.name, file, line, kind: 'compose-env-file', tool: TOOL, owner, from, ref: written });
    }
  }
  return out;
}

/** The committed example of a git-ignored dotenv file: `.env` → `.env.example`, `.env.sample`, `.env.template`… */
function exampleOf(index: RepoIndex, target: string): string | undefined {
  const dir = path.posix.dirname(target);
  const base = path.posix.basename(target);
  const candidates = ['example', 'sample', 'template', 'dist', 'defaults'].map((s) => `${dir === '.' ? '' : `${dir}/`}${base}.${s}`);
  return candidates.find((c) => index.has(c) && isExampleDotenv(c));
}

/** `${VAR}`, `${VAR:-default}`, `${VAR?error}`, `$VAR` outside comments; `$$` is an escaped dollar, not a read. */
const INTERPOLATION = /(?<!\$)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;

function interpolations(source: string): { name: string; line: number }[] {
  const out: { name: string; line: number }[] = [];
  source.split('\n').forEach((line, i) => {
    if (!line.includes('$') || line.trimStart().startsWith('#')) return;
    for (const m of line.matchAll(INTERPOLATION)) {
      const name = m[1] ?? m[2];
      if (isEnvName(name)) out.push({ name, line: i + 1 });
    }
  });
  return out;
}
