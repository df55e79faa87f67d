/**
 * Supabase projects: `supabase/config.toml` (project id, local ports, auth) and the Edge Functions, one per folder
 * under `supabase/functions/` (folders starting with `_` are shared code, not functions). For each function: its
 * entry file and the `Deno.serve(…)` / `serve(…)` line that starts it, whether the platform verifies a JWT before
 * calling it (`verify_jwt` of `[functions.<name>]` in config.toml; on by default, as Supabase documents), and which
 * code invokes it by name (`supabase.functions.invoke('name', …)` or a `/functions/v1/name` URL).
 */
import path from 'node:path';
import type { Citation, Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile } from '../../scan/ts.js';
import { isBuildOrVendor } from '../shared/source-scope.js';
import { codeOnly, withoutComments } from '../shared/text-scan.js';
import { readSupabaseConfig, type SupabaseConfig } from './config.js';

export interface SupabaseProjectData {
  /** The project's folder: `supabase`, `apps/web/supabase`. */
  readonly dir: string;
  readonly config?: string;
  readonly projectId?: string;
  readonly projectIdLine?: number;
  readonly ports: SupabaseConfig['ports'];
  readonly auth?: SupabaseConfig['auth'];
  readonly functions: number;
}
export type SupabaseProjectFact = Fact<'supabase.project', SupabaseProjectData>;

export interface SupabaseFunctionData {
  readonly name: string;
  /** The entry file. */
  readonly entry: string;
  /** The line of `Deno.serve(` / `serve(`, when the entry has one. */
  readonly line?: number;
  readonly serve?: string;
  /** Whether Supabase verifies the caller's JWT before the function runs. */
  readonly verifyJwt: boolean;
  /** `config`: written in config.toml (cited by `jwtAt`); `default`: not set there, so on (Supabase's default). */
  readonly jwtFrom: 'config' | 'default';
  readonly jwtAt?: Citation;
  /** `invoke`: a `functions.invoke('name'` call; `url`: a `/functions/v1/name` URL (code, or SQL such as a trigger's). */
  readonly invokedFrom: readonly SupabaseInvocation[];
}
export interface SupabaseInvocation {
  readonly file: string;
  readonly line: number;
  readonly how: 'invoke' | 'url';
}
export type SupabaseFunctionFact = Fact<'supabase.function', SupabaseFunctionData>;

const CONFIG = /(^|\/)supabase\/config\.toml$/;
const FUNCTION_FILE = /^(.*?(?:^|\/)supabase)\/functions\/([^/]+)\/[^/]+$/;
const ENTRY_NAMES = ['index.ts', 'index.tsx', 'index.js', 'index.mjs', 'index.jsx'];
const SERVE = /\bDeno\.serve\s*\(|(?:^|[^\w.$])serve\s*\(/m;
/** `.functions.invoke('name'` (a type argument may sit between), or a `/functions/v1/name` URL. */
const INVOKE = /\.functions\s*\.invoke\s*(?:<[^()]*?>)?\s*\(\s*(['"`])([\w-]+)\1|\/functions\/v1\/([\w-]+)/g;

function supabaseDirs(index: RepoIndex): Map<string, { config?: string; functions: Set<string> }> {
  const out = new Map<string, { config?: string; functions: Set<string> }>();
  const get = (dir: string) => out.get(dir) ?? out.set(dir, { functions: new Set() }).get(dir)!;
  for (const file of index.files) {
    if (isBuildOrVendor(index, file)) continue;
    if (CONFIG.test(file)) get(path.posix.dirname(file)).config = file;
    const m = FUNCTION_FILE.exec(file);
    if (m && !/^[_.]/.test(m[2]) && m[2] !== 'tests') get(m[1]).functions.add(m[2]);
  }
  return out;
}

export const supabaseDetector: Detector = {
  id: 'supabase',
  isEnabled: (index) => index.files.some((f) => CONFIG.test(f) || FUNCTION_FILE.test(f)),
  detect(index: RepoIndex): Fact[] {
    const facts: Fact[] = [];
    let invocations: Map<string, SupabaseInvocation[]> | undefined;
    for (const [dir, found] of [...supabaseDirs(index)].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const text = found.config ? index.read(found.config) : undefined;
      const config = text !== undefined ? readSupabaseConfig(text) : undefined;
      const functions: SupabaseFunctionFact[] = [];
      for (const name of [...found.functions].sort()) {
        const settings = config?.functions.get(name);
        const declared = settings?.entrypoint ? path.posix.normalize(path.posix.join(dir, settings.entrypoint)) : undefined;
        const entry = [declared, ...ENTRY_NAMES.map((e) => `${dir}/functions/${name}/${e}`)].find((f) => f && index.files.includes(f));
        if (!entry) continue;
        // A `Deno.serve(` in a comment or a string does not start the function.
        const serve = SERVE.exec(codeOnly(index.read(entry) ?? ''));
        const jwt = settings?.verifyJwt;
        invocations ??= invokedByName(index);
        const data: SupabaseFunctionData = {
          name,
          entry,
          ...(serve ? { line: index.lineAt(entry, serve.index + serve[0].search(/\S/)) ?? 1, serve: serve[0].includes('Deno') ? 'Deno.serve' : 'serve' } : {}),
          verifyJwt: jwt ?? true,
          jwtFrom: jwt === undefined ? 'default' : 'config',
          ...(jwt !== undefined && found.config ? { jwtAt: { file: found.config, line: settings!.line } } : {}),
          invokedFrom: (invocations.get(name) ?? []).filter((c) => !c.file.startsWith(`${dir}/functions/${name}/`)),
        };
        functions.push({ kind: 'supabase.function', id: `${dir} ${name}`, data, at: [{ file: entry, ...(data.line ? { line: data.line } : {}) }] });
      }
      const project: SupabaseProjectData = {
        dir,
        ...(found.config ? { config: found.config } : {}),
        ...(config?.projectId ? { projectId: config.projectId, ...(config.projectIdLine ? { projectIdLine: config.projectIdLine } : {}) } : {}),
        ports: config?.ports ?? [],
        ...(config?.auth ? { auth: config.auth } : {}),
        functions: functions.length,
      };
      facts.push({ kind: 'supabase.project', id: dir, data: project, at: [{ file: found.config ?? functions[0]?.data.entry ?? dir }] } satisfies SupabaseProjectFact);
      facts.push(...functions);
    }
    return facts;
  },
};

/** Every `functions.invoke('name'` / `/functions/v1/name` in source and SQL files, by function name. */
function invokedByName(index: RepoIndex): Map<string, SupabaseInvocation[]> {
  const out = new Map<string, SupabaseInvocation[]>();
  for (const file of index.files) {
    if (!(isSourceFile(file) || file.endsWith('.sql')) || isBuildOrVendor(index, file)) continue;
    const source = index.read(file);
    if (!source || !(source.includes('invoke') || source.includes('/functions/v1/'))) continue;
    // A call left in a comment calls nothing (SQL comments are blanked by the SQL reader's rules: `--` lines).
    const text = file.endsWith('.sql') ? source.replace(/--[^\n]*/g, (c) => ' '.repeat(c.length)) : withoutComments(source);
    INVOKE.lastIndex = 0;
    for (let m = INVOKE.exec(text); m; m = INVOKE.exec(text)) {
      const name = m[2] ?? m[3];
      const list = out.get(name) ?? out.set(name, []).get(name)!;
      const line = index.lineAt(file, m.index) ?? 1;
      if (!list.some((c) => c.file === file && c.line === line)) list.push({ file, line, how: m[2] ? 'invoke' : 'url' });
    }
  }
  return out;
}
