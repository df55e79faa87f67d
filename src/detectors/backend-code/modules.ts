/** Where backend code keeps its data access (repositories, `db/`, `dal/`, client factories) and its shared libraries. */
import { mentions } from '../shared/ast.js';
import { importsFromText } from '../shared/text-scan.js';
import type { DataModuleData } from './types.js';

const REPOSITORY = /(^|\/)(repositories|repository|repos)\/|[-._]?(repository|repo)\.[cm]?[jt]s$/i;
const DATA_ACCESS = /(^|\/)(dal|db|database|data-access|dataaccess|persistence|dao|daos|models|entities)\/|[-._](dao|dal|db|model|entity)\.[cm]?[jt]s$/i;
const SHARED_LIB = /(^|\/)(lib|libs|utils|util|helpers|common|shared|core)\//;
const CLIENT_FACTORY = [
  'DynamoDBDocumentClient.from', 'new DynamoDBClient(', 'DocumentClient(', 'DynamoDBDocument.from', 'new PrismaClient(',
  'new DataSource(', 'mongoose.connect(', 'new Pool(', 'new Redis(',
];
/**
 * Factory functions whose bare names a project reuses for its own wrappers (`import { createClient } from
 * '@/utils/supabase/client'` makes no client in the caller): they count only when taken from a database library.
 */
const BARE_FACTORY = ['drizzle', 'createPool', 'createClient', 'createBrowserClient', 'createServerClient'];

/**
 * The module a client factory comes from. A file that says `new DataSource(` in a string (an installer script that
 * rewrites the repository's code) sets up no client: the name is evidence only beside an import of a database library
 * (a generated Prisma client may live at any path with `prisma` in it).
 */
const DB_MODULES = String.raw`(?:@aws-sdk\/(?:client-dynamodb|lib-dynamodb)|aws-sdk(?:\/[^'"]*)?|[^'"]*prisma[^'"]*|typeorm|mongoose|mongodb|drizzle-orm(?:\/[^'"]*)?|pg|pg-pool|postgres|mysql2(?:\/promise)?|mysql|mariadb|mssql|ioredis|redis|@redis\/client|@neondatabase\/serverless|@vercel\/(?:kv|postgres)|@upstash\/redis|@libsql\/client|better-sqlite3|sqlite3|kysely|knex|sequelize|@planetscale\/database|@supabase\/(?:supabase-js|ssr|auth-helpers-[\w-]+)|firebase-admin(?:\/[^'"]*)?|firebase\/(?:firestore|database)|@google-cloud\/firestore)`;
const DB_IMPORT = new RegExp(String.raw`(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)['"]${DB_MODULES}['"]`);
const DB_MODULE = new RegExp(`^${DB_MODULES}$`);

const CLIENT_MODULE = /(db|dynamo|database|client|prisma|drizzle|mongo|redis|sql|data|store)[^/]*$|(^|\/)(lib|libs|utils|shared|common|core|clients?)\/[^/]*(db|dynamo|database|client|prisma|mongo|redis|sql)/i;

export function dataModuleKind(file: string, text: string, accessesDb: boolean): DataModuleData['kind'] | undefined {
  if (/(^|\/)(seeds?|migrations?)(\/|\.[cm]?[jt]s$)/.test(file)) return undefined;
  // A tool's config beside the schema (`db/drizzle.config.ts`, `knexfile.ts`) configures migrations; it accesses nothing.
  if (/\.config\.[cm]?[jt]s$|(^|\/)(knexfile|ormconfig)\.[cm]?[jt]s$/.test(file)) return undefined;
  if (REPOSITORY.test(file)) return 'repository';
  if (DATA_ACCESS.test(file) && accessesDb) return 'data-access';
  // A module that sets up the client for others (`lib/dynamo.ts`, `lib/db.ts`), not a handler making its own.
  if (!accessesDb && CLIENT_MODULE.test(file) && DB_IMPORT.test(text) && createsClient(text)) return 'client';
  if (DATA_ACCESS.test(file) && /(^|\/)(dal|db|database|data-access|persistence|dao)\//i.test(file)) return 'data-access';
  return undefined;
}

/** Whether the file calls a database library's client factory (a bare factory name only when imported from one). */
function createsClient(text: string): boolean {
  if (mentions(text, CLIENT_FACTORY)) return true;
  // Type arguments may come first (`createClient<Database>(…)`).
  if (!BARE_FACTORY.some((n) => text.includes(`${n}(`) || text.includes(`${n}<`))) return false;
  for (const [local, binding] of importsFromText(text)) {
    if (!DB_MODULE.test(binding.module)) continue;
    // `import { createClient } from 'redis'`, `import { drizzle as db } from 'drizzle-orm/…'`, `import * as redis from
    // 'redis'` then `redis.createClient(`.
    if (BARE_FACTORY.includes(binding.imported) && (text.includes(`${local}(`) || text.includes(`${local}<`))) return true;
    if ((binding.imported === '*' || binding.imported === 'default') && BARE_FACTORY.some((n) => new RegExp(String.raw`(?<![\w$])${local.replace(/\$/g, '\\$')}\s*\.\s*${n}\s*\(`).test(text))) return true;
  }
  return false;
}

export function isSharedLibPath(file: string): boolean {
  return SHARED_LIB.test(file);
}

/**
 * A tool's config file (`lib/authoriser/jest.config.js`, `vite.config.ts`, `.eslintrc.js`, `babel.config.cjs`): its
 * exports are the tool's settings, read by the tool, never a utility other code imports — even under `lib/`.
 */
const TOOL_CONFIG = /(^|\/)([\w-]+\.)+config\.[cm]?[jt]s$|(^|\/)\.[\w-]+rc\.[cm]?[jt]s$|(^|\/)(knexfile|ormconfig)\.[cm]?[jt]s$/;

export function isToolConfigFile(file: string): boolean {
  return TOOL_CONFIG.test(file);
}
