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

export const COMPOSE_FILE = /(^|\/)(docker-)?compose[\w.-]*\.ya?ml$/;
const TOOL = 'docker compose';

export interface ComposeFindings {
  readonly sets: EnvSetData[];
  readonly consumed: EnvConsumedData[];
  readonly external: EnvExternalSourceData[];
}

export function composeEnv(index: RepoIndex, file: string, source: string): ComposeFindings {
  const out: ComposeFindings = { sets: [], consumed: interpolations(file, source), external: [] };
  if (!/\benvironment:|\benv_file:/.test(source)) return out;
  const yaml = readYaml(source);
  for (const doc of yaml.docs) {
    for (const service of entries(doc, get(doc, doc.contents, 'services'))) {
      const owner = service.key;
      const env = get(doc, service.value, 'environment');
      for (const e of entries(doc, env)) if (isEnvName(e.key)) out.sets.push({ name: e.key, file, line: yaml.line(e.keyNode), kind: 'compose', tool: TOOL, owner });
      for (const item of items(doc, env)) {
        const name = text(item)?.split('=')[0].trim();
        if (name && isEnvName(name)) out.sets.push({ name, file, line: yaml.line(item), kind: 'compose', tool: TOOL, owner });
      }
      const envFile = get(doc, service.value, 'env_file');
      const refs = text(envFile) !== undefined ? [envFile] : items(doc, envFile);
      for (const ref of refs) {
        const written = text(ref) ?? text(get(doc, ref, 'path'));
        if (!written) continue;
        const line = yaml.line(ref);
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), written));
        const from = index.has(target) ? target : exampleOf(index, target);
        if (!from || from.startsWith('..')) {
          out.external.push({ file, line, tool: TOOL, ref: `env_file ${written}`, owner });
          continue;
        }
        for (const n of dotenvNames(index.read(from) ?? '')) {
          out.sets.push({ name: n.name, file, line, kind: 'compose-env-file', tool: TOOL, owner, from, ref: written });
        }
      }
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

function interpolations(file: string, source: string): EnvConsumedData[] {
  const out: EnvConsumedData[] = [];
  source.split('\n').forEach((line, i) => {
    if (!line.includes('$') || line.trimStart().startsWith('#')) return;
    for (const m of line.matchAll(INTERPOLATION)) {
      const name = m[1] ?? m[2];
      if (isEnvName(name)) out.push({ name, file, line: i + 1, tool: TOOL });
    }
  });
  return out;
}
