/**
 * A Supabase project's `supabase/config.toml`, read with the line-keeping TOML reader: the project id, the local
 * ports of its services, whether auth (and sign-up) is enabled and its site URL, and each `[functions.<name>]` table's
 * `verify_jwt` and `entrypoint` settings. Values of secrets are never read (the file names them as `env(…)`).
 */
import { readToml, type TomlTable, type TomlValue } from '../../scan/toml.js';

export interface FunctionSettings {
  readonly verifyJwt?: boolean;
  /** The line of `verify_jwt`, or of the `[functions.<name>]` table when it is not set there. */
  readonly line: number;
  readonly entrypoint?: string;
}

export interface SupabaseConfig {
  readonly projectId?: string;
  readonly projectIdLine?: number;
  /** `api 54321`, `db 54322`, `studio 54323`…: service → local port, with its line. */
  readonly ports: readonly { readonly service: string; readonly port: number; readonly line: number }[];
  readonly auth?: { readonly enabled?: boolean; readonly siteUrl?: string; readonly signup?: boolean; readonly line: number };
  readonly functions: ReadonlyMap<string, FunctionSettings>;
}

const isTable = (v: TomlValue | undefined): v is TomlTable => !!v && typeof v === 'object' && !Array.isArray(v);

export function readSupabaseConfig(text: string): SupabaseConfig {
  const { root, lines } = readToml(text);
  const projectId = typeof root.project_id === 'string' ? root.project_id : undefined;
  const ports: { service: string; port: number; line: number }[] = [];
  for (const [service, table] of Object.entries(root)) {
    if (isTable(table) && typeof table.port === 'number') ports.push({ service, port: table.port, line: lines.get(`${service}.port`) ?? 1 });
  }
  const authTable = isTable(root.auth) ? root.auth : undefined;
  const auth = authTable
    ? {
        ...(typeof authTable.enabled === 'boolean' ? { enabled: authTable.enabled } : {}),
        ...(typeof authTable.site_url === 'string' ? { siteUrl: authTable.site_url } : {}),
        ...(typeof authTable.enable_signup === 'boolean' ? { signup: authTable.enable_signup } : {}),
        line: lines.get('auth') ?? 1,
      }
    : undefined;
  const functions = new Map<string, FunctionSettings>();
  if (isTable(root.functions)) {
    for (const [name, table] of Object.entries(root.functions)) {
      if (!isTable(table)) continue;
      const verifyJwt = typeof table.verify_jwt === 'boolean' ? table.verify_jwt : undefined;
      const line = lines.get(`functions.${name}.verify_jwt`) ?? lines.get(`functions.${name}`) ?? 1;
      functions.set(name, { ...(verifyJwt !== undefined ? { verifyJwt } : {}), line, ...(typeof table.entrypoint === 'string' ? { entrypoint: table.entrypoint } : {}) });
    }
  }
  return { ...(projectId ? { projectId, projectIdLine: lines.get('project_id') } : {}), ports, ...(auth ? { auth } : {}), functions };
}
