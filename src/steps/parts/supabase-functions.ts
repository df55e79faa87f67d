/**
 * Step 3's Supabase Edge Functions: one row per function with its entry file and `Deno.serve` line, whether Supabase
 * verifies a JWT before calling it (as written in config.toml, or the documented default), and what calls it by name.
 */
import type { SupabaseFunctionFact, SupabaseInvocation, SupabaseProjectFact } from '../../detectors/supabase/index.js';
import type { FactSet } from '../../facts.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite, citeAll } from '../../markdown/cite.js';
import { cell, code } from '../../markdown/text.js';

export function supabaseFunctions(facts: FactSet): SupabaseFunctionFact[] {
  return facts.of<SupabaseFunctionFact>('supabase.function');
}

function jwtCell(f: SupabaseFunctionFact['data']): string {
  if (f.jwtFrom === 'default') return "on (Supabase's default)";
  return `${f.verifyJwt ? 'on' : 'off'} (\`verify_jwt = ${f.verifyJwt}\`${f.jwtAt ? ` ${cite(f.jwtAt)}` : ''})`;
}

/** Application code and the current schema before migration files, which often repeat an old copy of the same SQL. */
const MIGRATION = /(^|\/)migrations\//;
const firstCurrent = (a: SupabaseInvocation, b: SupabaseInvocation) => Number(MIGRATION.test(a.file)) - Number(MIGRATION.test(b.file));

function invokedCell(name: string, all: readonly SupabaseInvocation[]): string {
  const list = [...all].sort(firstCurrent);
  const invoke = list.filter((c) => c.how === 'invoke');
  const url = list.filter((c) => c.how === 'url');
  const parts = [
    invoke.length > 0 && `\`functions.invoke\` ${citeAll(invoke, 3)}`,
    url.length > 0 && `its ${code(`functions/v1/${name}`)} URL ${citeAll(url, 3)}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : '—';
}

/** `### API: Supabase Edge Functions`; '' when there is none. */
export function supabaseFunctionsPart(facts: FactSet): string {
  const functions = supabaseFunctions(facts);
  if (functions.length === 0) return '';
  const projects = facts.of<SupabaseProjectFact>('supabase.project').filter((p) => p.data.functions > 0);
  const intro = projects
    .map((p) => `${p.data.functions} Edge Function${p.data.functions === 1 ? '' : 's'} (Deno) in ${code(`/${p.data.dir}/functions`)}${p.data.config ? `, configured in ${cite(p.data.config)}` : ''}.`)
    .join(' ');
  const rows = functions.map((f) => [
    code(f.data.name),
    f.data.line ? `${cite(f.data.entry, f.data.line)} (${cell(f.data.serve ?? 'serve')})` : cite(f.data.entry),
    jwtCell(f.data),
    invokedCell(f.data.name, f.data.invokedFrom),
  ]);
  return join(
    heading(3, 'API: Supabase Edge Functions'),
    `${intro} Supabase verifies the caller's JWT before a function runs unless its \`[functions.<name>]\` table sets \`verify_jwt = false\`; with it off, any caller reaches the function and its own code decides who may use it.`,
    table(['Function', 'Entry', 'JWT verification', 'Called from'], rows),
  );
}
