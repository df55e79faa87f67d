/**
 * Drizzle schemas: `pgTable` / `mysqlTable` / `sqliteTable` (and `pgTableCreator` or `pgSchema(...).table` variants)
 * with their column builders, extra config (indexes, composite primary keys, `foreignKey(…)`), `pgEnum`s, and
 * `relations(...)`.
 */
import { ts, lineOf, walk } from '../../scan/ts.js';
import { importsOf, lastName, property, propertyNameText, staticString } from '../shared/ast.js';
import type { Declared } from './drizzle-declared.js';
import { definedRelations, relationFields, returned } from './drizzle-relations.js';
import type { OrmEnumData, OrmField, OrmIndex, OrmModelData, OrmRelation } from './types.js';
import { pushTo } from '../../collections.js';

const TABLE_FN = /^(pg|mysql|sqlite|singlestore)Table$/;
const CREATOR_FN = /^(pg|mysql|sqlite|singlestore)TableCreator$/;
const SCHEMA_FN = /^(pg|mysql)Schema$/;
const ENUM_FN = /^(pg|mysql)Enum$/;
/** Drizzle's casing builders (`snakeCase.table('files', …)`, `snakeCase.schema('auth')`), whose columns may be unnamed. */
const CASED = /^(snakeCase|camelCase)\.(table|schema)$/;

/**
 * A callee's dotted name within drizzle-orm when its root is imported from it: `pgTable`, `d.pgTable` (namespace
 * import) and `snakeCase.table` / `d.snakeCase.table` give `pgTable`, `pgTable`, `snakeCase.table`, `snakeCase.table`.
 */
function drizzlePath(callee: ts.Expression, imports: Imports): string | undefined {
  const names: string[] = [];
  let e: ts.Expression = callee;
  while (ts.isPropertyAccessExpression(e)) {
    names.unshift(e.name.text);
    e = e.expression;
  }
  if (!ts.isIdentifier(e)) return undefined;
  const binding = imports.get(e.text);
  if (!binding?.module.startsWith('drizzle-orm')) return undefined;
  if (binding.imported !== '*') names.unshift(binding.imported === 'default' ? e.text : binding.imported);
  return names.length > 0 ? names.join('.') : undefined;
}

export interface DrizzleFile {
  readonly models: OrmModelData[];
  readonly enums: OrmEnumData[];
  /** `relations(users, ...)`: table variable → relation fields to add to it. */
  readonly relations: Map<string, OrmField[]>;
}

export function drizzleFile(file: string, sf: ts.SourceFile, creatorNames: ReadonlySet<string>, declared: Declared = () => undefined): DrizzleFile {
  const imports = importsOf(sf);
  const creators = new Set(creatorNames);
  const schemas = new Set<string>();
  const models: OrmModelData[] = [];
  const enums: OrmEnumData[] = [];
  const relations = new Map<string, OrmField[]>();
  let helpers: Helpers | undefined;

  walk(sf, (node) => {
    if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name) || !node.initializer || !ts.isCallExpression(node.initializer)) return;
    const call = node.initializer;
    const callee = call.expression;
    const name = lastName(callee) ?? '';
    const variable = node.name.text;
    const path = drizzlePath(callee, imports);
    // `authSchema.table(…)` / `authSchema.enum(…)` on a `pgSchema('auth')` of the file.
    const onSchema = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && schemas.has(callee.expression.text);
    if (path && CREATOR_FN.test(path)) creators.add(variable);
    else if (path && (SCHEMA_FN.test(path) || (CASED.test(path) && name === 'schema'))) schemas.add(variable);
    else if ((path && ENUM_FN.test(path)) || (onSchema && name === 'enum')) {
      const values = call.arguments[1];
      enums.push({
        orm: 'drizzle',
        name: variable,
        values: values && ts.isArrayLiteralExpression(values) ? values.elements.map((e) => staticString(e)?.text ?? e.getText(sf)) : [],
        file,
        line: lineOf(node, sf),
      });
    } else if (
      (path && (TABLE_FN.test(path) || (CASED.test(path) && name === 'table'))) ||
      (ts.isIdentifier(callee) && creators.has(name)) ||
      (onSchema && name === 'table')
    ) {
      models.push(table(variable, call, file, lineOf(node, sf), sf, (helpers ??= localHelpers(sf, imports)), imports, declared));
    } else if (path === 'relations') {
      const target = call.arguments[0];
      const fields = relationFields(call.arguments[1]);
      if (target && ts.isIdentifier(target)) pushTo(relations, target.text, ...fields);
    } else if (path === 'defineRelations' || path === 'defineRelationsPart') {
      for (const [table, fields] of definedRelations(call.arguments[1])) pushTo(relations, table, ...fields);
    }
  });
  return { models, enums, relations };
}

/** Names of `const x = pgTableCreator(...)` declared in a file, so other files calling `x(...)` define tables. */
export function creatorsIn(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  walk(sf, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isCallExpression(node.initializer)) {
      if (CREATOR_FN.test(lastName(node.initializer.expression) ?? '')) out.push(node.name.text);
    }
  });
  return out;
}

function table(
  variable: string,
  call: ts.CallExpression,
  file: string,
  line: number,
  sf: ts.SourceFile,
  helpers: Helpers,
  imports: Imports,
  declared: Declared,
): OrmModelData {
  const [nameArg, columnsArg, extraArg] = call.arguments;
  const columns = objectOf(columnsArg);
  const fields: OrmField[] = [];
  const primaryKey: string[] = [];
  const spreads: { text: string; line: number }[] = [];
  const add = (p: ts.PropertyAssignment, at: ts.SourceFile) => {
    const fieldName = propertyNameText(p.name) ?? p.name.getText(at);
    const own = at === sf;
    const col = column(fieldName, expanded(p.initializer, own ? helpers : localHelpers(at, importsOf(at))).chain, p.initializer, at, own ? imports : importsOf(at), declared);
    if (col.attributes.includes('id')) primaryKey.push(fieldName);
    fields.push(col);
  };
  for (const p of columns?.properties ?? []) {
    if (ts.isPropertyAssignment(p)) add(p, sf);
    else if (ts.isSpreadAssignment(p)) {
      // `...timestamps()`: the columns of a helper's object literal, when it reads plainly; else said to be there.
      const spread = spreadColumns(p.expression, sf, declared, 0);
      if (spread) for (const c of spread) add(c.p, c.sf);
      else spreads.push({ text: `...${p.expression.getText(sf)}`, line: lineOf(p, sf) });
    }
  }
  const indexes: OrmIndex[] = [];
  const extra = extraArg && (ts.isArrowFunction(extraArg) || ts.isFunctionExpression(extraArg)) ? returned(extraArg) : undefined;
  const entries = extra && ts.isObjectLiteralExpression(extra)
    ? extra.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? [p.initializer] : []))
    : extra && ts.isArrayLiteralExpression(extra)
      ? [...extra.elements]
      : [];
  for (const e of entries) {
    // `workspaceIdIndex('t', table.workspaceId)`: a helper of the file returning `index(`${name}_idx`).on(col)`.
    const { chain, args } = expanded(e, helpers);
    const root = chain[0];
    const on = chain.find((c) => c.name === 'on');
    const arg = (a: ts.Expression) => (ts.isIdentifier(a) && args.get(a.text)) || a;
    const columnsOf = (list: readonly ts.Expression[]) => list.map(arg).map((a) => lastName(a) ?? a.getText(sf));
    if (root?.name === 'primaryKey') {
      const cols = property(root.args[0], 'columns');
      primaryKey.push(...columnsOf(cols && ts.isArrayLiteralExpression(cols) ? [...cols.elements] : root.args));
    } else if (root && /^(index|uniqueIndex|unique)$/.test(root.name) && on) {
      const name = root.args[0] && staticString(root.args[0], args)?.text;
      indexes.push({ fields: columnsOf(on.args), unique: root.name !== 'index', ...(name ? { name } : {}) });
    } else if (root?.name === 'foreignKey') {
      // `foreignKey({ columns: [t.chatId], foreignColumns: [chat.id] })`: a many-to-one relation on the (first) column.
      const cols = property(root.args[0], 'columns');
      const refs = property(root.args[0], 'foreignColumns');
      const from = cols && ts.isArrayLiteralExpression(cols) ? columnsOf([...cols.elements]) : [];
      const target = refs && ts.isArrayLiteralExpression(refs) ? refs.elements[0] : undefined;
      const at = fields.findIndex((f) => f.name === from[0]);
      if (at !== -1 && !fields[at].relation && target && ts.isPropertyAccessExpression(target)) {
        fields[at] = { ...fields[at], relation: { model: target.expression.getText(sf), kind: 'many-to-one', fields: from } };
      }
    }
  }
  const tableName = staticString(nameArg)?.text;
  return { orm: 'drizzle', name: variable, ...(tableName ? { table: tableName } : {}), fields, primaryKey, indexes, ...(spreads.length ? { spreads } : {}), file, line };
}

/**
 * The column properties a spread adds: an object literal, a constant holding one, or a call of a function returning
 * one (`timestamps()`), in the file or imported from the repository; undefined when any part does not read plainly.
 */
function spreadColumns(expr: ts.Expression, sf: ts.SourceFile, declared: Declared, depth: number): { p: ts.PropertyAssignment; sf: ts.SourceFile }[] | undefined {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  if (depth > 3) return undefined;
  if (ts.isObjectLiteralExpression(e)) {
    const out: { p: ts.PropertyAssignment; sf: ts.SourceFile }[] = [];
    for (const p of e.properties) {
      if (ts.isPropertyAssignment(p)) out.push({ p, sf });
      else if (ts.isSpreadAssignment(p)) {
        const inner = spreadColumns(p.expression, sf, declared, depth + 1);
        if (!inner) return undefined;
        out.push(...inner);
      } else return undefined;
    }
    return out;
  }
  const name = ts.isIdentifier(e) ? e.text : ts.isCallExpression(e) && ts.isIdentifier(e.expression) ? e.expression.text : undefined;
  const decl = name ? declared(sf, name) : undefined;
  if (!decl) return undefined;
  const node = decl.node;
  const value = ts.isFunctionDeclaration(node) || ts.isVariableDeclaration(node) ? (ts.isVariableDeclaration(node) ? node.initializer : node) : undefined;
  if (!value) return undefined;
  const called = ts.isCallExpression(e);
  const fn = ts.isFunctionDeclaration(value) || ts.isArrowFunction(value) || ts.isFunctionExpression(value) ? value : undefined;
  if (called !== !!fn) return undefined;
  const body = fn ? (ts.isFunctionDeclaration(fn) ? declaredReturn(fn) : returned(fn)) : (value as ts.Expression);
  return body ? spreadColumns(body, decl.sf, declared, depth + 1) : undefined;
}

function declaredReturn(fn: ts.FunctionDeclaration): ts.Expression | undefined {
  const statements = fn.body?.statements ?? [];
  return statements.length === 1 && ts.isReturnStatement(statements[0]) ? statements[0].expression : undefined;
}

/**
 * A column built by a helper of another module (`id.type()`): nullable when the helper's code, read through the
 * repository, builds it with no `.notNull()` / `.primaryKey()` and calls only Drizzle builders (or such helpers of the
 * same object); undefined when that is not known.
 */
function helperNullable(owner: string, member: string, sf: ts.SourceFile, declared: Declared, depth: number): boolean | undefined {
  const decl = depth > 3 ? undefined : declared(sf, owner);
  const init = decl && ts.isVariableDeclaration(decl.node) ? decl.node.initializer : undefined;
  const prop = init && ts.isObjectLiteralExpression(init) ? property(init, member) : undefined;
  const body = prop && (ts.isArrowFunction(prop) || ts.isFunctionExpression(prop)) ? returned(prop) : undefined;
  if (!decl || !body) return undefined;
  const imports = importsOf(decl.sf);
  let nullable: boolean | undefined = true;
  const visit = (n: ts.Node): void => {
    if (nullable === undefined || !ts.isCallExpression(n)) return;
    const name = lastName(n.expression) ?? '';
    if (name === 'notNull' || name === 'primaryKey') nullable = false;
    // A call on a builder's result (`d.bigint().default(1)`) is a builder's method; a call of anything else is read.
    if (ts.isPropertyAccessExpression(n.expression) && ts.isCallExpression(n.expression.expression)) return;
    const root = ts.isPropertyAccessExpression(n.expression) ? n.expression.expression : n.expression;
    if (ts.isIdentifier(root) && imports.get(root.text)?.module.startsWith('drizzle-orm')) return;
    if (ts.isIdentifier(root) && root.text === owner && ts.isPropertyAccessExpression(n.expression)) {
      const inner = helperNullable(owner, n.expression.name.text, decl.sf, declared, depth + 1);
      if (inner === false) nullable = false;
      else if (inner === undefined) nullable = undefined;
      return;
    }
    nullable = undefined;
  };
  visit(body);
  walk(body, visit);
  return nullable;
}

/** `varchar('email', { length: 255 }).notNull().unique()` → type `varchar`, attributes from the chained calls. */
function column(name: string, chain: readonly ChainCall[], expr: ts.Expression, sf: ts.SourceFile, imports: Imports, declared: Declared): OrmField {
  // `id.primaryKey()` / `id.type('user_id')` on a helper object of another module (not `d.text()`, not the column
  // callback's `t.integer()`): its builder is not read, so the type names the helper and nullability is left unsaid.
  const owner = chain[0]?.on;
  const ownerModule = owner ? imports.get(owner)?.module : undefined;
  const opaque = ownerModule !== undefined && !ownerModule.startsWith('drizzle-orm');
  const type = opaque ? `${owner}.${chain[0].name}` : chain[0]?.name ?? expr.getText(sf);
  const attributes: string[] = [];
  let notNull = false;
  let list = false;
  let relation: OrmRelation | undefined;
  for (const c of chain.slice(1)) {
    if (c.name === 'notNull') notNull = true;
    else if (c.name === 'array') list = true;
    else if (c.name === 'primaryKey') attributes.push('id');
    else if (c.name === 'unique') attributes.push('unique');
    else if (/^(default|\$default|\$defaultFn)$/.test(c.name)) attributes.push(`default(${c.args.map((a) => a.getText(sf)).join(', ')})`);
    else if (/^(defaultNow|defaultRandom|autoincrement|generatedAlwaysAsIdentity|generatedByDefaultAsIdentity|\$onUpdate|onUpdateNow)$/.test(c.name)) attributes.push(c.name);
    else if (c.name === 'references') {
      const target = c.args[0];
      const body = target && (ts.isArrowFunction(target) || ts.isFunctionExpression(target)) ? returned(target) : target;
      const model = body && ts.isPropertyAccessExpression(body) ? body.expression.getText(sf) : body?.getText(sf) ?? '?';
      relation = { model, kind: 'many-to-one', fields: [name] };
    }
  }
  const optional = !notNull && !attributes.includes('id') && (!opaque || helperNullable(owner!, chain[0].name, sf, declared, 0) === true);
  return { name, type, ...(optional ? { optional: true } : {}), ...(list ? { list: true } : {}), attributes, ...(relation ? { relation } : {}) };
}

interface ChainCall {
  readonly name: string;
  readonly args: readonly ts.Expression[];
  /** The object the call is made on, when an identifier (`d` of `d.text()`, `id` of `id.primaryKey()`). */
  readonly on?: string;
}

type Imports = ReadonlyMap<string, { readonly module: string; readonly imported: string }>;

/** `a(x).b().c(y)` → `[a(x), b(), c(y)]`, innermost first; `t.integer()` (column callback style) names `integer`. */
function chainOf(expr: ts.Expression): ChainCall[] {
  const out: ChainCall[] = [];
  let e: ts.Expression = expr;
  while (ts.isCallExpression(e)) {
    const callee = e.expression;
    const name = lastName(callee) ?? '';
    const on = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : undefined;
    out.unshift({ name, args: e.arguments, ...(on ? { on } : {}) });
    if (ts.isPropertyAccessExpression(callee) && ts.isCallExpression(callee.expression)) e = callee.expression;
    else break;
  }
  return out;
}

/** Functions of the file returning one builder chain (`function id() { return text('id').primaryKey() }`), by name. */
type Helpers = ReadonlyMap<string, { readonly params: readonly ts.ParameterDeclaration[]; readonly body: ts.Expression }>;

function localHelpers(sf: ts.SourceFile, imports: ReadonlyMap<string, unknown>): Helpers {
  const out = new Map<string, { params: readonly ts.ParameterDeclaration[]; body: ts.Expression }>();
  for (const st of sf.statements) {
    const fn = ts.isFunctionDeclaration(st) && st.name && st.body ? st : undefined;
    const name = fn?.name?.text;
    const body = fn?.body?.statements.length === 1 && ts.isReturnStatement(fn.body.statements[0]) ? fn.body.statements[0].expression : undefined;
    if (fn && name && body && ts.isCallExpression(body) && !imports.has(name)) out.set(name, { params: fn.parameters, body });
  }
  return out;
}

/**
 * The builder chain of a column or extra-config entry, a call of a file helper replaced by what it returns (its own
 * chained calls after it); `args` maps the helper's parameters to the call's arguments (or their defaults).
 */
function expanded(expr: ts.Expression, helpers: Helpers): { chain: ChainCall[]; args: Map<string, ts.Expression> } {
  const chain = chainOf(expr);
  const helper = chain[0] && helpers.get(chain[0].name);
  if (!helper) return { chain, args: new Map() };
  const args = new Map<string, ts.Expression>();
  helper.params.forEach((p, i) => {
    const value = chain[0].args[i] ?? p.initializer;
    if (ts.isIdentifier(p.name) && value) args.set(p.name.text, value);
  });
  return { chain: [...chainOf(helper.body), ...chain.slice(1)], args };
}

function objectOf(expr: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  if (!expr) return undefined;
  if (ts.isObjectLiteralExpression(expr)) return expr;
  if (ts.isArrowFunction(expr) || ts.isFunctionExpression(expr)) {
    const r = returned(expr);
    return r && ts.isObjectLiteralExpression(r) ? r : undefined;
  }
  return undefined;
}
