/** Dockerfile `ENV` (set in the image, seen at run time) and `ARG` (build time only): names, never values. */
import { isEnvName } from './names.js';
import type { EnvSetData } from './types.js';

export function dockerfileEnv(file: string, source: string): EnvSetData[] {
  const out: EnvSetData[] = [];
  const lines = source.split(/\r?\n/);
  let stage: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i];
    // A backslash at the end continues the instruction on the next line.
    while (/\\\s*$/.test(line) && i + 1 < lines.length) line = `${line.replace(/\\\s*$/, ' ')}${lines[++i]}`;
    // `RUN --mount=type=secret,id=SENTRY_AUTH_TOKEN export SENTRY_AUTH_TOKEN=$(cat …) && npm run build`: the build
    // step sets the variable for its own commands (a build secret, never stored in the image).
    const run = /^\s*RUN\s+(.*)$/i.exec(line);
    if (run) {
      const set = new Set<string>();
      for (const e of run[1].matchAll(/(?:^|[\s;&|(])export\s+([A-Za-z_][A-Za-z0-9_]*)=/g)) set.add(e[1]);
      for (const e of run[1].matchAll(/--mount=[^\s]*\btype=secret\b[^\s]*?\bid=([A-Za-z_][A-Za-z0-9_]*)/g)) if (new RegExp(`\\$\\{?${e[1]}\\b|${e[1]}=`).test(run[1])) set.add(e[1]);
      for (const name of set) if (isEnvName(name)) out.push({ name, file, line: start + 1, kind: 'dockerfile-arg', tool: 'Dockerfile (build step)', ...(stage ? { owner: `stage ${stage}` } : {}) });
      continue;
    }
    const m = /^\s*(FROM|ENV|ARG)\s+(.*)$/i.exec(line);
    if (!m) continue;
    const instruction = m[1].toUpperCase();
    if (instruction === 'FROM') {
      stage = /\bAS\s+([\w.-]+)/i.exec(m[2])?.[1];
      continue;
    }
    const kind = instruction === 'ENV' ? 'dockerfile' : 'dockerfile-arg';
    for (const name of names(instruction, m[2])) {
      // An instruction continued over lines (`ENV A=1 \` / `B=2`): each name is cited on its own line.
      let line = start;
      for (let j = start; j <= i; j++) if (new RegExp(`(^|\\s)${name}(=|\\s|$)`).test(lines[j].replace(/^\s*(ENV|ARG)\s+/i, ' '))) {
        line = j;
        break;
      }
      out.push({ name, file, line: line + 1, kind, tool: 'Dockerfile', ...(stage ? { owner: `stage ${stage}` } : {}) });
    }
  }
  return out;
}

/** `ENV A=1 B="x y"`, legacy `ENV A some value`, `ARG A`, `ARG A=default`. */
function names(instruction: string, rest: string): string[] {
  const body = rest.trim();
  if (!body.includes('=')) {
    const first = body.split(/\s+/)[0];
    return first && isEnvName(first) ? [first] : [];
  }
  if (instruction === 'ENV' && /^[A-Za-z_][A-Za-z0-9_]*\s+[^=\s]/.test(body) && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(body)) {
    // Legacy form whose value happens to contain `=`: `ENV JAVA_OPTS -Dx=y`.
    return [body.split(/\s+/)[0]];
  }
  const out: string[] = [];
  // Skip quoted values so `A="x B=y"` names only A.
  for (const m of body.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) if (isEnvName(m[1])) out.push(m[1]);
  return out;
}
