/**
 * Dotenv files the code loads by an explicit path: `process.loadEnvFile('.env.example')`,
 * `dotenv.config({ path: '.env.example' })`, `require('dotenv').config({ path: path.join(__dirname, 'config/.env') })`.
 * The setup step must name the file the code loads: when that is the committed example itself, a copied `.env` is
 * never read. A text scan (no parse): the forms are one call each, and only files naming `loadEnvFile` or `dotenv` are read.
 */
import path from 'node:path';

export interface DotenvLoad {
  /** The path as the code writes it (`.env.example`, `../config/.env`). */
  readonly path: string;
  /** Whether the path is joined to `__dirname` / `import.meta.dirname` (relative to the file, not the working directory). */
  readonly fromFile: boolean;
  readonly line: number;
  readonly how: 'loadEnvFile' | 'dotenv';
}

export const DOTENV_LOAD_TEXT = /loadEnvFile|dotenv/;
/** `loadEnvFile('x')`, `loadEnvFile(path.join(__dirname, 'x'))`. */
const LOAD_ENV_FILE = /\bloadEnvFile\s*\(([^)]*\)?)\)/g;
/** `.config({ path: 'x' })`, `.config({ path: resolve(__dirname, 'x') })`, `config({ override: true, path: 'x' })`. */
const DOTENV_CONFIG = /\bconfig\s*\(\s*\{([^}]*?\bpath\s*:[^}]*)\}/g;
const QUOTED = /(['"`])([^'"`$\n]+)\1/g;

/** The explicit dotenv loads in one code file's text. */
export function dotenvLoads(text: string): DotenvLoad[] {
  const out: DotenvLoad[] = [];
  const lineAt = (i: number) => text.slice(0, i).split('\n').length;
  for (const m of text.matchAll(LOAD_ENV_FILE)) push(out, m[1], 'loadEnvFile', lineAt(m.index ?? 0));
  if (text.includes('dotenv')) {
    for (const m of text.matchAll(DOTENV_CONFIG)) {
      const value = /\bpath\s*:\s*([\w.]+\s*\([^)]*\)|[^,}]*)/.exec(m[1])?.[1] ?? '';
      push(out, value, 'dotenv', lineAt(m.index ?? 0));
    }
  }
  return out;
}

function push(out: DotenvLoad[], arg: string, how: DotenvLoad['how'], line: number): void {
  // The last literal names the file (`path.join(__dirname, '..', '.env.example')`); a path with `${…}` is computed.
  const literals = [...arg.matchAll(QUOTED)].map((q) => q[2]);
  const last = literals[literals.length - 1];
  if (!last || !/(^|\/)\.?env\b|\.env$/.test(last) || /[`$]/.test(arg.replace(QUOTED, ''))) return;
  const joined = literals.length > 1 ? path.posix.join(...literals) : last;
  out.push({ path: joined, fromFile: /__dirname|import\.meta\.(dirname|url)/.test(arg), line, how });
}

/**
 * The repository files a load can name, most likely first: relative to the loading file when joined to `__dirname`,
 * otherwise relative to the working directory (the package's folder when run by its scripts, or the root).
 */
export function loadTargets(load: DotenvLoad, file: string, packageDir: string): string[] {
  const norm = (p: string) => path.posix.normalize(p).replace(/^\.\//, '');
  if (load.fromFile) return [norm(path.posix.join(path.posix.dirname(file), load.path))];
  return [...new Set([norm(path.posix.join(packageDir || '.', load.path)), norm(load.path)])];
}
