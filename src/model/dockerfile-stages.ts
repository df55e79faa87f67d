/**
 * Whether a Dockerfile's `ENV` / `ARG` line gives a value to a `$X` on a later line of the same file: an `ENV` reaches
 * the rest of its stage and every stage built `FROM` it (`FROM base AS runner`, whose `CMD node ${APP_PATH}/…` reads
 * what base set); an `ARG` only the build steps of its own stage, never the container's `CMD` / `ENTRYPOINT`.
 */
export function dockerfileSetReaches(text: string, setLine: number, readLine: number, kind: 'dockerfile' | 'dockerfile-arg'): boolean {
  if (readLine <= setLine) return false;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // Each line's stage (its FROM's index), and each stage's parent stage when it is built from another.
  const stageOf: number[] = [];
  const parents: (number | undefined)[] = [];
  const names = new Map<string, number>();
  let stage = -1;
  for (const [i, l] of lines.entries()) {
    const from = /^\s*FROM\s+(.*)$/i.exec(l);
    if (from) {
      const [image, as, name] = from[1].replace(/--[\w-]+=\S+/g, ' ').trim().split(/\s+/);
      stage = parents.length;
      parents.push(names.get(image?.toLowerCase() ?? ''));
      if (as?.toLowerCase() === 'as' && name) names.set(name.toLowerCase(), stage);
    }
    stageOf[i] = stage;
  }
  const setStage = stageOf[setLine - 1];
  const readStage = stageOf[readLine - 1];
  if (setStage === undefined || readStage === undefined) return false;
  if (kind === 'dockerfile-arg') return setStage === readStage && setStage !== -1 && !RUNTIME.test(instructionAt(lines, readLine - 1));
  for (let s: number | undefined = readStage; s !== undefined; s = parents[s]) if (s === setStage) return true;
  return false;
}

const RUNTIME = /^\s*(CMD|ENTRYPOINT)\s/i;

/** The instruction line a line belongs to: the first line of a backslash-continued instruction. */
function instructionAt(lines: readonly string[], i: number): string {
  let start = i;
  while (start > 0 && /\\\s*$/.test(lines[start - 1])) start--;
  return lines[start];
}
