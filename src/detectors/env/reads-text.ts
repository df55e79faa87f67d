/**
 * Reads in text the TypeScript parser does not take: component markup (`.astro`, `.vue`, `.svelte`, `.html`), and
 * Python and Go code (a CDK app's Lambdas are often Python: a variable CDK sets there is read, not "left over").
 */
import { isEnvName } from './names.js';
import type { RawRead } from './reads.js';

const TEXT_READ = /\b(process\.env|import\.meta\.env)(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\])/g;

/** For files the TypeScript parser cannot read (`.astro`, `.vue`, `.svelte`, `.html`): a text scan for the same forms. */
export function envReadsInText(text: string): RawRead[] {
  const out: RawRead[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(TEXT_READ)) {
      const name = m[2] ?? m[3];
      if (isEnvName(name)) {
        const fallback = /^\s*(\?\?|\|\|)/.test(line.slice((m.index ?? 0) + m[0].length));
        out.push({ name, line: i + 1, via: 'text', receiver: m[1] === 'process.env' ? 'process' : 'import.meta', fallback });
      }
    }
  });
  return out;
}

/** `os.environ["X"]`, `os.environ.get("X", d)`, `os.getenv("X")`, `environ.setdefault("X", d)`. */
const PYTHON = /\b(?:os\.)?(environ\s*\[|environ\.get\(|getenv\(|environ\.setdefault\()\s*(['"])([A-Za-z_][A-Za-z0-9_]*)\2\s*(,)?/g;
/** `os.Getenv("X")`, `os.LookupEnv("X")`. */
const GO = /\bos\.(?:Getenv|LookupEnv)\(\s*"([A-Za-z_][A-Za-z0-9_]*)"/g;

export const PYTHON_FILE = /\.py$/;
export const GO_FILE = /\.go$/;

export function pythonReads(text: string): RawRead[] {
  return scan(text, '#', PYTHON, (m) => ({ name: m[3], fallback: m[4] === ',' && m[1] !== 'environ[' && !m[1].startsWith('environ ') }), 'python');
}

export function goReads(text: string): RawRead[] {
  return scan(text, '//', GO, (m) => ({ name: m[1], fallback: false }), 'go');
}

function scan(text: string, comment: string, re: RegExp, pick: (m: RegExpMatchArray) => { name: string; fallback: boolean }, via: 'python' | 'go'): RawRead[] {
  const out: RawRead[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trimStart().startsWith(comment)) return;
    for (const m of line.matchAll(re)) {
      const { name, fallback } = pick(m);
      if (isEnvName(name)) out.push({ name, line: i + 1, via, receiver: 'process', fallback });
    }
  });
  return out;
}
