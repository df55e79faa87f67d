/**
 * An auth library handed the database through its ORM adapter (`drizzleAdapter(db, { schema })` of better-auth,
 * `DrizzleAdapter(db)` / `PrismaAdapter(prisma)` of Auth.js, Lucia's adapters): the library reads and writes its own
 * tables (users, sessions, accounts, verification tokens) with no call of them in the project's code.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts, walk } from '../../scan/ts.js';
import { importsOf, propertyNameText } from '../shared/ast.js';
import type { Orm, OrmAuthAdapterData, OrmModelData } from './types.js';

/** Adapter module → the library it belongs to and the ORM it speaks. */
const ADAPTERS: readonly { module: RegExp; library: string; orm: Orm }[] = [
  { module: /^better-auth\/adapters\/drizzle$/, library: 'better-auth', orm: 'drizzle' },
  { module: /^better-auth\/adapters\/prisma$/, library: 'better-auth', orm: 'prisma' },
  { module: /^@auth\/drizzle-adapter$/, library: 'Auth.js', orm: 'drizzle' },
  { module: /^(@auth|@next-auth)\/prisma-adapter$/, library: 'Auth.js', orm: 'prisma' },
  { module: /^@lucia-auth\/adapter-drizzle$/, library: 'Lucia', orm: 'drizzle' },
  { module: /^@lucia-auth\/adapter-prisma$/, library: 'Lucia', orm: 'prisma' },
];
const NEEDLES = ['better-auth/adapters/', '-adapter', '@lucia-auth/adapter-'];

export function authAdapters(index: RepoIndex, sources: readonly string[]): OrmAuthAdapterData[] {
  const out: OrmAuthAdapterData[] = [];
  for (const file of sources) {
    const text = index.read(file);
    if (!text || !NEEDLES.some((n) => text.includes(n))) continue;
    const sf = index.parseOnce(file);
    if (!sf) continue;
    const imports = importsOf(sf);
    walk(sf, (node) => {
      if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return;
      const callee = node.expression;
      const binding = ts.isIdentifier(callee) ? imports.get(callee.text) : undefined;
      const adapter = binding && binding.imported !== '*' ? ADAPTERS.find((a) => a.module.test(binding.module)) : undefined;
      if (!adapter || !ts.isIdentifier(callee)) return;
      out.push({ library: adapter.library, orm: adapter.orm, name: binding!.imported, tables: namedTables([...(node.arguments ?? [])]), file, line: lineOf(node, sf) });
    });
  }
  return out;
}

/**
 * The tables the call names: identifiers among its arguments after the client (Lucia's `(db, sessions, users)`), the
 * values of its options (`{ usersTable: users }`), of a `schema: { user: users }` object, and `prisma.session`.
 */
function namedTables(args: readonly ts.Expression[]): string[] {
  const out = new Set<string>();
  const take = (e: ts.Expression): void => {
    if (ts.isIdentifier(e)) out.add(e.text);
    else if (ts.isPropertyAccessExpression(e)) out.add(e.name.text);
    else if (ts.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        if (ts.isPropertyAssignment(p)) {
          const key = propertyNameText(p.name);
          if (key === 'provider' || key === 'usePlural') continue;
          take(p.initializer);
        } else if (ts.isShorthandPropertyAssignment(p) && p.name.text !== 'schema') out.add(p.name.text);
      }
    }
  };
  // The first argument is the client (`db`, `prisma`), unless it is already a table (Lucia's `prisma.session`).
  args.forEach((a, i) => (i > 0 || ts.isPropertyAccessExpression(a)) && take(a));
  return [...out].sort();
}

/** Tables an auth library keeps by convention (better-auth, Auth.js), singular or plural, any case. */
const AUTH_TABLE = /^(users?|sessions?|accounts?|verifications?|verification_?tokens?|authenticators?)$/i;

/** The first adapter (by place) of the model's ORM that names the model or is handed a table named like an auth table. */
export function managingAdapter(adapters: readonly OrmAuthAdapterData[], model: Pick<OrmModelData, 'orm' | 'name'>): OrmAuthAdapterData | undefined {
  return [...adapters]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line))
    .find((a) => a.orm === model.orm && (a.tables.includes(model.name) || AUTH_TABLE.test(model.name)));
}
