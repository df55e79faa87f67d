/** Where backend code keeps its data access (repositories, `db/`, `dal/`, client factories) and its shared libraries. */
import { mentions } from '../shared/ast.js';
import type { DataModuleData } from './types.js';

const REPOSITORY = /(^|\/)(repositories|repository|repos)\/|[-._]?(repository|repo)\.[cm]?[jt]s$/i;
const DATA_ACCESS = /(^|\/)(dal|db|database|data-access|dataaccess|persistence|dao|daos|models|entities)\/|[-._](dao|dal|db|model|entity)\.[cm]?[jt]s$/i;
const SHARED_LIB = /(^|\/)(lib|libs|utils|util|helpers|common|shared|core)\//;
const CLIENT_FACTORY = [
  'DynamoDBDocumentClient.from', 'new DynamoDBClient(', 'DocumentClient(', 'DynamoDBDocument.from', 'new PrismaClient(',
  'new DataSource(', 'mongoose.connect(', 'drizzle(', 'new Pool(', 'createPool(', 'new Redis(', 'createClient(',
];

/**
 * The module a client factory comes from. A file that says `new DataSource(` in a string (an installer script that
 * rewrites the repository's code) sets up no client: the name is evidence only beside an import of a database library
 * (a generated Prisma client may live at any path with `prisma` in it).
 */
const DB_IMPORT =
  /(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)['"](?:@aws-sdk\/(?:client-dynamodb|lib-dynamodb)|aws-sdk(?:\/[^'"]*)?|[^'"]*prisma[^'"]*|typeorm|mongoose|mongodb|drizzle-orm(?:\/[^'"]*)?|pg|pg-pool|postgres|mysql2(?:\/promise)?|mysql|mariadb|mssql|ioredis|redis|@redis\/client|@neondatabase\/serverless|@vercel\/(?:kv|postgres)|@upstash\/redis|@libsql\/client|better-sqlite3|sqlite3|kysely|knex|sequelize|@planetscale\/database|@supabase\/(?:supabase-js|ssr|auth-helpers-[\w-]+)|firebase-admin(?:\/[^'"]*)?|firebase\/(?:firestore|database)|@google-cloud\/firestore)['"]/;

const CLIENT_MODULE = /(db|dynamo|database|client|prisma|drizzle|mongo|redis|sql|data|store)[^/]*$|(^|\/)(lib|libs|utils|shared|common|core|clients?)\/[^/]*(db|dynamo|database|client|prisma|mongo|redis|sql)/i;

export function dataModuleKind(file: string, text: string, accessesDb: boolean): DataModuleData['kind'] | undefined {
  if (/(^|\/)(seeds?|migrations?)(\/|\.[cm]?[jt]s$)/.test(file)) return undefined;
  // A tool's config beside the schema (`db/drizzle.config.ts`, `knexfile.ts`) configures migrations; it accesses nothing.
  if (/\.config\.[cm]?[jt]s$|(^|\/)(knexfile|ormconfig)\.[cm]?[jt]s$/.test(file)) return undefined;
  if (REPOSITORY.test(file)) return 'repository';
  if (DATA_ACCESS.test(file) && accessesDb) return 'data-access';
  // A module that sets up the client for others (`lib/dynamo.ts`, `lib/db.ts`), not a handler making its own.
  if (!accessesDb && CLIENT_MODULE.test(file) && mentions(text, CLIENT_FACTORY) && DB_IMPORT.test(text)) return 'client';
  if (DATA_ACCESS.test(file) && /(^|\/)(dal|db|database|data-access|persistence|dao)\//i.test(file)) return 'data-access';
  return undefined;
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
