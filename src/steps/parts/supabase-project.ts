/** Step 6's short summary of each `supabase/config.toml`: the project, its local ports, auth, and Edge Function JWTs. */
import type { SupabaseFunctionFact, SupabaseProjectFact } from '../../detectors/supabase/index.js';
import type { FactSet } from '../../facts.js';
import { bullets, heading, join } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code } from '../../markdown/text.js';

const PROJECTS = 3;
const PORTS = 6;
const NAMES = 6;

/** '' when no Supabase project has a config.toml. The functions themselves are listed in step 3. */
export function supabaseProjectPart(facts: FactSet): string {
  const projects = facts.of<SupabaseProjectFact>('supabase.project').filter((p) => p.data.config);
  if (projects.length === 0) return '';
  const functions = facts.of<SupabaseFunctionFact>('supabase.function');
  const blocks = projects.slice(0, PROJECTS).map((p) => {
    const config = p.data.config!;
    const items: string[] = [];
    if (p.data.projectId) items.push(`**Project id:** ${code(p.data.projectId)} (${cite(config, p.data.projectIdLine)})`);
    const ports = p.data.ports;
    if (ports.length) {
      const more = ports.length > PORTS ? ` (+${ports.length - PORTS} more in ${cite(config)})` : '';
      items.push(`**Local ports** (\`supabase start\`): ${ports.slice(0, PORTS).map((x) => `${code(x.service)} ${x.port} (${cite(config, x.line)})`).join(', ')}${more}`);
    }
    const auth = p.data.auth;
    if (auth) {
      const parts = [auth.enabled === false ? 'disabled' : auth.enabled ? 'enabled' : 'configured'];
      if (auth.siteUrl) parts.push(`site URL ${code(auth.siteUrl)}`);
      if (auth.signup !== undefined) parts.push(`sign-up ${auth.signup ? 'on' : 'off'}`);
      items.push(`**Auth:** ${parts.join(', ')} (${cite(config, auth.line)})`);
    }
    const mine = functions.filter((f) => f.data.entry.startsWith(`${p.data.dir}/functions/`));
    if (mine.length) {
      const off = mine.filter((f) => !f.data.verifyJwt);
      const names = (list: typeof mine) => `${list.slice(0, NAMES).map((f) => code(f.data.name)).join(', ')}${list.length > NAMES ? ` (+${list.length - NAMES} more)` : ''}`;
      const jwt = off.length === 0
        ? 'Supabase verifies the caller\'s JWT for each (its default; no `verify_jwt = false`)'
        : `JWT verification off (\`verify_jwt = false\`) for ${names(off)}${off.length < mine.length ? `; on for the other ${mine.length - off.length}` : ''}`;
      items.push(`**Edge Functions:** ${mine.length} in ${code(`/${p.data.dir}/functions`)}; ${jwt} — each function is listed in step 3`);
    }
    return join(`${cite(config)}:`, bullets(items));
  });
  const more = projects.length > PROJECTS ? `(+${projects.length - PROJECTS} more Supabase projects: ${projects.slice(PROJECTS).map((p) => cite(p.data.config!)).join(', ')})` : '';
  return join(heading(3, 'Supabase project'), ...blocks, more);
}

