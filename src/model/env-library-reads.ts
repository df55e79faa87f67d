/**
 * Variables a library reads from the environment by itself, with no line of the project naming them: next-auth's
 * `NEXTAUTH_SECRET`, uploadthing's `UPLOADTHING_SECRET`, the OpenAI client's `OPENAI_API_KEY`. Where such a library is
 * a dependency, a variable the project sets but never names is read by it, not "not read" or "left over".
 * (Prisma's `env("DATABASE_URL")` is a read of the schema file, found by the env detector.)
 */
import type { Citation } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';
import { jsonKeyLine } from '../scan/json-keys.js';

interface LibraryReads {
  /** Dependency names that bring the reader (the library and its framework adapters). */
  readonly deps: RegExp;
  /** What the reader is called in prose. */
  readonly label: string;
  readonly names: RegExp;
}

/** Each entry is what the library's own source reads from `process.env` when the option is not passed in code. */
const LIBRARIES: readonly LibraryReads[] = [
  // next-auth v4 and v5 (`setEnvDefaults`): the secret, the URL, trustHost, and v5's `AUTH_<PROVIDER>_ID/SECRET`.
  {
    deps: /^next-auth$/,
    label: 'next-auth',
    names: /^(NEXTAUTH_(SECRET|URL|URL_INTERNAL)|AUTH_(SECRET|URL|TRUST_HOST|REDIRECT_PROXY_URL)|AUTH_[A-Z0-9_]+_(ID|SECRET|ISSUER))$/,
  },
  { deps: /^@auth\/(core|sveltekit|express|qwik|solid-start)$/, label: 'Auth.js', names: /^(AUTH_(SECRET|URL|TRUST_HOST|REDIRECT_PROXY_URL)|AUTH_[A-Z0-9_]+_(ID|SECRET|ISSUER))$/ },
  { deps: /^(uploadthing|@uploadthing\/.+)$/, label: 'uploadthing', names: /^UPLOADTHING_(SECRET|APP_ID|TOKEN)$/ },
  { deps: /^openai$/, label: 'the OpenAI client', names: /^OPENAI_(API_KEY|BASE_URL|ORG_ID|PROJECT_ID)$/ },
  { deps: /^@anthropic-ai\/sdk$/, label: 'the Anthropic client', names: /^ANTHROPIC_(API_KEY|BASE_URL|AUTH_TOKEN)$/ },
  { deps: /^@clerk\/(nextjs|remix|express|backend|astro)$/, label: 'Clerk', names: /^(CLERK_(SECRET_KEY|PUBLISHABLE_KEY)|NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY)$/ },
  { deps: /^@vercel\/postgres$/, label: '@vercel/postgres', names: /^POSTGRES_(URL|URL_NON_POOLING)$/ },
  { deps: /^@vercel\/kv$/, label: '@vercel/kv', names: /^KV_REST_API_(URL|TOKEN)$/ },
  // `Redis.fromEnv()` falls back to Vercel KV's names when `UPSTASH_REDIS_REST_*` are unset (since 1.34.3); its own
  // names are read at the call (src/detectors/env/reads-library-calls.ts).
  { deps: /^@upstash\/redis$/, label: '@upstash/redis (`Redis.fromEnv()` since 1.34.3)', names: /^KV_REST_API_(URL|TOKEN)$/ },
  // The SDK reads the DSN; the build plugin of the framework SDKs uploads source maps with the auth token.
  { deps: /^@sentry\/(nextjs|sveltekit|remix|astro|nuxt)$/, label: 'Sentry', names: /^(SENTRY_(DSN|AUTH_TOKEN|ORG|PROJECT)|NEXT_PUBLIC_SENTRY_DSN)$/ },
];

export interface LibraryRead {
  /** `next-auth (dependency)`: the reader, as prose. */
  readonly library: string;
  /** The dependency's line in the manifest that declares it. */
  readonly at: Citation;
}

/** The libraries among the repository's dependencies that read `name` themselves, at their manifest lines. */
export function libraryReads(index: RepoIndex, name: string): LibraryRead[] {
  const libs = LIBRARIES.filter((l) => l.names.test(name));
  if (libs.length === 0) return [];
  const out: LibraryRead[] = [];
  for (const lib of libs) {
    for (const p of index.packages) {
      for (const section of ['dependencies', 'devDependencies'] as const) {
        // The library itself (`uploadthing`) before an adapter of it (`@uploadthing/react`).
        const dep = Object.keys(p.manifest[section] ?? {}).filter((d) => lib.deps.test(d)).sort((a, b) => Number(a.startsWith('@')) - Number(b.startsWith('@')) || (a < b ? -1 : 1))[0];
        if (!dep) continue;
        out.push({ library: lib.label, at: { file: p.manifestPath, line: jsonKeyLine(index, p.manifestPath, section, dep) } });
        break;
      }
    }
  }
  return out;
}

/** The `what` of a library read in the env-read evidence: `read by next-auth (dependency)`. */
export function libraryReadWhat(r: LibraryRead): string {
  return `read by ${r.library} (dependency)`;
}

export function isLibraryRead(what: string): boolean {
  return what.startsWith('read by ') && what.endsWith(' (dependency)');
}
