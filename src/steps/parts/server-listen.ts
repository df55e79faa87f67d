/**
 * A backend dev server: a package's dev script that runs its server entry (`nest start --watch` → `src/main.ts`,
 * `bun run --watch src/index.ts`), and the port that entry's `.listen(…)` is given, when the code says it: a literal,
 * `process.env.PORT ?? 3000`, or a validated env schema's member with a `.default(3001)` in a schema file the entry
 * imports (directly or through its imports). Anything else is "not known": a port is never guessed.
 */
import path from 'node:path';
import type { FactSet } from '../../facts.js';
import type { EnvReadFact } from '../../detectors/env/types.js';
import { moduleReferences } from '../../detectors/shared/import-text.js';
import { moduleResolver } from '../../detectors/shared/resolve-module.js';
import { readJsonc } from '../../detectors/config-files/readers.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { cite } from '../../markdown/cite.js';
import { code } from '../../markdown/text.js';
import { ts } from '../../scan/ts.js';
import { constantsOf } from '../../detectors/shared/ast.js';
import { processEnvNames } from '../../detectors/env/reads-text.js';

const SOURCE = /^[\w./-]+\.[cm]?[jt]sx?$/;
const LISTEN = /\.listen\s*\(\s*([^,)]*?)\s*[,)]/;
/** How far the entry's imports are followed to find the env schema it loads. */
const MAX_FILES = 400;

/** The file a dev command starts, when it names one or is `nest start` (nest-cli.json's sourceRoot/entryFile). */
export function serverEntry(index: RepoIndex, dir: string, command: string): string | undefined {
  const at = (rel: string) => (dir ? `${dir}/${rel}` : rel);
  if (/\bnest\s+start\b/.test(command)) {
    const cli = readJsonc(index, at('nest-cli.json')) as { sourceRoot?: unknown; entryFile?: unknown } | undefined;
    const root = typeof cli?.sourceRoot === 'string' ? cli.sourceRoot : 'src';
    const entry = typeof cli?.entryFile === 'string' ? cli.entryFile : 'main';
    const file = at(`${root.replace(/^\.\/|\/$/g, '')}/${entry}.ts`);
    return index.has(file) ? file : undefined;
  }
  for (const token of command.split(/[\s;&|]+/)) {
    const rel = token.replace(/^['"]|['"]$/g, '').replace(/^\.\//, '');
    if (!SOURCE.test(rel) || rel.startsWith('../')) continue;
    if (index.has(at(rel))) return at(rel);
  }
  return undefined;
}

export interface ListenCall {
  readonly file: string;
  readonly line: number;
  readonly argument: string;
}

/** The entry's `.listen(…)` call: the proof the entry starts a server. */
export function listenCall(index: RepoIndex, file: string): ListenCall | undefined {
  const text = index.read(file);
  const m = text ? LISTEN.exec(text) : null;
  if (!text || !m) return undefined;
  return { file, line: text.slice(0, m.index).split('\n').length, argument: m[1] };
}

/** The port cell of a backend dev server: its value and where it comes from, or "not known". */
export function listenPortText(index: RepoIndex, facts: FactSet, call: ListenCall): string {
  const at = cite(call.file, call.line);
  const arg = call.argument;
  if (/^\d{2,5}$/.test(arg)) return `${arg} (${at})`;
  // `process.env.PORT ?? 3000`, `Number(process.env.PORT) || 3000`: the variable, else the literal.
  const fallback = /^(?:(?:Number|parseInt)\()?\s*process\.env\.([A-Z][A-Z0-9_]*)\s*\)?\s*(?:\?\?|\|\|)\s*(\d{2,5})$/.exec(arg);
  if (fallback) return `${fallback[2]} unless ${code(fallback[1])} is set (${at})`;
  const local = /^[A-Za-z_$][\w$]*$/.test(arg) ? localPort(index, call.file, arg) : undefined;
  if (local) return `${local.port} unless ${code(local.env)} is set (${cite(call.file, local.line)}; listen at ${at})`;
  const member = /^[A-Za-z_$][\w$]*\.([A-Z][A-Z0-9_]*)$/.exec(arg);
  if (member) {
    const defaults = schemaDefaults(index, facts, call.file, member[1]);
    if (defaults.length === 1) return `${defaults[0].port} unless ${code(member[1])} is set (default in the schema ${cite(defaults[0].file, defaults[0].line)}; listen at ${at})`;
  }
  return `not known: ${code(`.listen(${arg})`)} at ${at}`;
}

/**
 * `const port = <parsed PORT> ? parsed : 3009` or `const port = Number(process.env.PORT) || 3009` in the entry itself:
 * the literal the code falls back to, and the one variable its other side is read from (directly, or through a `const`
 * of the same file). Anything less plain is left "not known".
 */
function localPort(index: RepoIndex, file: string, name: string): { port: string; env: string; line: number } | undefined {
  const sf = index.parseOnce(file);
  if (!sf) return undefined;
  const consts = constantsOf(sf);
  const first = consts.get(name);
  const decl = first?.parent;
  let init = first;
  while (init && (ts.isParenthesizedExpression(init) || ts.isAsExpression(init))) init = init.expression;
  if (!decl || !init) return undefined;
  let literal: ts.Expression | undefined;
  let other: ts.Expression | undefined;
  if (ts.isConditionalExpression(init)) [literal, other] = ts.isNumericLiteral(init.whenFalse) ? [init.whenFalse, init.whenTrue] : [init.whenTrue, init.whenFalse];
  else if (ts.isBinaryExpression(init) && (init.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || init.operatorToken.kind === ts.SyntaxKind.BarBarToken)) [literal, other] = [init.right, init.left];
  if (!literal || !other || !ts.isNumericLiteral(literal) || !/^\d{2,5}$/.test(literal.text) || Number(literal.text) > 65535) return undefined;
  // The variable behind the other side: named in it, or in the initialisers of the same-file consts it names.
  const names = new Set(processEnvNames(other.getText(sf)));
  const seen = new Set<string>([name]);
  const queue = [other.getText(sf)];
  for (let i = 0; i < queue.length && i < 8; i++) {
    for (const id of queue[i].match(/[A-Za-z_$][\w$]*/g) ?? []) {
      const value = consts.get(id);
      if (!value || seen.has(id)) continue;
      seen.add(id);
      const text = value.getText(sf);
      for (const e of processEnvNames(text)) names.add(e);
      queue.push(text);
    }
  }
  if (names.size !== 1) return undefined;
  return { port: literal.text, env: [...names][0], line: sf.getLineAndCharacterOfPosition(decl.getStart(sf)).line + 1 };
}

/** The distinct numeric `.default(n)`s of `name` in the env schemas the entry reaches through its imports. */
function schemaDefaults(index: RepoIndex, facts: FactSet, entry: string, name: string): { port: string; file: string; line: number }[] {
  const reached = importClosure(index, entry);
  const out = new Map<string, { port: string; file: string; line: number }>();
  for (const f of facts.of<EnvReadFact>('env.read')) {
    const d = f.data.defaultAt;
    if (f.data.name !== name || !d || !(reached.has(f.data.file) || reached.has(d.file))) continue;
    const line = index.read(d.file)?.split('\n')[d.line - 1] ?? '';
    const port = /\.default\(\s*(\d{2,5})\s*\)/.exec(line)?.[1];
    // A default that is not a literal on the member's line is not read: the port stays "not known".
    if (!port) return [];
    out.set(`${d.file}:${d.line}`, { port, file: d.file, line: d.line });
  }
  const ports = new Set([...out.values()].map((x) => x.port));
  return ports.size === 1 ? [...out.values()].slice(0, 1) : [];
}

function importClosure(index: RepoIndex, entry: string): Set<string> {
  const resolver = moduleResolver(index);
  const seen = new Set([entry]);
  const queue = [entry];
  while (queue.length && seen.size < MAX_FILES) {
    const file = queue.shift()!;
    const text = index.read(file);
    if (!text) continue;
    for (const ref of moduleReferences(text)) {
      if (ref.typeOnly) continue;
      const target = resolver.resolve(file, ref.module);
      if (!target || seen.has(target) || target.includes('node_modules/') || path.extname(target) === '.json') continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return seen;
}
