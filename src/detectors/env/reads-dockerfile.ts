/**
 * A Dockerfile's shell commands reading variables: `CMD if [ "$ENVIRONMENT" = "development" ]; then …` runs in the
 * container, which gets the variable from compose `environment:` / `env_file`, Kubernetes or `docker run -e`: a read
 * of it at run time, cited at the Dockerfile line. `CMD`/`ENTRYPOINT` in shell form (or exec form through `sh -c`).
 * A `RUN` step runs at build time and sees only what the Dockerfile itself declares before it (`ARG`, `ENV`), so only
 * those names count there; any other `$X` in a `RUN` is the base image's or empty, not a variable the project sets.
 * `WORKDIR`, `COPY`, `ADD`, `USER`, `VOLUME`, `EXPOSE`, `LABEL` and `STOPSIGNAL` are expanded by the builder at build
 * time, from the same declared names as a `RUN`.
 * Single-quoted text does not expand and is skipped; shell locals are lower case and left out.
 */
import type { RawRead } from './raw-reads.js';

const INSTRUCTION = /^\s*(FROM|ARG|ENV|RUN|CMD|ENTRYPOINT|WORKDIR|COPY|ADD|USER|VOLUME|EXPOSE|LABEL|STOPSIGNAL)\s+(.*)$/i;
/** Instructions whose `$X` the builder substitutes itself (`WORKDIR $HOME/app`), from what the Dockerfile declares, in either form. */
const SUBSTITUTED = new Set(['WORKDIR', 'COPY', 'ADD', 'USER', 'VOLUME', 'EXPOSE', 'LABEL', 'STOPSIGNAL']);
/** `$NAME`, `${NAME}`, `${NAME:-x}`, `${NAME:?msg}`: the name and the operator after it. */
const USE = /(?<![\\$])\$(?:\{([A-Z_][A-Z0-9_]*)(:?[-=+?])?|([A-Z_][A-Z0-9_]*)(?![A-Za-z0-9_]))/g;

export function dockerfileReads(source: string): RawRead[] {
  const out: RawRead[] = [];
  const lines = source.split(/\r?\n/);
  let declared = new Map<string, boolean>();
  // `FROM base AS runner` starts with base's ENV (an ARG stays in its stage): the CMD of the image reads what base set.
  let env = new Map<string, boolean>();
  let stage: string | undefined;
  const stageEnv = new Map<string, Map<string, boolean>>();
  for (let i = 0; i < lines.length; i++) {
    const m = INSTRUCTION.exec(lines[i]);
    if (!m) continue;
    const start = i;
    // A backslash at the end continues the instruction on the next line; each use is cited on its own line.
    while (/\\\s*$/.test(lines[i]) && i + 1 < lines.length) i++;
    const instruction = m[1].toUpperCase();
    const body = [m[2], ...lines.slice(start + 1, i + 1)].join('\n');
    if (instruction === 'FROM') {
      if (stage !== undefined) stageEnv.set(stage, env);
      const [image, as, name] = body.replace(/--[\w-]+=\S+/g, ' ').trim().split(/\s+/);
      const parent = stageEnv.get(image?.toLowerCase() ?? '');
      stage = as?.toLowerCase() === 'as' && name ? name.toLowerCase() : undefined;
      env = new Map(parent ?? []);
      declared = new Map(parent ?? []);
      continue;
    }
    if (instruction === 'ARG' || instruction === 'ENV') {
      // `ARG X=default` and every `ENV` give a value; a bare `ARG X` is empty unless the build passes it.
      // Legacy `ENV NAME value` (no `=`): the first word is the name and the rest its value.
      const legacy = instruction === 'ENV' && !/^\s*[A-Za-z_][A-Za-z0-9_]*=/.test(body) ? /^\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(body) : null;
      if (legacy) declared.set(legacy[1], true);
      else for (const d of body.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)(=)?/g)) declared.set(d[1], instruction === 'ENV' || d[2] !== undefined || declared.get(d[1]) === true);
      if (instruction === 'ENV') for (const name of legacy ? [legacy[1]] : [...body.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=/g)].map((d) => d[1])) env.set(name, true);
      continue;
    }
    const substituted = SUBSTITUTED.has(instruction);
    const exec = body.trimStart().startsWith('[');
    if (exec && !substituted && !/"-c"/.test(body)) continue;
    const build = instruction === 'RUN' || substituted;
    // Names the command assigns itself (`X=1 node …`, `export X=…`, `for X in`, `read X`) are its own.
    const own = new Set([...body.matchAll(/(?:^|[\s;&|(])(?:export\s+)?([A-Z_][A-Z0-9_]*)=/g), ...body.matchAll(/\b(?:for|read)\s+([A-Z_][A-Z0-9_]*)/g)].map((a) => a[1]));
    for (let j = start; j <= i; j++) {
      const text = (j === start ? m[2] : lines[j]).replace(/'[^'\n]*'/g, "''");
      if (/^\s*#/.test(text)) continue;
      for (const u of text.matchAll(USE)) {
        const name = u[1] ?? u[3];
        if (own.has(name) || (build && !declared.has(name))) continue;
        const op = u[2];
        // A default (`${X:-x}`), a test (`[ "$X" = … ]` copes with empty) or a value the Dockerfile gives is a fallback.
        const inTest = /(\[\[?|\btest)\s[^\]]*$/.test(text.slice(0, u.index));
        const fallback = (op !== undefined && op !== '?' && op !== ':?') || inTest || declared.get(name) === true;
        const required = op === '?' || op === ':?' ? { required: 'guard' as const } : {};
        out.push({ name, line: j + 1, via: 'dockerfile', receiver: 'process', fallback, ...required });
      }
    }
  }
  return out;
}
