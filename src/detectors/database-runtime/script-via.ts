/**
 * A migration script that runs a file of the repository (`"db:migrate": "tsx ./cli/db-migrate.ts"`): the migration
 * command that file, or a module it imports, runs (`runCommand('pnpm prisma migrate dev')`). Without that command in
 * the code the script is not said to migrate anything: its name alone proves nothing.
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { moduleReferences } from '../shared/import-text.js';

export interface ScriptVia {
  /** The command as the code writes it: `pnpm prisma migrate dev`. */
  readonly command: string;
  readonly file: string;
  readonly line: number;
}

/** A script named for migrations (`migrate`, `db:migrate`, `migrations:run`). */
const MIGRATION_NAME = /migrat/i;
/** `tsx ./cli/db-migrate.ts`, `node scripts/migrate.mjs`, `npx ts-node src/migrate.ts`: a runner and the file it runs. */
const RUNS_FILE = /^(?:(?:npx|pnpm(?:\s+exec)?|yarn|bunx)\s+)?(?:tsx|ts-node(?:-esm)?|node|bun(?:\s+run)?|esno|vite-node|jiti|babel-node)\s+(?:-{1,2}[\w-]+(?:=\S+)?\s+)*(\.{0,2}\/?[\w./@-]+\.[cm]?[jt]sx?)(?=\s|$)/;
const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '/index.ts', '/index.js'];

export function scriptVia(index: RepoIndex, dir: string, name: string, command: string, tool: RegExp): ScriptVia | undefined {
  if (!MIGRATION_NAME.test(name)) return undefined;
  const m = RUNS_FILE.exec(command.trim());
  if (!m) return undefined;
  const entry = path.posix.normalize(path.posix.join(dir, m[1]));
  if (!index.has(entry)) return undefined;
  // The file itself, then the modules it imports by relative path (one level: a CLI that calls a command module).
  const own = commandIn(index, entry, tool);
  if (own) return own;
  for (const ref of moduleReferences(index.read(entry) ?? '')) {
    if (!ref.module.startsWith('.')) continue;
    const target = resolve(index, path.posix.join(path.posix.dirname(entry), ref.module));
    const found = target && commandIn(index, target, tool);
    if (found) return found;
  }
  return undefined;
}

function resolve(index: RepoIndex, base: string): string | undefined {
  const plain = path.posix.normalize(base);
  const stem = plain.replace(/\.[cm]?js$/, '');
  return [...EXTENSIONS.map((e) => plain + e), ...EXTENSIONS.slice(1).map((e) => stem + e)].find((f) => index.has(f) && /\.[cm]?[jt]sx?$/.test(f));
}

/** The first line of code (not a comment) naming the tool's command, as the string it is written in. */
function commandIn(index: RepoIndex, file: string, tool: RegExp): ScriptVia | undefined {
  const text = index.read(file);
  if (!text) return undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(\/\/|\/?\*)/.test(line)) continue;
    const m = tool.exec(line);
    if (!m) continue;
    const quoted = [...line.matchAll(/(['"`])((?:(?!\1).)*)\1/g)].map((q) => q[2]).find((q) => tool.test(q));
    return { command: (quoted ?? m[0]).trim(), file, line: i + 1 };
  }
  return undefined;
}
